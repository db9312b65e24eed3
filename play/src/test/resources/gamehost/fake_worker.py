"""A stand-in for the real worker that can misbehave on request (bridge fault tests only).

The real worker guards its protocol channel, so it cannot be made to write garbage or to ignore
its own timeout; this script speaks just enough of docs/gamehost-protocol.md to let the bridge's
tests prove what happens when a worker does. An `apply` picks a behaviour by op_index:
0 a normal step, 1 a step whose view strings come as protocol 2 string frames, 2 the same step as a
protocol 3 binary record, 90 a line that is not JSON, 91 hang forever, 92 exit with code 3, 93 an
answer with the wrong id, 94 a malformed string frame header, 95 output ending inside a string
frame, 96 a binary record with a type code marshal data of a response never has, 97 a binary record
whose list refers to itself. A --game folder named `no_ready` writes junk instead of `ready`.
"""
import base64
import json
import marshal
import os
import sys
import time

args = sys.argv[1:]
game = args[args.index("--game") + 1] if "--game" in args else ""
out = sys.stdout


def send(obj):
    out.write(json.dumps(obj) + "\n")
    out.flush()


if os.path.basename(game) == "no_ready":
    out.write("hello, I am not a worker\n")
    out.flush()
    time.sleep(60)
    sys.exit(0)

send({"type": "ready", "protocol": 3, "pid": os.getpid(), "python": sys.version.split()[0], "sandbox": "none"})
steps = {}


def step_result(pt):
    n = steps[pt]
    return {"pt": pt, "step": n, "seed": n, "current_role": 0, "parallel": False, "goal": False,
            "goal_message": None, "outcome": None, "transition": None,
            "views": [{"role": 0, "text": "step %d" % n, "vis_html": None, "operators": []}],
            "state_json": {"n": n}, "snapshot": base64.b64encode(str(n).encode()).decode(),
            "session_folder": "", "artifacts": [], "stdout": ""}


for line in sys.stdin:
    req = json.loads(line)
    rid, op = req["id"], req["op"]
    if op == "start":
        steps[req["pt"]] = 0
        send({"id": rid, "ok": True, "result": step_result(req["pt"])})
    elif op == "restore":
        steps[req["pt"]] = int(base64.b64decode(req["snapshot"]).decode())
        send({"id": rid, "ok": True, "result": step_result(req["pt"])})
    elif op == "view":
        send({"id": rid, "ok": True, "result": step_result(req["pt"])})
    elif op == "close":
        steps.pop(req["pt"], None)
        send({"id": rid, "ok": True, "result": {}})
    elif op == "ping":
        send({"id": rid, "ok": True, "result": {"playthroughs": len(steps), "rss_kb": 1}})
    elif op == "apply":
        behaviour = req["op_index"]
        if behaviour == 90:
            out.write("Traceback (most recent call last): not JSON\n")
            out.flush()
        elif behaviour == 91:
            time.sleep(3600)
        elif behaviour == 92:
            sys.stderr.write("fake worker: exiting on purpose\n")
            sys.stderr.flush()
            os._exit(3)
        elif behaviour == 93:
            send({"id": rid + 100, "ok": True, "result": {}})
        elif behaviour == 1:
            steps[req["pt"]] += 1
            result = step_result(req["pt"])
            shared, own = "<svg>\n<text>é ♥ \"quoted\"</text>\n</svg>", "=5\nnot a header"
            frames = [shared.encode(), own.encode()]
            result["views"] = [{"role": 0, "text": 1, "vis_html": 0, "operators": []},
                               {"role": 1, "text": "inline", "vis_html": 0, "operators": []}]
            data = b"".join(b"=%d\n%s" % (len(f), f) for f in frames)
            out.buffer.write(data + json.dumps({"id": rid, "ok": True, "result": result}).encode() + b"\n")
            out.flush()
        elif behaviour == 2:
            steps[req["pt"]] += 1
            result = step_result(req["pt"])
            svg = "<svg>\n<text>é ♥ \"quoted\"</text>\n</svg>"
            result["views"] = [{"role": 0, "text": "lone \ud800 surrogate, big " + str(10 ** 30), "vis_html": 0,
                                "operators": [{"index": 0, "name": "Go", "description": "", "params": [],
                                               "allow_undo": False}]},
                               {"role": 1, "text": None, "vis_html": 0, "operators": []}]
            result["state_json"] = {"big": 10 ** 30, "neg": -(2 ** 40), "pi": 3.25, "list": [1, "two", None, True]}
            body = marshal.dumps({"id": rid, "ok": True, "result": result}, 4)
            frame = svg.encode()
            out.buffer.write(b"=%d\n%s#%d\n%s" % (len(frame), frame, len(body), body))
            out.flush()
        elif behaviour == 96:
            out.buffer.write(b"#5\n" + b"c\x00\x00\x00\x00")  # 'c' is a code object: never in a response
            out.flush()
        elif behaviour == 97:
            loop = []
            loop.append(loop)
            body = marshal.dumps({"id": rid, "ok": True, "result": {"views": loop}}, 4)
            out.buffer.write(b"#%d\n%s" % (len(body), body))
            out.flush()
        elif behaviour == 94:
            out.write("=12x\n")
            out.flush()
        elif behaviour == 95:
            out.write("=1000\nonly a few bytes")
            out.flush()
            os._exit(0)
        else:
            steps[req["pt"]] += 1
            send({"id": rid, "ok": True, "result": step_result(req["pt"])})
    else:
        send({"id": rid, "ok": False, "error": {"code": "bad_request", "message": "unknown op " + op}})
