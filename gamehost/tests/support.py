"""Shared helpers for the game-host tests: fixture paths and a worker started like WSZ6-play does."""
import os
import shutil

from wsz6_gamehost.client import CallFailed, WorkerClient

TESTS = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(TESTS, "fixtures")
HOSTILE = os.path.join(TESTS, "hostile")
HAVE_BWRAP = shutil.which("bwrap", path="/usr/bin:/bin") is not None


def fixture(name):
    return os.path.join(FIXTURES, name)


def hostile(name):
    return os.path.join(HOSTILE, name)


def worker(game, **kwargs):
    kwargs.setdefault("call_timeout_ms", 2000)
    return WorkerClient(game, **kwargs)


class WorkerTestCase:
    """Mixin: ``self.refused(code, op, **fields)`` asserts the worker answers with error ``code``."""

    def refused(self, client, code, op, **fields):
        with self.assertRaises(CallFailed) as cm:
            client.call(op, **fields)
        self.assertEqual(cm.exception.code, code, cm.exception.error)
        return cm.exception.error

    def assert_counter_moves(self, **kwargs):
        """A fresh worker on another game still starts and moves (the portal lives on)."""
        with worker(fixture("counter"), **kwargs) as w:
            w.call("start", pt="after", seed=1, config={})
            result = w.call("apply", pt="after", role=0, op_index=0, args=None)
            self.assertEqual(result["views"][0]["text"], "Count: 1")
