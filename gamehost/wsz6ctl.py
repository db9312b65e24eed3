"""WSZ6 game-host command line: validate, describe and play a game folder through the real worker.

    ./wsz6 validate GAME [--playouts N] [--max-steps 500] [--seed S] [--json]
    ./wsz6 describe GAME --json          (python3 -I gamehost/wsz6ctl.py describe GAME --json)
    ./wsz6 play GAME

Every command starts the same sandboxed worker process WSZ6-play uses and speaks the protocol of
docs/gamehost-protocol.md to it, so what passes here behaves the same in the portal.
"""
import argparse
import json
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from wsz6_gamehost.client import CallFailed, WorkerClient, WorkerDied  # noqa: E402

WORDS = ["alpha", "bravo", "cedar", "delta", "ember", "fjord", "gamma", "harbor", "ivory", "jade", "42", ""]


def worker_for(args):
    return WorkerClient(args.game, call_timeout_ms=args.call_timeout_ms, memory_mb=args.memory_mb,
                        allow_network=args.allow_network, no_bwrap=args.no_bwrap)


# ----- validate --------------------------------------------------------------------------------
class Fault(Exception):
    def __init__(self, where, error):
        self.where = where
        self.error = error
        super().__init__(format_fault(where, error))


def format_fault(where, error):
    location = ""
    if error.get("file"):
        location = " at %s line %s" % (error["file"], error.get("line"))
    exc = " (%s)" % error["exception"] if error.get("exception") else ""
    return "%s: %s%s%s: %s" % (where, error.get("code", "fault"), exc, location, error.get("message", ""))


