"""Hostile games (tests/hostile/<name>/): each gets a clear error, and the portal goes on.

Every case runs in the sandbox the machine offers (bubblewrap when installed) and again with
--no-bwrap (rlimits and the audit hook only), as on a machine without bubblewrap.
"""
import glob
import json
import os
import time
import unittest

from tests.support import HAVE_BWRAP, WorkerTestCase, hostile, worker
from wsz6_gamehost.client import WorkerDied

MODES = [("bwrap", {}), ("no-bwrap", {"no_bwrap": True})] if HAVE_BWRAP else [("no-bwrap", {"no_bwrap": True})]
# Attacks contained inside the interpreter run once, in the machine's default sandbox; the
# file, network, process and environment attacks run in both modes (bubblewrap may be missing).
DEFAULT = MODES[:1]


class HostileGamesTest(WorkerTestCase, unittest.TestCase):
    def attack(self, name, code, mode_kwargs, timeout_ms=1500, **extra):
        """Starts the game, applies its 'Attack' operator, checks the error and that play goes on."""
        kwargs = dict(mode_kwargs, call_timeout_ms=timeout_ms, **extra)
        with worker(hostile(name), **kwargs) as w:
            w.call("start", pt="h", seed=1, config={})
            started = time.monotonic()
            err = self.refused(w, code, "apply", pt="h", role=0, op_index=0, args=None)
            self.assertLess(time.monotonic() - started, timeout_ms / 1000 + 2)
            # The same worker and play-through go on: "Count up" still moves.
            moved = w.call("apply", pt="h", role=0, op_index=1, args=None)
            self.assertEqual(moved["step"], 1)
            self.assertEqual(w.call("ping")["playthroughs"], 1)
        self.assert_counter_moves(**mode_kwargs)
        return err

    def test_loop_at_import_times_out_and_worker_lives(self):
        for mode, kw in MODES:
            with self.subTest(mode=mode), worker(hostile("loop_at_import"), call_timeout_ms=400, **kw) as w:
                err = self.refused(w, "timeout", "start", pt="h", seed=1, config={})
                self.assertIn("starting the game", err["message"])
                self.assertEqual(w.call("ping")["playthroughs"], 0)
                self.assert_counter_moves(**kw)

    def test_loop_in_transition_times_out(self):
        for mode, kw in DEFAULT:
            with self.subTest(mode=mode):
                err = self.attack("loop_in_transition", "timeout", kw, timeout_ms=400)
                self.assertIn("400 ms", err["message"])

    def test_memory_bomb_is_a_memory_error(self):
        for mode, kw in DEFAULT:
            with self.subTest(mode=mode):
                err = self.attack("memory_bomb", "game_error", kw, timeout_ms=5000, memory_mb=256)
                self.assertEqual(err["exception"], "MemoryError")
                self.assertIn("ran out of memory", err["message"])

    def test_fork_bomb_is_refused(self):
        for mode, kw in MODES:
            with self.subTest(mode=mode):
                err = self.attack("fork_bomb", "game_error", kw)
                self.assertIn("creating processes is not allowed", err["message"])
                self.assertEqual(err["file"], "ForkBomb_SZ6.py")
        self.assertFalse(os.path.exists("/tmp/wsz6-escaped"))

    def test_deep_recursion_is_a_recursion_error(self):
        for mode, kw in DEFAULT:
            with self.subTest(mode=mode):
                err = self.attack("deep_recursion", "game_error", kw)
                self.assertEqual(err["exception"], "RecursionError")

    def test_sys_exit_is_an_error_not_an_exit(self):
        for mode, kw in DEFAULT:
            with self.subTest(mode=mode):
                err = self.attack("sys_exit", "game_error", kw)
                self.assertIn("sys.exit(3)", err["message"])

    def test_os_exit_is_an_error_not_an_exit(self):
        for mode, kw in DEFAULT:
            with self.subTest(mode=mode):
                err = self.attack("os_exit", "game_error", kw)
                self.assertIn("os._exit()", err["message"])

    def test_portal_secrets_never_reach_the_game(self):
        secrets = {"WSZ6_INTERNAL_SECRET": "s3cret-internal", "SPRING_DATASOURCE_PASSWORD": "s3cret-db",
                   "PGPASSWORD": "s3cret-pg"}
        for mode, kw in MODES:
            with self.subTest(mode=mode), worker(hostile("read_env_secret"), env=dict(secrets, LLM_API_KEY="game-key"),
                                                 **kw) as w:
                start = w.call("start", pt="h", seed=1, config={})
                err = self.refused(w, "game_error", "apply", pt="h", role=0, op_index=0, args=None)
                self.assertRegex(err["message"], r"reading /proc/\S+/environ")
                everything = json.dumps([start, err])
                for value in secrets.values():
                    self.assertNotIn(value, everything)
                self.assertIn("game-key", start["views"][0]["text"])  # what the admin configured does pass
                self.assertEqual(w.call("apply", pt="h", role=0, op_index=1, args=None)["step"], 1)
            self.assert_counter_moves(**kw)

    def test_reading_outside_the_game_folder_is_refused(self):
        for mode, kw in MODES:
            with self.subTest(mode=mode):
                err = self.attack("read_outside", "game_error", kw)
                self.assertEqual(err["exception"], "SandboxRefusal")
                self.assertIn("reading /etc/passwd", err["message"])

    def test_writing_outside_scratch_is_refused(self):
        for mode, kw in MODES:
            with self.subTest(mode=mode):
                err = self.attack("write_outside", "game_error", kw)
                self.assertIn("writing", err["message"])
                self.assertEqual(glob.glob(os.path.join(hostile("write_outside"), "defaced.txt")), [])
                with worker(hostile("write_outside"), **kw) as w:
                    w.call("start", pt="h", seed=1, config={})
                    self.refused(w, "game_error", "apply", pt="h", role=0, op_index=2, args=None)
                self.assertFalse(os.path.exists("/tmp/wsz6-written-outside"))

    def test_sockets_are_refused_unless_network_is_allowed(self):
        for mode, kw in MODES:
            with self.subTest(mode=mode):
                err = self.attack("open_socket", "game_error", kw)
                self.assertIn("network access is not allowed", err["message"])
        with worker(hostile("open_socket"), allow_network=True, no_bwrap=True, call_timeout_ms=3000) as w:
            w.call("start", pt="h", seed=1, config={})
            try:
                w.call("apply", pt="h", role=0, op_index=0, args=None)
            except Exception as e:  # nothing may listen on 5432; then the error is the OS's, not ours
                self.assertNotIn("not allowed", str(getattr(e, "error", e)))

    def test_stdout_flood_is_captured_truncated_and_protocol_intact(self):
        for mode, kw in DEFAULT:
            with self.subTest(mode=mode), worker(hostile("stdout_flood"), **kw) as w:
                w.call("start", pt="h", seed=1, config={})
                r = w.call("apply", pt="h", role=0, op_index=0, args=None)
                self.assertEqual(r["views"][0]["text"], "Count: 1")
                self.assertTrue(r["stdout"].startswith("flood line 0 "))
                self.assertLess(len(r["stdout"]), 70 * 1024)
                self.assertIn("more characters of output dropped", r["stdout"])
                self.assertEqual(w.call("apply", pt="h", role=0, op_index=1, args=None)["step"], 2)
            self.assert_counter_moves(**kw)

    def test_worker_killed_mid_call_is_reported_as_died(self):
        with worker(hostile("loop_in_transition"), call_timeout_ms=400) as w:
            w.call("start", pt="h", seed=1, config={})
            w.proc.kill()
            w.proc.wait()
            time.sleep(0.3)  # bubblewrap's children follow their parent out (--die-with-parent)
            with self.assertRaises(WorkerDied):
                w.call("apply", pt="h", role=0, op_index=1, args=None)


if __name__ == "__main__":
    unittest.main()
