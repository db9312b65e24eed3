"""The request loop of a worker: one JSON request per line in, one response per line out."""
import base64
import binascii
import gc
import json
import os
import re
import resource
import shutil
import sys

from . import errors, model, wire
from .discovery import DiscoveryError, discover
from .errors import WorkerError
from .guard import GAME_FAULTS, CallGuard, CallTimeout, GameExit
from .loading import module_file_name
from .playthrough import Game, PlayThrough, encode_snapshot, game_error

MAX_LINE = 16 * 1024 * 1024
YOUNG_DUE = 500   # objects since the last pass; CPython's own pass comes at 700
FULL_AFTER = 10   # a full pass between requests after this many times CPython's generation-2 count
PT_ID = re.compile(r"[A-Za-z0-9_-]{1,64}\Z")


class Worker:
    def __init__(self, game_dir, scratch, call_timeout_ms, records=False):
        self.game_dir = game_dir
        self.records = records    # answer with binary records (protocol 3) instead of JSON lines
        self.scratch = scratch
        self.timeout_ms = call_timeout_ms
        self.guard = CallGuard(call_timeout_ms / 1000.0)
        self.pts = {}
        self._game = None
        self._describe_count = 0
        self._out = None          # the protocol stream, once serving
        self._current_id = None   # id of the request being handled
        self._closed_since_collect = False
        self.guard.on_stuck = self._answer_stuck
        self.ops = {"describe": self.describe, "start": self.start, "apply": self.apply, "view": self.view,
                    "restore": self.restore, "close": self.close, "ping": self.ping}

    # ----- the loop --------------------------------------------------------------------------
    def serve(self, inp, out):
        """Answers requests from ``inp`` (an ``inbox.RequestInput``) on ``out`` until end of input."""
        self._out = out
        while True:
            inp.await_request()
            line = inp.readline(MAX_LINE + 1)
            if not line:
                return
            if len(line) > MAX_LINE and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # drop the rest of the oversized line
                    line = inp.readline(MAX_LINE)
                response = self._encode(_error_response(None, WorkerError(errors.BAD_REQUEST,
                                                                          "request line longer than 16 MiB")))
            elif not line.strip():
                continue
            else:
                response = self.handle_line(line)
            out.write(response)
            out.flush()
            inp.answered()
            if self._closed_since_collect:
                self.collect_garbage()
            elif gc.get_count()[0] >= YOUNG_DUE:
                self.collect_young()

    def collect_garbage(self):
        """Frees what closed play-throughs left behind, once their answer is on its way.

        A play-through's module namespaces and classes are reference cycles (functions point back
        at their globals), so they, and everything a game keeps in them (tables, memos, the last
        state drawn), wait for a full cyclic collection, which Python runs rarely in a
        long-lived worker: without this, each finished play-through of a card game stayed in
        memory for thousands of moves. Game finalizers may run here, so it runs under the guard."""
        self._closed_since_collect = False
        self._current_id = None
        with self.guard:
            gc.collect()

    def collect_young(self):
        """The collector's pass over young objects, run between requests when it is nearly due,
        so that it seldom falls in the middle of a move (a card game's move leaves ~20 objects
        behind: every ~30 moves one move took ~130 us longer). Generations 0 and 1 as CPython
        would run them; a full pass only after very many (play-throughs usually close first)."""
        counts = gc.get_count()
        _, every1, every2 = gc.get_threshold()
        generation = 0 if counts[1] < every1 else 1 if counts[2] < FULL_AFTER * every2 else 2
        with self.guard:
            gc.collect(generation)

    def handle_line(self, line):
        try:
            request = json.loads(line)
        except ValueError as e:
            return self._encode(_error_response(None, WorkerError(errors.BAD_REQUEST, "request is not JSON: %s" % e)))
        rid = request.get("id") if isinstance(request, dict) else None
        self._current_id = rid
        try:
            if not isinstance(request, dict):
                raise WorkerError(errors.BAD_REQUEST, "request must be a JSON object")
            handler = self.ops.get(request.get("op"))
            if handler is None:
                raise WorkerError(errors.BAD_REQUEST, "unknown op %r (known: %s)"
                                  % (request.get("op"), ", ".join(sorted(self.ops))))
            response = {"id": rid, "ok": True, "result": handler(request)}
        except WorkerError as e:
            response = _error_response(rid, e)
        except CallTimeout:
            response = _error_response(rid, self._timeout_error("the request"))
        except (SystemExit, GameExit) as e:  # game code exiting where no finer handler caught it
            response = _error_response(rid, game_error(e, self.game_dir, "the request"))
        except Exception as e:  # a bug in the worker itself: report it, keep serving
            response = _error_response(rid, WorkerError(errors.GAME_ERROR, "internal worker error: %s"
                                                        % errors.describe_exception(e), e))
        try:
            return self._encode(response)
        except (TypeError, ValueError, RecursionError) as e:
            return self._encode(_error_response(rid, WorkerError(errors.GAME_ERROR, "result is not JSON: %s" % e)))

    def _encode(self, response):
        return wire.encode_response(response, records=self.records)

    def _answer_stuck(self):
        """Game code keeps catching the deadline: answer the request, then the worker exits."""
        if self._out is None:
            return
        err = WorkerError(errors.TIMEOUT, "the game ignored the %d ms deadline (it catches every exception);"
                          " the worker stops" % self.timeout_ms)
        try:
            self._out.write(self._encode(_error_response(self._current_id, err)))
            self._out.flush()
        except BaseException as e:
            os.write(2, ("worker: could not answer the stuck request: %r\n" % e).encode())

    # ----- operations ------------------------------------------------------------------------
    def describe(self, req):
        game = self.game()
        self._describe_count += 1
        pt = PlayThrough(game, "describe-%d" % self._describe_count, 0, _config(req), "", None, None)
        try:
            with pt.scope, self.guard:
                try:
                    pt.load_modules()
                    pt.initialize()
                except CallTimeout:
                    raise self._timeout_error("loading the game")
                return self._description(pt)
        finally:
            pt.close()
            shutil.rmtree(pt.session_folder, ignore_errors=True)

    def _description(self, pt):
        f, state = pt.formulation, pt.state
        minimum, maximum = model.read_roles_limits(f, pt.roles)
        operators = []
        for i, op in enumerate(pt.operators):
            try:
                name, params = model.operator_name(op, state), model.operator_params(op, state)
            except GAME_FAULTS as e:
                raise WorkerError(errors.LOAD_FAILED, "operator %d: its name or params raised %s"
                                  % (i, errors.describe_exception(e)), e, pt.game_dir)
            operators.append({"index": i, "name": name, "description": str(getattr(op, "description", "") or ""),
                              "params": params, "role": model.operator_role(op)})
        description = model.metadata_json(f)
        description.update({
            "pff": pt.game.files.pff,
            "vis": module_file_name(pt.vis, pt.game_dir) if pt.vis is not None else None,
            "roles": [r.to_json() for r in pt.roles],
            "min_players_to_start": minimum, "max_players": maximum,
            "operators": operators,
            "config_keys": model.config_keys(f),
            "has_text_view_for_role": callable(getattr(state, "text_view_for_role", None)),
            "role_specific_vis": "role_num" in pt.render_kwargs,
        })
        return description

    def start(self, req):
        game = self.game()
        pt_id = _pt(req)
        pt = PlayThrough(game, pt_id, _int(req, "seed"), _config(req), _str(req, "base_url", ""),
                         _roles(req, "roles"), _roles(req, "active_roles"))
        with pt.scope, self.guard:
            try:
                pt.load_modules()
                pt.initialize()
                result = self._result(pt, pt.state, 0)
            except CallTimeout:
                self._abandon(pt)
                raise self._timeout_error("starting the game")
            except BaseException:
                self._abandon(pt)
                raise
            self._commit(pt, pt.state, 0, result)
            result["stdout"] = self.guard.output.text()
        return result

    def apply(self, req):
        pt = self._live(req)
        role, op_index, args = _int(req, "role"), _int(req, "op_index"), req.get("args")
        if args is not None and not isinstance(args, list):
            raise WorkerError(errors.BAD_REQUEST, "args must be a list or null")
        with pt.scope, self.guard:
            try:
                new_state = pt.apply(role, op_index, args)
                result = self._result(pt, new_state, pt.step + 1)
            except CallTimeout:
                self.guard.disarm()
                pt.roll_back()
                raise self._timeout_error("operator %d" % op_index)
            except WorkerError as e:
                if e.code == errors.GAME_ERROR and pt.state is not None:
                    pt.roll_back()
                raise
            except GAME_FAULTS as e:  # e.g. sys.exit() in a view of the new state
                pt.roll_back()
                raise game_error(e, pt.game_dir, "showing the new state")
            self._commit(pt, new_state, pt.step + 1, result)
            result["stdout"] = self.guard.output.text()
        return result

    def view(self, req):
        pt = self._live(req)
        roles = _roles(req, "roles")
        with pt.scope, self.guard:
            try:
                result = pt.result(pt.state, pt.step, roles)
            except CallTimeout:
                raise self._timeout_error("rendering the views")
            result["snapshot"] = encode_snapshot(pt.last_snapshot)
            result["session_folder"] = pt.session_folder
            result["artifacts"] = pt.artifacts()
            result["stdout"] = self.guard.output.text()
        return result

    def restore(self, req):
        game = self.game()
        pt_id = _pt(req)
        try:
            data = snapshot_b64decode(_str(req, "snapshot"))
        except ValueError as e:
            raise WorkerError(errors.RESTORE_FAILED, "snapshot is not base64: %s" % e)
        step = _int(req, "step")
        pt = PlayThrough(game, pt_id, _int(req, "seed"), _config(req), _str(req, "base_url", ""),
                         _roles(req, "roles"), _roles(req, "active_roles"))
        with pt.scope, self.guard:
            try:
                pt.load_modules()
                pt.restore_from(data)
                result = self._result(pt, pt.state, step, snapshot_data=data)
            except CallTimeout:
                self._abandon(pt)
                raise self._timeout_error("restoring the game")
            except WorkerError:
                self._abandon(pt)
                raise
            except Exception as e:
                self._abandon(pt)
                raise WorkerError(errors.RESTORE_FAILED, "the snapshot could not be restored: %s"
                                  % errors.describe_exception(e), e, pt.game_dir)
            self._commit(pt, pt.state, step, result)
            result["stdout"] = self.guard.output.text()
        return result

    def close(self, req):
        pt_id = _pt(req)
        if pt_id not in self.pts:
            raise WorkerError(errors.UNKNOWN_PLAYTHROUGH, "no live play-through %r" % pt_id)
        self._drop(pt_id)
        return {}

    def ping(self, req):
        return {"playthroughs": len(self.pts), "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}

    # ----- helpers ---------------------------------------------------------------------------
    def game(self):
        if self._game is None:
            try:
                files, vis_files = discover(self.game_dir)
            except DiscoveryError as e:
                raise WorkerError(errors.LOAD_FAILED, str(e))
            self._game = Game(files, vis_files, self.scratch)
        return self._game

    def _live(self, req):
        pt_id = _pt(req)
        pt = self.pts.get(pt_id)
        if pt is None:
            raise WorkerError(errors.UNKNOWN_PLAYTHROUGH, "no live play-through %r in this worker" % pt_id)
        return pt

    def _drop(self, pt_id):
        old = self.pts.pop(pt_id, None)
        if old is not None:
            old.close()
            self._closed_since_collect = True

    def _result(self, pt, state, step, snapshot_data=None):
        """Views, state_json and snapshot of ``state``; nothing is committed yet."""
        result = pt.result(state, step)
        data = snapshot_data if snapshot_data is not None else pt.snapshot_bytes(state)
        result["snapshot"] = encode_snapshot(data)
        result["_snapshot_bytes"] = data
        return result

    def _abandon(self, pt):
        """A start or restore failed: the live play-through with that id (if any) stays as it was."""
        pt.close()
        old = self.pts.get(pt.pt)
        if old is not None and old is not pt and old.module is not None:
            sys.modules[old.module_name] = old.module

    def _commit(self, pt, state, step, result):
        old = self.pts.get(pt.pt)
        if old is not None and old is not pt:
            old.close()  # a start or restore replaced it
            self._closed_since_collect = True
        pt.state = state
        pt.step = step
        pt.last_snapshot = result.pop("_snapshot_bytes")
        self.pts[pt.pt] = pt
        result["session_folder"] = pt.session_folder
        result["artifacts"] = pt.artifacts()

    def _timeout_error(self, what):
        return WorkerError(errors.TIMEOUT, "%s took longer than %d ms and was interrupted"
                           % (what, self.timeout_ms))


def snapshot_b64decode(text):
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error as e:
        raise ValueError(str(e))


def _error_response(rid, err):
    return {"id": rid, "ok": False, "error": err.to_json()}


def _pt(req):
    pt = req.get("pt")
    if not isinstance(pt, str) or not PT_ID.match(pt):
        raise WorkerError(errors.BAD_REQUEST, "pt must be a string of 1-64 letters, digits, '_' or '-'")
    return pt


def _int(req, key):
    value = req.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise WorkerError(errors.BAD_REQUEST, "%s must be an integer" % key)
    return value


def _str(req, key, default=None):
    value = req.get(key, default)
    if value is None:
        value = default
    if not isinstance(value, str):
        raise WorkerError(errors.BAD_REQUEST, "%s must be a string" % key)
    return value


def _config(req):
    config = req.get("config")
    if config is None:
        return {}
    if not isinstance(config, dict):
        raise WorkerError(errors.BAD_REQUEST, "config must be an object")
    return config


def _roles(req, key):
    value = req.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or any(isinstance(r, bool) or not isinstance(r, int) for r in value):
        raise WorkerError(errors.BAD_REQUEST, "%s must be a list of role numbers" % key)
    return value