class Validator:
    """Describe, snapshot/restore round trip, then random play-throughs; stops at the first fault."""

    def __init__(self, args, out):
        self.args = args
        self.out = out
        self.rng = random.Random(args.seed)
        self.report = {"ok": False, "game": os.path.abspath(args.game), "description": None, "sandbox": None,
                       "playouts": 0, "goals_reached": 0, "dead_ends": 0, "step_cap_reached": 0, "steps": 0,
                       "snapshot_checks": 0, "faults": []}

    def run(self):
        started = time.monotonic()
        try:
            with worker_for(self.args) as worker:
                self.worker = worker
                self.report["sandbox"] = worker.ready.get("sandbox")
                self.describe()
                self.snapshot_round_trip()
                for i in range(self.args.playouts):
                    self.playout(i)
            self.report["ok"] = True
        except Fault as f:
            self.report["faults"].append(dict(f.error, where=f.where))
        except WorkerDied as e:
            self.report["faults"].append({"where": "worker", "code": "worker_crashed", "message": str(e)})
        self.report["seconds"] = round(time.monotonic() - started, 3)
        return self.report

    def call(self, where, op, **fields):
        try:
            return self.worker.call(op, **fields)
        except CallFailed as e:
            raise Fault(where, e.error)
        except WorkerDied as e:
            raise Fault(where, {"code": "worker_crashed", "message": str(e)})

    def describe(self):
        d = self.call("describe", "describe", config=self.args.config)
        self.report["description"] = d
        self.roles = [r["index"] for r in d["roles"]]
        self.active = [r["index"] for r in d["roles"] if not r["observer"]]
        self.say("Game:      %s %s (%s)" % (d["name"], d["problem_version"], d["pff"]))
        if d["brief_desc"]:
            self.say("           %s" % d["brief_desc"])
        self.say("Vis:       %s%s" % (d["vis"] or "none", " (role-specific)" if d["role_specific_vis"] else ""))
        self.say("Roles:     %s; start with %d, at most %d players" % (
            ", ".join("%d %s%s" % (r["index"], r["name"], " (observer)" if r["observer"] else "") for r in d["roles"]),
            d["min_players_to_start"], d["max_players"]))
        self.say("Operators: %d" % len(d["operators"]))
        for op in d["operators"]:
            params = ", ".join(describe_param(p) for p in op["params"])
            role = "" if op["role"] is None else "  [role %d]" % op["role"]
            self.say("  %3d  %s%s%s" % (op["index"], op["name"], "(" + params + ")" if params else "", role))
        if d["config_keys"]:
            self.say("Config:    %s" % ", ".join(d["config_keys"]))

    def start(self, pt, seed):
        return self.call("play-through %s, start" % pt, "start", pt=pt, seed=seed, config=self.args.config,
                         base_url="/games/validate/", active_roles=self.active)

    def snapshot_round_trip(self):
        """Start, make a few random moves, and check each state survives snapshot → restore exactly."""
        result = self.start("check", 1)
        for step in range(6):
            result = self.compare_restored(result)
            moves = self.moves(result)
            if result["goal"] or not moves:
                break
            result = self.apply("check", result, moves)
        self.call("close", "close", pt="check")

    def compare_restored(self, result):
        where = "snapshot check at step %d" % result["step"]
        # Restored into the same play-through (same session folder), which play then continues from.
        restored = self.call(where, "restore", pt="check", snapshot=result["snapshot"], seed=1,
                             step=result["step"], config=self.args.config, base_url="/games/validate/", active_roles=self.active)
        for key in ("state_json", "views", "goal", "current_role", "parallel"):
            if restored[key] != result[key]:
                raise Fault(where, {"code": "snapshot_mismatch", "message": "after snapshot and restore, %s "
                                    "differs: %s != %s" % (key, short(restored[key]), short(result[key]))})
        self.report["snapshot_checks"] += 1
        return restored

    def playout(self, i):
        pt = "p%d" % i
        result = self.start(pt, self.rng.randrange(1 << 30))
        steps = 0
        while not result["goal"]:
            if steps >= self.args.max_steps:
                self.report["step_cap_reached"] += 1
                break
            moves = self.moves(result)
            if not moves:
                self.report["dead_ends"] += 1
                break
            result = self.apply(pt, result, moves)
            steps += 1
        else:
            self.report["goals_reached"] += 1
        self.report["steps"] += steps
        self.report["playouts"] += 1
        self.call("play-through %s, close" % pt, "close", pt=pt)

    def moves(self, result):
        return [(view["role"], op) for view in result["views"] for op in view["operators"]]

    def apply(self, pt, result, moves):
        role, op = self.rng.choice(moves)
        args = [self.random_arg(p) for p in op["params"]] if op["params"] else None
        where = "play-through %s, step %d, role %d applies operator %d %r with %s" % (
            pt, result["step"] + 1, role, op["index"], op["name"], json.dumps(args))
        return self.call(where, "apply", pt=pt, role=role, op_index=op["index"], args=args)

    def random_arg(self, p):
        kind, low, high = p["type"], p.get("min"), p.get("max")
        if kind in ("int", "float"):
            if low is None and high is None:
                low, high = 0, 10
            elif low is None:
                low = high - 10
            elif high is None:
                high = low + 10
            if kind == "int":
                return self.rng.randint(int(-(-low // 1)), int(high // 1))
            return round(self.rng.uniform(low, high), 3)
        if kind == "file_edit":
            return (p.get("initial_text") or "") + "\nA line written by ./wsz6 validate.\n"
        return self.rng.choice(WORDS)

    def say(self, text):
        if self.out is not None:
            self.out.write(text + "\n")


def describe_param(p):
    bounds = ""
    if "min" in p or "max" in p:
        bounds = " %s..%s" % (num(p.get("min", "")), num(p.get("max", "")))
    return "%s: %s%s" % (p["name"], p["type"], bounds)


def num(x):
    return str(int(x)) if isinstance(x, float) and x.is_integer() else str(x)


def short(value):
    text = json.dumps(value)
    return text if len(text) < 300 else text[:297] + "..."


def cmd_validate(args):
    validator = Validator(args, None if args.json else sys.stdout)
    report = validator.run()
    if args.json:
        print(json.dumps(report))
    else:
        if report["faults"]:
            f = report["faults"][0]
            print("FAULT " + format_fault(f["where"], f))
            if f.get("traceback"):
                print(f["traceback"].rstrip())
        else:
            d = report["description"]
            print("OK: %s — %d play-throughs, %d reached a goal, %d dead ends, %d hit the %d-step cap; "
                  "%d steps; %d snapshot checks; sandbox %s; %.1f s" % (
                      d["name"], report["playouts"], report["goals_reached"], report["dead_ends"],
                      report["step_cap_reached"], args.max_steps, report["steps"], report["snapshot_checks"],
                      report["sandbox"], report["seconds"]))
    return 0 if report["ok"] else 1


# ----- describe --------------------------------------------------------------------------------
def cmd_describe(args):
    try:
        with worker_for(args) as worker:
            description = worker.call("describe", config=args.config)
    except CallFailed as e:
        print(json.dumps({"error": e.error}) if args.json else "FAULT " + format_fault("describe", e.error))
        return 1
    except WorkerDied as e:
        error = {"code": "worker_crashed", "message": str(e)}
        print(json.dumps({"error": error}) if args.json else "FAULT " + format_fault("describe", error))
        return 1
    print(json.dumps(description, indent=None if args.json else 2))
    return 0


# ----- play ------------------------------------------------------------------------------------
HELP = """Type the number of an operator to apply it. Other commands:
  u  undo the last move      h  this help      q  quit"""


class TerminalGame:
    """The SOLUZION6 textual engine over the worker: all roles at one keyboard."""

    def __init__(self, worker, config=None, inp=input, out=print):
        self.worker, self.input, self.print = worker, inp, out
        self.config = config or {}

    def run(self):
        d = self.worker.call("describe", config=self.config)
        self.roles = {r["index"]: r for r in d["roles"]}
        self.active = [r["index"] for r in d["roles"] if not r["observer"]]
        self.print("%s — %s" % (d["name"], d["brief_desc"]) if d["brief_desc"] else d["name"])
        self.print(HELP)
        seed = random.randrange(1 << 30)
        result = self.worker.call("start", pt="tty", seed=seed, config=self.config, base_url="", active_roles=self.active)
        history = []
        redraw = True
        while True:
            if redraw:
                self.show(result)
                moves = None
            redraw = True
            if result["goal"]:
                self.print("\n*** %s ***" % result["goal_message"])
                if not self.yes("Play again? (y/n) "):
                    return 0
                result = self.worker.call("start", pt="tty", seed=random.randrange(1 << 30), config=self.config,
                                          base_url="", active_roles=self.active)
                history = []
                continue
            if moves is None:
                moves = self.menu(result)
            answer = self.ask("\nYour choice (number, u, h, q): ").strip().lower()
            if answer in ("q", "quit"):
                return 0
            if answer in ("h", "help", "?"):
                self.print(HELP)
                redraw = False
                continue
            if answer in ("u", "undo"):
                if not history:
                    self.print("Nothing to undo.")
                    redraw = False
                    continue
                snap, step = history.pop()
                result = self.worker.call("restore", pt="tty", snapshot=snap, seed=seed, step=step, config=self.config,
                                          base_url="", active_roles=self.active)
                continue
            if not answer.isdigit() or int(answer) >= len(moves):
                self.print("Please type one of the numbers shown, or h for help.")
                redraw = False
                continue
            role, op = moves[int(answer)]
            args = self.prompt_args(op) if op["params"] else None
            if args is False:
                redraw = False
                continue
            try:
                new = self.worker.call("apply", pt="tty", role=role, op_index=op["index"], args=args)
            except CallFailed as e:
                self.print("Refused: %s" % e.error.get("message"))
                redraw = False
                continue
            history.append((result["snapshot"], result["step"]))
            result = new
            if result.get("stdout"):
                self.print(result["stdout"].rstrip())

    def mover_views(self, result):
        views = result["views"]
        if not result["parallel"] and result["current_role"] in self.active:
            return [v for v in views if v["role"] == result["current_role"]]
        return [v for v in views if not self.roles[v["role"]]["observer"]]

    def show(self, result):
        if result.get("transition"):
            self.print("\n" + result["transition"])
        shown = self.mover_views(result) or result["views"][:1]
        for view in shown:
            self.print("\n--- %s sees (step %d) ---" % (self.roles[view["role"]]["name"], result["step"]))
            self.print(view["text"])

    def menu(self, result):
        moves = [(v["role"], op) for v in self.mover_views(result) for op in v["operators"]]
        several = len({r for r, _ in moves}) > 1
        if not moves:
            self.print("\nNo operator applies here: undo (u) or quit (q).")
            return moves
        self.print("\nOperators:")
        for i, (role, op) in enumerate(moves):
            who = "%s: " % self.roles[role]["name"] if several else ""
            self.print("  %2d  %s%s" % (i, who, op["name"]))
        return moves

    def prompt_args(self, op):
        args = []
        for p in op["params"]:
            if p["type"] == "file_edit":
                if p.get("initial_text"):
                    self.print("Current text of %s:\n%s" % (p.get("file_path", p["name"]), p["initial_text"]))
                self.print("Type the new text of %s; end with a line holding only '.'" % p["name"])
                lines = []
                while True:
                    line = self.ask("")
                    if line == ".":
                        break
                    lines.append(line)
                args.append("\n".join(lines) + "\n")
                continue
            bounds = ""
            if "min" in p or "max" in p:
                bounds = ", %s..%s" % (num(p.get("min", "")), num(p.get("max", "")))
            value = self.ask("%s (%s%s): " % (p["name"], p["type"], bounds))
            if p["type"] == "float":
                try:
                    value = float(value)
                except ValueError:
                    self.print("'%s' is not a number." % value)
                    return False
            args.append(value)  # the worker converts and checks ints and ranges, and says what is wrong
        return args

    def ask(self, prompt):
        try:
            return self.input(prompt)
        except EOFError:
            raise SystemExit(0)

    def yes(self, prompt):
        return self.ask(prompt).strip().lower().startswith("y")


def cmd_play(args):
    try:
        with worker_for(args) as worker:
            return TerminalGame(worker, config=args.config).run()
    except CallFailed as e:
        print("FAULT " + format_fault("play", e.error))
        return 1
    except WorkerDied as e:
        print("The game's worker stopped: %s" % e)
        return 1
    except KeyboardInterrupt:
        print()
        return 130


def json_object(text):
    try:
        value = json.loads(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError("not JSON: %s" % e)
    if not isinstance(value, dict):
        raise argparse.ArgumentTypeError("must be a JSON object")
    return value


# ----- command line ----------------------------------------------------------------------------
def main(argv=None):
    p = argparse.ArgumentParser(prog="wsz6", description="Validate, describe or play a SOLUZION6 game folder.")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp):
        sp.add_argument("game", help="the game folder")
        sp.add_argument("--call-timeout-ms", type=int, default=5000)
        sp.add_argument("--memory-mb", type=int, default=1024)
        sp.add_argument("--allow-network", action="store_true")
        sp.add_argument("--no-bwrap", action="store_true", help="sandbox without bubblewrap")
        sp.add_argument("--config", type=json_object, default={},
                        help='game options as a JSON object, e.g. \'{"model": "small"}\'')

    v = sub.add_parser("validate", help="check a game and play it randomly")
    common(v)
    v.add_argument("--playouts", type=int, default=20)
    v.add_argument("--max-steps", type=int, default=500)
    v.add_argument("--seed", type=int, default=1, help="seed of the random play-throughs")
    v.add_argument("--json", action="store_true", help="print one JSON report (for WSZ6-admin)")
    d = sub.add_parser("describe", help="print the game's description")
    common(d)
    d.add_argument("--json", action="store_true")
    pl = sub.add_parser("play", help="play in the terminal")
    common(pl)
    args = p.parse_args(argv)
    if not os.path.isdir(args.game):
        message = "game folder %s does not exist" % args.game
        if getattr(args, "json", False):
            print(json.dumps({"ok": False, "error": {"code": "load_failed", "message": message},
                              "faults": [{"where": "arguments", "code": "load_failed", "message": message}]}))
        else:
            print("wsz6: " + message, file=sys.stderr)
        return 2
    return {"validate": cmd_validate, "describe": cmd_describe, "play": cmd_play}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
