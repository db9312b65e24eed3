"""./wsz6 validate / describe / play, run as the real command line."""
import json
import os
import subprocess
import sys
import unittest

from tests.support import fixture, hostile

CTL = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "wsz6ctl.py")


def ctl(*args, stdin=None, timeout=120):
    proc = subprocess.run([sys.executable, "-I", CTL] + list(args), input=stdin, capture_output=True, text=True,
                          timeout=timeout, env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    return proc.returncode, proc.stdout, proc.stderr


class ValidateTest(unittest.TestCase):
    def test_valid_game_passes_with_a_summary(self):
        code, out, err = ctl("validate", fixture("tictactoe"), "--playouts", "25")
        self.assertEqual(code, 0, out + err)
        self.assertIn("Roles:     0 X, 1 O, 2 Observer (observer)", out)
        self.assertIn("Place at 5", out)
        self.assertRegex(out, r"OK: Tic-Tac-Toe — 25 play-throughs, 25 reached a goal")

    def test_json_report_has_the_documented_keys(self):
        code, out, _ = ctl("validate", fixture("parallel"), "--playouts", "10", "--json")
        self.assertEqual(code, 0)
        report = json.loads(out)
        for key in ("ok", "description", "playouts", "goals_reached", "steps", "faults", "sandbox",
                    "snapshot_checks", "dead_ends", "step_cap_reached", "seconds"):
            self.assertIn(key, report)
        self.assertEqual((report["ok"], report["playouts"], report["goals_reached"], report["faults"]),
                         (True, 10, 10, []))
        self.assertEqual(report["description"]["name"], "Shoot")

    def test_fault_is_reported_with_file_line_and_exception(self):
        code, out, _ = ctl("validate", hostile("sys_exit"), "--playouts", "20")
        self.assertEqual(code, 1)
        self.assertRegex(out, r"FAULT play-through \S+, step \d+, role 0 applies operator 0 'Attack' with null: "
                              r"game_error \(SystemExit\) at SysExit_SZ6.py line 6: the game called sys.exit\(3\)")
        code, out, _ = ctl("validate", hostile("sys_exit"), "--json")
        fault = json.loads(out)["faults"][0]
        self.assertEqual((fault["code"], fault["exception"], fault["file"], fault["line"]),
                         ("game_error", "SystemExit", "SysExit_SZ6.py", 6))

    def test_step_cap_and_load_failures(self):
        code, out, _ = ctl("validate", fixture("lazy_ops"), "--playouts", "3", "--max-steps", "5")
        self.assertEqual(code, 0)
        self.assertIn("3 hit the 5-step cap", out)
        code, out, _ = ctl("validate", fixture("ambiguous"), "--json")
        self.assertEqual(code, 1)
        self.assertEqual(json.loads(out)["faults"][0]["code"], "load_failed")
        code, _, err = ctl("validate", "/no/such/folder")
        self.assertEqual(code, 2)
        self.assertIn("does not exist", err)

    def test_describe_json(self):
        code, out, _ = ctl("describe", fixture("guess"), "--json")
        self.assertEqual(code, 0)
        d = json.loads(out)
        self.assertEqual(d["config_keys"], ["model", "level"])
        self.assertEqual(d["operators"][0]["params"], [{"name": "n", "type": "int", "min": 1, "max": 100}])
        code, out, _ = ctl("describe", fixture("ambiguous"), "--json")
        self.assertEqual((code, json.loads(out)["error"]["code"]), (1, "load_failed"))


class PlayTest(unittest.TestCase):
    def test_terminal_play_moves_undoes_helps_and_quits(self):
        code, out, _ = ctl("play", fixture("tictactoe"), stdin="4\n0\nu\nh\nzz\nq\n", timeout=60)
        self.assertEqual(code, 0)
        self.assertIn("--- X sees (step 0) ---", out)
        self.assertIn("X takes square 5.", out)
        self.assertIn("--- O sees (step 1) ---", out)
        self.assertIn("O takes square 1.", out)
        self.assertEqual(out.count("--- O sees (step 1) ---"), 2)  # shown again after the undo
        self.assertIn("u  undo the last move", out)
        self.assertIn("Please type one of the numbers shown", out)

    def test_parameters_are_prompted_with_ranges_and_refusals_explained(self):
        code, out, _ = ctl("play", fixture("guess"), stdin="0\n500\n0\n50\nq\n", timeout=60)
        self.assertEqual(code, 0)
        self.assertIn("n (int, 1..100): ", out)
        self.assertIn("Refused: parameter 'n' must be between 1 and 100, got 500", out)
        self.assertIn("guess 50", out)

    def test_playing_to_the_goal(self):
        moves = "0\n2\n0\n1\n0\nn\n"  # X takes 1, 2, 3 and wins (O takes 4 and 5 in between)
        code, out, _ = ctl("play", fixture("tictactoe"), stdin=moves, timeout=60)
        self.assertEqual(code, 0)
        self.assertIn("*** X wins! ***", out)


if __name__ == "__main__":
    unittest.main()
