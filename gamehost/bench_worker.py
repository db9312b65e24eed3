"""Times moves through the game host (a figure, not a test):

    python3 -I gamehost/bench_worker.py games/TicTacToe [--moves 5000]

* in-process: CPU time of one ``apply`` request inside the worker's request handler (rules,
  transition, views for every role, state_json, snapshot, JSON encoding), i.e. the Python cost.
  The thread's clock: once the guard has set RLIMIT_CPU, Linux may read the process's CPU clock
  at timer-tick resolution (4 ms);
* round trip: wall time of ``apply`` from this process through a real sandboxed worker and back.
"""
import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from wsz6_gamehost import wire  # noqa: E402
from wsz6_gamehost.client import WorkerClient  # noqa: E402


def random_args(rng, op):
    args = []
    for p in op["params"]:
        if p["type"] == "int":
            args.append(rng.randint(int(p.get("min", 0)), int(p.get("max", 10))))
        elif p["type"] == "float":
            args.append(rng.uniform(p.get("min", 0), p.get("max", 10)))
        else:
            args.append("text")
    return args or None


def play(call, moves, rng):
    """Random moves; yields (request, timing function result) per apply."""
    done = 0
    games = 0
    while done < moves:
        r = call({"op": "start", "pt": "bench", "seed": games, "config": {}})
        games += 1
        while not r["goal"] and done < moves:
            options = [(v["role"], o) for v in r["views"] for o in v["operators"]]
            if not options:
                break
            role, op = rng.choice(options)
            req = {"op": "apply", "pt": "bench", "role": role, "op_index": op["index"], "args": random_args(rng, op)}
            r = yield req
            done += 1


def in_process(game, moves):
    from wsz6_gamehost.protocol import Worker
    worker = Worker(game, tempfile.mkdtemp(prefix="wsz6-bench-"), 5000, records=True)  # as WSZ6-play runs it
    times = []

    def call(req):
        req["id"] = 1
        line = json.dumps(req).encode()
        start = time.thread_time()
        out = worker.handle_line(line)
        if req["op"] == "apply":
            times.append(time.thread_time() - start)
        return wire.decode_response(out)["result"]

    run(call, moves)
    return times


def round_trip(game, moves, no_bwrap):
    times = []
    with WorkerClient(game, no_bwrap=no_bwrap) as w:
        def call(req):
            op = req.pop("op")
            start = time.perf_counter()
            result = w.call(op, **req)
            if op == "apply":
                times.append(time.perf_counter() - start)
            return result
        run(call, moves)
        sandbox = w.ready["sandbox"]
    return times, sandbox


def run(call, moves):
    rng = random.Random(1)
    gen = play(call, moves, rng)
    try:
        req = next(gen)
        while True:
            req = gen.send(call(req))
    except StopIteration:
        pass


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1e6


def main():
    p = argparse.ArgumentParser()
    p.add_argument("game")
    p.add_argument("--moves", type=int, default=5000)
    p.add_argument("--no-bwrap", action="store_true")
    a = p.parse_args()
    import timeit
    ref = min(timeit.repeat("sum(range(10000))", number=200, repeat=5)) / 200
    print("machine speed reference: sum(range(10000)) takes %.0f us of CPU here now "
          "(a busy shared machine is slower; compare figures with this)" % (ref * 1e6))
    cpu = in_process(a.game, a.moves)
    print("%s: in-process apply (Python CPU): mean %.0f us, p50 %.0f us, p99 %.0f us over %d moves"
          % (a.game, statistics.mean(cpu) * 1e6, pct(cpu, 0.5), pct(cpu, 0.99), len(cpu)))
    wall, sandbox = round_trip(a.game, a.moves, a.no_bwrap)
    print("%s: round trip through the worker (%s): p50 %.0f us, p99 %.0f us over %d moves"
          % (a.game, sandbox, pct(wall, 0.5), pct(wall, 0.99), len(wall)))


if __name__ == "__main__":
    main()
