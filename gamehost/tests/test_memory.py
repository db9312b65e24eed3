"""A finished play-through gives its memory back at once, not at Python's next full collection."""
import gc
import io
import json
import os
import shutil
import tempfile
import unittest

from wsz6_gamehost import protocol
from wsz6_gamehost.inbox import RequestInput
from wsz6_gamehost.protocol import Worker

GAMES = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "games")


def requests_input(data):
    """A RequestInput that reads ``data`` from a pipe, then end of input."""
    r, w = os.pipe()
    os.write(w, data)
    os.close(w)
    return RequestInput(r)


def game_classes():
    """Classes defined by a play-through's modules that are still in memory."""
    return [o for o in gc.get_objects() if isinstance(o, type)
            and (o.__module__.startswith("wsz6_pt_") or o.__module__.startswith("LittleTricks"))]


class ClosedPlaythroughsTest(unittest.TestCase):
    def test_closing_frees_the_modules_classes_and_drawings_of_a_card_game(self):
        scratch = tempfile.mkdtemp(prefix="wsz6-test-")
        self.addCleanup(shutil.rmtree, scratch, True)
        worker = Worker(os.path.join(GAMES, "LittleTricks"), scratch, 3000)
        requests = []
        for i in range(40):
            pt = "m%d" % i
            requests.append({"id": len(requests), "op": "start", "pt": pt, "seed": i, "config": {}})
            requests.append({"id": len(requests), "op": "view", "pt": pt})
            if i < 39:
                requests.append({"id": len(requests), "op": "close", "pt": pt})
        inp = requests_input(b"".join(json.dumps(r).encode() + b"\n" for r in requests))
        gc.collect()
        before = len(game_classes())
        gc.disable()  # only the worker's own collection may free anything now
        try:
            worker.serve(inp, io.BytesIO())
            left = len(game_classes()) - before
        finally:
            gc.enable()
            worker.pts.pop("m39").close()
        # the one live play-through keeps its classes (state, formulation, vis tables); 39 closed ones
        # keep none
        self.assertGreater(left, 0)
        self.assertLessEqual(left, 10, "classes of closed play-throughs are still in memory")


class YoungCollectionTest(unittest.TestCase):
    def test_the_young_pass_runs_after_an_answer_once_it_is_nearly_due(self):
        # So that it seldom falls inside the next move (a card game's move leaves objects behind).
        scratch = tempfile.mkdtemp(prefix="wsz6-test-")
        self.addCleanup(shutil.rmtree, scratch, True)
        worker = Worker(os.path.join(GAMES, "LittleTricks"), scratch, 3000)
        gc.collect()
        gc.disable()  # CPython's own pass must not run: only the worker's may
        try:
            young = [[] for _ in range(protocol.YOUNG_DUE)]  # objects still alive, not yet looked at
            worker.serve(requests_input(b'{"id": 1, "op": "ping"}\n'), io.BytesIO())
            left = gc.get_count()[0]
        finally:
            gc.enable()
        self.assertEqual(len(young), protocol.YOUNG_DUE)
        self.assertLess(left, 100, "the young generation was not collected after the answer")


if __name__ == "__main__":
    unittest.main()
