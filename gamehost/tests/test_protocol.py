"""The worker over its real protocol: operations, rule checks in order, every error code."""
import json
import os
import shutil
import tempfile
import unittest

from tests.support import WorkerTestCase, fixture, worker


class ProtocolTest(WorkerTestCase, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ttt = worker(fixture("tictactoe"))

    @classmethod
    def tearDownClass(cls):
        cls.ttt.close()

    def test_ready_line_names_protocol_and_sandbox(self):
        ready = self.ttt.ready
        self.assertEqual(ready["protocol"], 3)
        self.assertIn(ready["sandbox"], ("bwrap", "rlimits"))

    def test_describe_reports_metadata_roles_operators_vis_and_config_keys(self):
        d = self.ttt.call("describe")
        self.assertEqual(d["name"], "Tic-Tac-Toe")
        self.assertEqual(d["authors"], ["WSZ6 tests"])
        self.assertEqual(d["pff"], "TicTacToe_SZ6.py")
        self.assertEqual(d["vis"], "TicTacToe_WSZ6_VIS.py")
        self.assertEqual([(r["name"], r["observer"]) for r in d["roles"]],
                         [("X", False), ("O", False), ("Observer", True)])
        self.assertEqual(d["min_players_to_start"], 2)
        self.assertEqual(d["max_players"], 12)
        self.assertEqual(len(d["operators"]), 9)
        self.assertEqual(d["operators"][4]["name"], "Place at 5")
        self.assertEqual(d["config_keys"], ["theme"])
        self.assertTrue(d["has_text_view_for_role"])
        self.assertTrue(d["role_specific_vis"])

    def test_start_gives_views_per_role_with_vis_and_turn_filtered_operators(self):
        r = self.ttt.call("start", pt="s1", seed=3, config={}, base_url="/assets/ttt/")
        self.assertEqual(r["step"], 0)
        self.assertEqual(r["current_role"], 0)
        x, o, observer = r["views"]
        self.assertIn("You are X.", x["text"])
        self.assertIn('data-op-index="4"', x["vis_html"])
        self.assertIn('data-role="1"', o["vis_html"])
        self.assertIn('data-base="/assets/ttt/"', o["vis_html"])
        self.assertEqual(len(x["operators"]), 9)
        self.assertEqual(o["operators"], [])
        self.assertEqual(observer["operators"], [])
        self.assertTrue(r["snapshot"])
        self.assertTrue(os.path.isdir(r["session_folder"]))

    def test_playing_to_a_win_reports_goal_message_and_outcome(self):
        self.ttt.call("start", pt="win", seed=3, config={})
        for role, square in [(0, 0), (1, 3), (0, 1), (1, 4)]:
            self.ttt.call("apply", pt="win", role=role, op_index=square, args=None)
        r = self.ttt.call("apply", pt="win", role=0, op_index=2, args=None)
        self.assertTrue(r["goal"])
        self.assertEqual(r["goal_message"], "X wins!")
        self.assertEqual(r["outcome"], {"winners": [0], "draw": False})
        self.assertEqual(r["transition"], "X takes square 3.")
        self.assertTrue(all(v["operators"] == [] for v in r["views"]))
        err = self.refused(self.ttt, "game_over", "apply", pt="win", role=1, op_index=99, args=None)
        self.assertIn("over", err["message"])

    def test_unknown_roles_are_refused(self):
        self.refused(self.ttt, "bad_request", "start", pt="r9", seed=1, config={}, roles=[0, 7])
        self.ttt.call("start", pt="r9", seed=1, config={})
        err = self.refused(self.ttt, "wrong_role", "apply", pt="r9", role=7, op_index=0, args=None)
        self.assertIn("no role 7", err["message"])
        self.refused(self.ttt, "bad_request", "view", pt="r9", roles=[-1])

    def test_roles_option_limits_rendered_views(self):
        r = self.ttt.call("start", pt="r1", seed=1, config={}, roles=[1])
        self.assertEqual([v["role"] for v in r["views"]], [1])
        v = self.ttt.call("view", pt="r1", roles=[0, 2])
        self.assertEqual([x["role"] for x in v["views"]], [0, 2])

    def test_refusals_leave_the_state_alone_and_come_in_the_documented_order(self):
        self.ttt.call("start", pt="rules", seed=1, config={})
        self.refused(self.ttt, "no_such_operator", "apply", pt="rules", role=0, op_index=9, args=None)
        self.refused(self.ttt, "no_such_operator", "apply", pt="rules", role=0, op_index=-1, args=None)
        self.refused(self.ttt, "not_your_turn", "apply", pt="rules", role=1, op_index=0, args=None)
        self.refused(self.ttt, "not_your_turn", "apply", pt="rules", role=2, op_index=0, args=None)
        self.refused(self.ttt, "bad_args", "apply", pt="rules", role=0, op_index=0, args=[1])
        self.ttt.call("apply", pt="rules", role=0, op_index=0, args=None)
        self.refused(self.ttt, "not_applicable", "apply", pt="rules", role=1, op_index=0, args=None)
        v = self.ttt.call("view", pt="rules")
        self.assertEqual(v["step"], 1)
        self.assertEqual(v["state_json"]["board"][0], "X")

    def test_unseated_current_role_lets_anyone_move(self):
        # Only O is seated: X's turn is nobody's in particular, so O may move for it.
        self.ttt.call("start", pt="solo", seed=1, config={}, active_roles=[1])
        r = self.ttt.call("apply", pt="solo", role=1, op_index=0, args=None)
        self.assertEqual(r["state_json"]["board"][0], "X")

    def test_bad_requests(self):
        self.ttt.send_line(b"this is not json\n")
        line = json.loads(self.ttt._read_line(__import__("time").monotonic() + 5))
        self.assertEqual((line["ok"], line["error"]["code"]), (False, "bad_request"))
        self.refused(self.ttt, "bad_request", "teleport")
        self.ttt.send_line(b'{"id": 99, "op": "ping", "pad": "' + b"x" * (16 * 1024 * 1024) + b'"}\n')
        line = json.loads(self.ttt._read_line(__import__("time").monotonic() + 20))
        self.assertEqual(line["error"]["message"], "request line longer than 16 MiB")
        self.assertIn("playthroughs", self.ttt.call("ping"))
        self.refused(self.ttt, "bad_request", "start", pt="../evil", seed=1, config={})
        self.refused(self.ttt, "bad_request", "start", pt="x", seed="one", config={})
        self.refused(self.ttt, "bad_request", "start", pt="x", seed=1, config=[])
        self.ttt.call("start", pt="br", seed=1, config={})
        self.refused(self.ttt, "bad_request", "apply", pt="br", role=0, op_index=0, args="nope")
        self.refused(self.ttt, "bad_request", "apply", pt="br", role=True, op_index=0, args=None)

    def test_unknown_playthrough_and_close(self):
        self.refused(self.ttt, "unknown_playthrough", "view", pt="ghost")
        self.ttt.call("start", pt="closing", seed=1, config={})
        self.assertEqual(self.ttt.call("close", pt="closing"), {})
        self.refused(self.ttt, "unknown_playthrough", "apply", pt="closing", role=0, op_index=0, args=None)
        self.refused(self.ttt, "unknown_playthrough", "close", pt="closing")

    def test_restore_failed_on_garbage_snapshot_keeps_the_live_playthrough(self):
        self.ttt.call("start", pt="bad", seed=1, config={})
        self.ttt.call("apply", pt="bad", role=0, op_index=4, args=None)
        self.refused(self.ttt, "restore_failed", "restore", pt="bad", snapshot="@@@", seed=1, step=0, config={})
        import base64
        import pickle
        junk = base64.b64encode(pickle.dumps({"format": 99})).decode()
        self.refused(self.ttt, "restore_failed", "restore", pt="bad", snapshot=junk, seed=1, step=0, config={})
        r = self.ttt.call("apply", pt="bad", role=1, op_index=0, args=None)  # still live, still exact
        self.assertEqual((r["step"], r["state_json"]["board"][:5]), (2, ["O", " ", " ", " ", "X"]))

    def test_restore_replaces_a_live_playthrough_for_undo(self):
        first = self.ttt.call("start", pt="undo", seed=1, config={})
        self.ttt.call("apply", pt="undo", role=0, op_index=4, args=None)
        back = self.ttt.call("restore", pt="undo", snapshot=first["snapshot"], seed=1, step=0, config={})
        self.assertEqual(back["state_json"], first["state_json"])
        self.assertEqual(self.ttt.call("apply", pt="undo", role=0, op_index=0, args=None)["step"], 1)

    def test_ping(self):
        p = self.ttt.call("ping")
        self.assertGreater(p["rss_kb"], 1000)


class GuessProtocolTest(WorkerTestCase, unittest.TestCase):
    """Parameters, faults inside game code, artifacts and captured output."""

    def setUp(self):
        self.w = worker(fixture("guess"), call_timeout_ms=500)
        self.r0 = self.w.call("start", pt="g", seed=11, config={"model": "tiny"})

    def tearDown(self):
        self.w.close()

    def apply(self, op, args=None, role=0):
        return self.w.call("apply", pt="g", role=role, op_index=op, args=args)

    def test_int_params_are_converted_and_range_checked(self):
        r = self.apply(0, ["42"])
        self.assertIn(42, r["state_json"]["guesses"]["__set__"])
        self.assertEqual(r["stdout"], "guess 42\n")
        for bad, why in [([0], "between 1 and 100"), ([101], "between 1 and 100"), (["4x"], "whole number"),
                         ([True], "whole number"), ([], "expected 1 argument"), ([1, 2], "expected 1 argument"),
                         (None, "expected 1 argument")]:
            err = self.refused(self.w, "bad_args", "apply", pt="g", role=0, op_index=0, args=bad)
            self.assertIn(why, err["message"])
            self.assertIn("'n'", err["message"]) if "argument" not in why else None

    def test_float_and_str_params(self):
        self.assertEqual(self.apply(2, ["2.5"])["state_json"]["pebble"]["weight"], 2.5)
        self.refused(self.w, "bad_args", "apply", pt="g", role=0, op_index=2, args=[10])
        self.refused(self.w, "bad_args", "apply", pt="g", role=0, op_index=2, args=["NaN"])
        self.assertEqual(self.apply(3, ["teal"])["state_json"]["pebble"]["colour"], "teal")
        self.refused(self.w, "bad_args", "apply", pt="g", role=0, op_index=3, args=[7])

    def test_file_edit_writes_an_artifact_and_seeds_the_next_edit(self):
        view = self.r0["views"][0]["operators"]
        edit = next(o for o in view if o["name"] == "Write notes")
        self.assertEqual(edit["params"][0]["initial_text"], "Dear diary")
        r = self.apply(4, ["My essay"])
        self.assertEqual([a["path"] for a in r["artifacts"]], ["notes.txt"])
        self.assertEqual(r["artifacts"][0]["size"], 8)
        edit = next(o for o in r["views"][0]["operators"] if o["name"] == "Write notes")
        self.assertEqual(edit["params"][0]["initial_text"], "My essay")
        self.assertEqual(self.apply(1)["artifacts"], [])  # unchanged files are not reported again

    def test_game_error_names_file_line_and_rolls_back_in_place_mutation(self):
        before = self.apply(0, [5])
        err = self.refused(self.w, "game_error", "apply", pt="g", role=0, op_index=5, args=None)
        self.assertEqual((err["exception"], err["file"], err["line"]), ("ValueError", "Guess_SZ6.py", 81))
        self.assertIn("boom", err["message"])
        after = self.w.call("view", pt="g")
        self.assertEqual(after["state_json"], before["state_json"])  # the -1 added in place is gone
        self.assertEqual(after["step"], before["step"])

    def test_precondition_that_raises_is_not_applicable_with_exception(self):
        err = self.refused(self.w, "not_applicable", "apply", pt="g", role=0, op_index=6, args=None)
        self.assertEqual(err["exception"], "KeyError")
        self.refused(self.w, "not_applicable", "apply", pt="g", role=0, op_index=8, args=None)
        names = [o["name"] for o in self.r0["views"][0]["operators"]]
        self.assertNotIn("Broken", names)
        self.assertNotIn("Never", names)

    def test_wrong_role_and_observer(self):
        self.refused(self.w, "wrong_role", "apply", pt="g", role=0, op_index=7, args=None)
        err = self.refused(self.w, "wrong_role", "apply", pt="g", role=2, op_index=7, args=None)
        self.assertIn("observers", err["message"])
        self.assertEqual([o["name"] for o in self.r0["views"][1]["operators"]], [])  # not Helper's turn

    def test_timeout_interrupts_the_game_and_the_worker_goes_on(self):
        self.apply(0, [9])
        err = self.refused(self.w, "timeout", "apply", pt="g", role=0, op_index=9, args=None)
        self.assertIn("500 ms", err["message"])
        self.assertEqual(self.apply(0, [10])["step"], 2)

    def test_game_that_swallows_the_deadline_gets_an_answer_then_the_worker_exits(self):
        err = self.refused(self.w, "timeout", "apply", pt="g", role=0, op_index=10, args=None)
        self.assertIn("ignored", err["message"])
        self.assertIsNotNone(self.w.proc.wait(timeout=5))


class LoadingTest(WorkerTestCase, unittest.TestCase):
    def test_ambiguous_folder_is_refused_with_a_clear_message(self):
        with worker(fixture("ambiguous")) as w:
            err = self.refused(w, "load_failed", "describe")
            self.assertIn("One_SZ6.py, Two_SZ6.py", err["message"])
            self.refused(w, "load_failed", "start", pt="a", seed=1, config={})

    def test_manifest_names_the_pff(self):
        with worker(fixture("manifest")) as w:
            self.assertEqual(w.call("describe")["name"], "Chosen by manifest")

    def test_syntax_error_and_missing_formulation_are_load_failed_with_location(self):
        folder = tempfile.mkdtemp(prefix="wsz6-broken-")
        try:
            with open(os.path.join(folder, "Broken_SZ6.py"), "w") as f:
                f.write("import soluzion6_02 as sz\n\ndef oops(:\n    pass\n")
            with worker(folder) as w:
                err = self.refused(w, "load_failed", "describe")
                self.assertEqual((err["exception"], err["file"], err["line"]), ("SyntaxError", "Broken_SZ6.py", 3))
            with open(os.path.join(folder, "Broken_SZ6.py"), "w") as f:
                f.write("x = 1\n")
            with worker(folder) as w:
                err = self.refused(w, "load_failed", "start", pt="a", seed=1, config={})
                self.assertIn("no formulation", err["message"])
        finally:
            shutil.rmtree(folder)

    def test_helper_modules_are_fresh_per_playthrough(self):
        with worker(fixture("tictactoe")) as w:
            a = w.call("start", pt="a", seed=1, config={})
            b = w.call("start", pt="b", seed=1, config={})
            w.call("apply", pt="a", role=0, op_index=0, args=None)
            self.assertEqual(w.call("view", pt="b")["state_json"], b["state_json"])
            self.assertNotEqual(w.call("view", pt="a")["state_json"], a["state_json"])


class SharedViewTest(WorkerTestCase, unittest.TestCase):
    def test_a_text_and_picture_that_cannot_tell_roles_apart_are_drawn_once_per_step_for_all(self):
        with worker(fixture("shared_view")) as w:
            for step, r in enumerate([w.call("start", pt="s", seed=1, config={}),
                                      w.call("apply", pt="s", role=0, op_index=0, args=None)], start=1):
                self.assertEqual([v["role"] for v in r["views"]], [0, 1, 2])
                self.assertEqual({v["text"] for v in r["views"]},
                                 {"Moves: %d (text drawn %d times)" % (step - 1, step)})
                self.assertEqual({v["vis_html"] for v in r["views"]},
                                 {"<svg><text>moves %d, picture drawn %d times</text></svg>" % (step - 1, step)})


class ExitInViewTest(WorkerTestCase, unittest.TestCase):
    def test_sys_exit_in_a_view_is_shown_as_a_failed_view_and_the_worker_lives(self):
        with worker(fixture("exits_in_view")) as w:
            w.call("start", pt="e", seed=1, config={})
            r = w.call("apply", pt="e", role=0, op_index=0, args=None)
            self.assertIn("view for this role failed: SystemExit", r["views"][0]["text"])
            self.assertEqual(w.call("ping")["playthroughs"], 1)


if __name__ == "__main__":
    unittest.main()
