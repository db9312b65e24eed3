"""One play-through: its own modules, formulation and state, and the steps that change them."""
import base64
import hashlib
import os
import random
import shutil
import sys
import traceback

from . import errors, loading, model, sandbox, snapshot, views, wire
from .errors import WorkerError
from .guard import GAME_FAULTS, CallTimeout, GameExit
from .rules import check_move


def step_seed(seed, step, _cache={}):
    """The seed of step ``step`` (docs/gamehost-protocol.md, "Randomness")."""
    key = (seed, step)
    value = _cache.get(key)
    if value is None:
        if len(_cache) > 4096:
            _cache.clear()
        value = _cache[key] = int(hashlib.sha256(("%d:%d" % key).encode()).hexdigest()[:15], 16)
    return value


class Game:
    """What a worker knows about its one game folder; shared by its play-throughs."""

    def __init__(self, files, vis_files, scratch):
        self.files = files
        self.vis_files = vis_files
        self.folder = files.folder
        self.scratch = scratch
        self.importer = loading.GameImporter(files.folder)
        self.importer.install()


class PlayThrough:
    def __init__(self, game, pt, seed, config, base_url, render_roles, active_roles):
        self.game = game
        self.game_dir = game.folder
        self.pt = pt
        self.module_name = loading.PT_MODULE_PREFIX + pt
        self.seed = seed
        self.config = dict(config)
        self.base_url = base_url
        self.requested_render_roles = render_roles
        self.requested_active_roles = active_roles
        self.session_folder = os.path.join(game.scratch, "sessions", pt)
        self.scope = loading.ModuleScope(game.importer)
        self.snapshots = snapshot.SnapshotTaker()
        self.module = self.vis = self.formulation = self.state = None
        self.step = 0
        self.roles, self.operators, self.active_roles, self.render_roles = [], [], frozenset(), []
        self.render_state, self.render_kwargs = None, ()
        self.files_seen = {}     # session files already reported as artifacts: path -> (mtime, size)
        self.folder_mtime = None
        self.writes_seen = -1    # sandbox.writes_allowed when the folder was last looked at
        self.entry_cache = {}    # operator index -> its view entry, when it cannot change (views.py)
        self.last_snapshot = None  # pickle bytes of the committed step (for rollback)

    # ----- loading ---------------------------------------------------------------------------
    def load_modules(self):
        """Imports the PFF and vis module afresh (inside the scope, under the caller's guard)."""
        random.seed(step_seed(self.seed, 0))
        try:
            self.module = loading.load_pff(self.game.files, self.module_name, self.scope)
            self.formulation = loading.find_formulation(self.module)
            if self.formulation is None:
                raise WorkerError(errors.LOAD_FAILED, "%s defines no formulation: expected a module-level "
                                  "object with metadata, operators and initialize_problem" % self.game.files.pff)
            self.vis = loading.load_vis(self.game.files, self.formulation, self.game.vis_files)
        except (WorkerError, CallTimeout):
            raise
        except loading.DiscoveryError as e:
            raise WorkerError(errors.LOAD_FAILED, str(e))
        except BaseException as e:
            raise load_error(e, self.game_dir, "loading %s" % self.game.files.pff)
        render = getattr(self.vis, "render_state", None) if self.vis is not None else None
        self.render_state = render if callable(render) else None
        self.render_kwargs = views.render_kwargs_names(render) if self.render_state else ()

    def initialize(self):
        """Calls initialize_problem(config) once, as a play-through starts."""
        os.makedirs(self.session_folder, exist_ok=True)
        self.roles = model.read_roles(self.formulation)
        self.set_active_roles()
        config = self.full_config(self.session_folder)
        random.seed(step_seed(self.seed, 0))
        try:
            state = self.formulation.initialize_problem(config)
        except (WorkerError, CallTimeout):
            raise
        except BaseException as e:
            raise game_error(e, self.game_dir, "initialize_problem")
        if state is None:
            raise WorkerError(errors.GAME_ERROR, "initialize_problem returned no state")
        self.state = state
        self.read_structure()

    def full_config(self, session_folder):
        config = dict(self.config)
        config["session_folder"] = session_folder
        config["active_roles"] = list(self.active_roles)
        return config

    def set_active_roles(self):
        active = self.requested_active_roles
        if active is None:
            active = self.config.get("active_roles")
        if active is None:
            active = [r.index for r in self.roles if not r.observer]
        self.active_roles = frozenset(int(a) for a in active)

    def read_structure(self):
        """Roles, operators and the roles to render, read after initialize_problem or a restore."""
        self.roles = model.read_roles(self.formulation)
        self.operators = model.read_operators(self.formulation)
        rr = self.requested_render_roles
        self.render_roles = list(rr) if rr is not None else [r.index for r in self.roles]

    def restore_from(self, data):
        """Rebuilds the play-through from snapshot bytes, without calling initialize_problem
        (except against a throw-away folder when operators are built there)."""
        self.roles = model.read_roles(self.formulation)
        self.set_active_roles()
        os.makedirs(self.session_folder, exist_ok=True)
        bundle = snapshot.load(data, self.module)
        if not model.read_operators(self.formulation) or bundle.get("unpicklable_attrs"):
            self.rebuild_operators()
        snapshot.apply_bundle(bundle, self)
        self.read_structure()
        self.files_seen = views.scan_folder(self.session_folder)

    def rebuild_operators(self):
        """Operators built inside initialize_problem: run it against a throw-away folder, keep them.

        Also keeps formulation attributes the snapshot could not hold (listed in it)."""
        throwaway = os.path.join(self.game.scratch, "rebuild", self.pt)
        os.makedirs(throwaway, exist_ok=True)
        random.seed(step_seed(self.seed, 0))
        try:
            self.formulation.initialize_problem(self.full_config(throwaway))
        except (WorkerError, CallTimeout):
            raise
        except BaseException as e:
            raise game_error(e, self.game_dir, "initialize_problem (rebuilding operators)")
        finally:
            shutil.rmtree(throwaway, ignore_errors=True)

    # ----- queries ---------------------------------------------------------------------------
    def role(self, index):
        roles = self.roles
        return roles[index] if isinstance(index, int) and 0 <= index < len(roles) else None

    def role_label(self, index):
        info = self.role(index)
        return "%s (%s)" % (index, info.name) if info is not None else str(index)

    @staticmethod
    def is_goal(state):
        method = getattr(state, "is_goal", None)
        if method is None:
            return False
        try:
            return bool(method())
        except GAME_FAULTS:
            return False

    def read_session_file(self, rel, limit):
        path = os.path.realpath(os.path.join(self.session_folder, rel))
        if not path.startswith(os.path.join(os.path.realpath(self.session_folder), "")):
            return None
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                return f.read(limit)
        except OSError:
            return None

    # ----- steps -----------------------------------------------------------------------------
    def apply(self, role, op_index, args):
        """Checks and applies one move; on any fault the play-through is left as it was."""
        op, params, args = check_move(self, role, op_index, args)
        random.seed(step_seed(self.seed, self.step + 1))
        try:
            new_state = model.apply_operator(op, self.state, params, args)
        except CallTimeout:
            raise  # the caller disarms the deadline first, then rolls back
        except BaseException as e:
            self.roll_back()
            raise game_error(e, self.game_dir, "operator %d" % op_index)
        if new_state is None:
            self.roll_back()
            raise WorkerError(errors.GAME_ERROR, "operator %d returned no state (its transition must "
                              "return the new state)" % op_index)
        return new_state

    def roll_back(self):
        """Undoes what game code may have changed in place (globals, instance_data, the state)."""
        if self.last_snapshot is not None:
            snapshot.apply_bundle(snapshot.load(self.last_snapshot, self.module), self)

    def result(self, state, step, roles=None, output=""):
        """The StepResult for ``state`` as step ``step`` (does not commit anything)."""
        render = self.render_roles if roles is None else roles
        unknown = [r for r in render if self.role(r) is None]
        if unknown:
            raise WorkerError(errors.BAD_REQUEST, "no role %s in this game (its roles are 0 to %d)"
                              % (", ".join(map(str, unknown)), len(self.roles) - 1))
        sv = views.StepView(self, state)
        summary = sv.summary()
        result = {"pt": self.pt, "step": step, "seed": step_seed(self.seed, step)}
        result.update(summary)
        result["views"] = [sv.role_view(r) for r in render]
        result["state_json"] = views.state_json(state)
        return result

    def snapshot_bytes(self, state):
        previous, self.state = self.state, state
        try:
            return self.snapshots.take(self)
        except snapshot.UnpicklableState as e:
            raise WorkerError(errors.GAME_ERROR, str(e), e.cause, self.game_dir)
        finally:
            self.state = previous

    def artifacts(self):
        """Files created or changed in session_folder since the last call."""
        writes = sandbox.writes_allowed
        if (writes == self.writes_seen and sandbox.guards_installed and not self.files_seen
                and self.folder_mtime is not None):
            return []  # still empty, and the audit hook let no write through since: no system call
        self.writes_seen = writes
        try:
            folder_mtime = os.stat(self.session_folder).st_mtime_ns
        except OSError:
            folder_mtime = None
        if not self.files_seen and folder_mtime == self.folder_mtime:
            return []  # still empty: the common case costs one stat
        self.folder_mtime = folder_mtime
        now = views.scan_folder(self.session_folder)
        changed = []
        for rel, sig in now.items():
            if self.files_seen.get(rel) != sig:
                path = os.path.join(self.session_folder, rel)
                digest = hashlib.sha256()
                try:
                    with open(path, "rb") as f:
                        for block in iter(lambda: f.read(1 << 16), b""):
                            digest.update(block)
                except OSError:
                    continue
                changed.append({"path": rel, "sha256": digest.hexdigest(), "size": sig[1]})
        self.files_seen = now
        return changed

    def close(self):
        if self.module is not None and sys.modules.get(self.module_name) is self.module:
            del sys.modules[self.module_name]
        self.module = self.vis = self.formulation = self.state = None


def encode_snapshot(data):
    return wire.Base64Text(base64.b64encode(data).decode("ascii"))


def game_error(e, game_dir, where):
    if isinstance(e, SystemExit):
        return WorkerError(errors.GAME_ERROR, "the game called sys.exit(%r) in %s; games must not exit"
                           % (e.code, where), e, game_dir)
    if isinstance(e, GameExit):
        return WorkerError(errors.GAME_ERROR, "the game called os._exit() in %s; games must not exit"
                           % where, e, game_dir)
    if isinstance(e, MemoryError):
        traceback.clear_frames(e.__traceback__)  # let go of what the game hoarded before reporting
        return WorkerError(errors.GAME_ERROR, "the game ran out of memory in %s" % where, e, game_dir)
    if isinstance(e, RecursionError):
        return WorkerError(errors.GAME_ERROR, "the game recursed too deeply in %s" % where, e, game_dir)
    return WorkerError(errors.GAME_ERROR, "%s raised %s" % (where, errors.describe_exception(e)), e, game_dir)


def load_error(e, game_dir, where):
    err = game_error(e, game_dir, where)
    err.code = errors.LOAD_FAILED
    return err
