"""The sample games under games/, run through the real (sandboxed) worker.

Every game passes the real `validate` command (random play-throughs with snapshot/restore
checks), and the behaviour players notice is checked game by game: clickable cells, hidden choices and hands, documents written,
the picture's region manifest, and the language-model game against a local stub endpoint
(answering, too slow, failing, no network).
"""
import http.server
import json
import os
import re
import random
import subprocess
import sys
import threading
import time
import unittest

from wsz6_gamehost.client import CallFailed, WorkerClient

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GAMES = os.path.join(ROOT, "games")
GAME_NAMES = sorted(d for d in os.listdir(GAMES) if os.path.isdir(os.path.join(GAMES, d)))
WSZ6CTL = os.path.join(ROOT, "gamehost", "wsz6ctl.py")
PLAYOUTS = 30


def game(name):
    return os.path.join(GAMES, name)


class ValidateEverySampleGameTest(unittest.TestCase):
    """`./wsz6 validate games/<Game> --playouts 30` passes for every sample game."""

    def test_there_are_sample_games(self):
        self.assertGreaterEqual(len(GAME_NAMES), 10, GAME_NAMES)

    def test_validate_passes_for_every_game(self):
        for name in GAME_NAMES:
            with self.subTest(game=name):
                proc = subprocess.run(
                    [sys.executable, "-I", WSZ6CTL, "validate", game(name), "--playouts", str(PLAYOUTS), "--json"],
                    capture_output=True, text=True, timeout=300)
                self.assertEqual(0, proc.returncode, "%s: %s %s" % (name, proc.stdout[-2000:], proc.stderr[-2000:]))
                report = json.loads(proc.stdout)
                self.assertEqual([], report["faults"])
                self.assertEqual(PLAYOUTS, report["playouts"])
                self.assertEqual(0, report["dead_ends"], name)
                self.assertGreaterEqual(report["goals_reached"], PLAYOUTS * 0.8,
                                        "%s reached its goal in only %d of %d" % (name, report["goals_reached"], PLAYOUTS))
                desc = report["description"]
                self.assertTrue(desc["name"] and desc["brief_desc"], "%s needs a name and a description" % name)


class SeatingTest(unittest.TestCase):
    """Games for many seats play with any number of seated players, and restore exactly."""

    def test_little_tricks_with_two_to_six_players(self):
        rng = random.Random(7)
        with WorkerClient(game("LittleTricks")) as w:
            for seats in range(2, 7):
                active = sorted(rng.sample(range(6), seats))
                pt = "s%d" % seats
                r = w.call("start", pt=pt, seed=seats, config={}, base_url="/", active_roles=active)
                self.assertEqual(active, sorted(v["role"] for v in r["views"] if "Your hand" in v["text"]))
                steps = 0
                while not r["goal"]:
                    self.assertIn(r["current_role"], active)
                    [view] = [v for v in r["views"] if v["operators"]]
                    top = view["operators"][0]["params"][0]["max"]
                    r = w.call("apply", pt=pt, role=view["role"], op_index=0, args=[rng.randint(1, top)])
                    steps += 1
                self.assertEqual(5 * seats, steps)
                self.assertTrue(r["outcome"]["winners"] or r["outcome"]["draw"])
                restored = w.call("restore", pt=pt + "r", snapshot=r["snapshot"], seed=seats, step=r["step"],
                                  config={}, base_url="/")
                self.assertEqual(r["state_json"], restored["state_json"])


class ReproducibleSecretsTest(unittest.TestCase):
    def test_same_seed_same_game(self):
        """The secret age, the ring and the card deal are drawn from the seeded generator."""
        for name in ("GuessMyAge", "PondPicnic", "LittleTricks", "TwentyQuestions"):
            with self.subTest(game=name), WorkerClient(game(name)) as w:
                a = w.call("start", pt="a", seed=42, config={}, base_url="/", active_roles=[0, 1, 2])
                b = w.call("start", pt="b", seed=42, config={}, base_url="/", active_roles=[0, 1, 2])
                c = w.call("start", pt="c", seed=43, config={}, base_url="/", active_roles=[0, 1, 2])
                self.assertEqual(a["state_json"], b["state_json"])
                others = [w.call("start", pt="d%d" % s, seed=s, config={}, base_url="/", active_roles=[0, 1, 2])
                          ["state_json"] for s in range(44, 50)]
                self.assertTrue(any(o != a["state_json"] for o in others + [c["state_json"]]))


class TicTacToeTest(unittest.TestCase):
    def test_empty_cells_are_clickable_and_observers_cannot_move(self):
        with WorkerClient(game("TicTacToe")) as w:
            r = w.call("start", pt="t", seed=1, config={}, base_url="/", active_roles=[0, 1])
            html = r["views"][0]["vis_html"]
            for i in range(9):
                self.assertIn('data-op-index="%d"' % i, html)
            r = w.call("apply", pt="t", role=0, op_index=4, args=None)
            self.assertEqual("X takes the centre.", r["transition"])
            self.assertEqual({"board": "    X    ", "to_move": "O", "moves": 1}, r["state_json"])   # to_dict
            self.assertNotIn('data-op-index="4"', r["views"][1]["vis_html"])
            observer = r["views"][2]
            self.assertEqual([], observer["operators"])
            with self.assertRaises(CallFailed) as refused:
                w.call("apply", pt="t", role=2, op_index=0, args=None)
            self.assertIn(refused.exception.code, ("not_your_turn", "wrong_role"))
            for cell in (0, 2, 8, 6):   # O, X, O, X: X completes the diagonal 2-4-6
                r = w.call("apply", pt="t", role=r["current_role"], op_index=cell, args=None)
            self.assertTrue(r["goal"])
            self.assertEqual({"winners": [0], "draw": False}, r["outcome"])
            self.assertIn("X wins", r["goal_message"])


class RockPaperScissorsTest(unittest.TestCase):
    def test_choices_stay_secret_until_revealed_and_allow_undo(self):
        with WorkerClient(game("RockPaperScissors")) as w:
            r = w.call("start", pt="r", seed=1, config={}, base_url="/", active_roles=[0, 1])
            self.assertTrue(r["parallel"])
            self.assertEqual([0, 1, 2], [o["index"] for o in r["views"][0]["operators"]])
            self.assertEqual([3, 4, 5], [o["index"] for o in r["views"][1]["operators"]])
            self.assertTrue(all(o["allow_undo"] for o in r["views"][0]["operators"]))
            with self.assertRaises(CallFailed) as refused:
                w.call("apply", pt="r", role=1, op_index=0, args=None)   # Player 2 using Player 1's
            self.assertEqual("wrong_role", refused.exception.code)
            r = w.call("apply", pt="r", role=1, op_index=5, args=None)   # Player 2: scissors
            self.assertNotIn("scissors", r["transition"])
            p1, p2, observer = r["views"]
            self.assertIn("You chose scissors", p2["text"])
            for view in (p1, observer):
                self.assertNotIn("scissors", view["text"])
                self.assertIn("has chosen", view["vis_html"])
                self.assertNotIn("chose scissors", view["vis_html"])
            self.assertNotIn("scissors", observer["vis_html"])   # observers have no buttons either
            r = w.call("apply", pt="r", role=0, op_index=0, args=None)   # Player 1: rock
            self.assertFalse(r["parallel"])
            self.assertEqual([6], [o["index"] for o in r["views"][2]["operators"]])   # anyone reveals
            r = w.call("apply", pt="r", role=2, op_index=6, args=None)
            self.assertIn("Rock blunts scissors: Player 1 wins round 1.", r["transition"])


class LittleTricksTest(unittest.TestCase):
    def test_each_player_sees_only_their_own_hand(self):
        with WorkerClient(game("LittleTricks")) as w:
            r = w.call("start", pt="c", seed=7, config={}, base_url="/", active_roles=[0, 2, 4])
            views = {v["role"]: v for v in r["views"]}
            self.assertIn("Cards left: Player 1 5, Player 3 5, Player 5 5", views[6]["text"])
            for role in (0, 2, 4):
                self.assertIn("Your hand:", views[role]["text"])
            for role in (1, 3, 5, 6):   # unseated players and the Observer
                self.assertNotIn("Your hand", views[role]["text"])
            # Player 1's cards appear in Player 1's vis and nowhere else.
            hand_line = views[0]["text"].splitlines()[0]
            first_card = hand_line.split(") ", 1)[1].split(",")[0]        # e.g. "red 7"
            self.assertIn(first_card, views[0]["vis_html"])
            if r["current_role"] != 0:
                for role in (2, 4, 6):
                    self.assertNotIn("<title>%s</title>" % first_card, views[role]["vis_html"])

    def test_over_a_whole_game_every_view_shows_only_its_own_hand_and_matches_a_fresh_drawing(self):
        # The vis and text views reuse what all viewers share within a step and each hand between
        # steps; a restored copy (fresh modules, nothing reused) must draw the very same views.
        with WorkerClient(game("LittleTricks")) as w:
            r = w.call("start", pt="g", seed=11, config={}, base_url="/")
            steps = 0
            while not r["goal"]:
                hands = {role: ["%s %d" % tuple(c["__tuple__"]) for c in cards]
                         for role, cards in r["state_json"]["hands"]["__items__"]}
                for v in r["views"]:
                    for owner, cards in hands.items():
                        for card in cards:
                            shown = (card + "</title>" in v["vis_html"],  # the word, not "red 10":
                                     re.search(r"\b%s\b" % card, v["text"]) is not None)
                            self.assertEqual(shown, (owner == v["role"],) * 2, (steps, v["role"], owner, card))
                if steps % 4 == 0:
                    fresh = w.call("restore", pt="check", snapshot=r["snapshot"], seed=11, step=r["step"],
                                   config={}, base_url="/")
                    self.assertEqual(fresh["views"], r["views"], "step %d" % steps)
                mover = r["current_role"]
                r = w.call("apply", pt="g", role=mover, op_index=0, args=[1 + steps % len(hands[mover])])
                steps += 1
            self.assertEqual(steps, 30)  # six players, five cards each

    def test_clicking_a_card_plays_it(self):
        with WorkerClient(game("LittleTricks")) as w:
            r = w.call("start", pt="c", seed=3, config={}, base_url="/", active_roles=[0, 1])
            mover = r["current_role"]
            view = r["views"][mover]
            self.assertIn('data-op-index="0" data-op-args="[1]"', view["vis_html"])
            self.assertEqual(5, view["operators"][0]["params"][0]["max"])
            first_card = view["text"].splitlines()[0].split(") ", 1)[1].split(",")[0]
            r = w.call("apply", pt="c", role=mover, op_index=0, args=[1])
            self.assertEqual("Player %d plays %s." % (mover + 1, first_card), r["transition"])
            self.assertEqual(4, r["views"][mover]["text"].splitlines()[0].count("("))
            with self.assertRaises(CallFailed) as refused:
                w.call("apply", pt="c", role=r["current_role"], op_index=0, args=[6])
            self.assertEqual("bad_args", refused.exception.code)


class PoetryWorkshopTest(unittest.TestCase):
    def test_drafts_are_documents_and_the_editor_reopens_the_last_one(self):
        with WorkerClient(game("PoetryWorkshop")) as w:
            r = w.call("start", pt="p", seed=1, config={}, base_url="/", active_roles=[0, 1])
            write = r["views"][0]["operators"][0]
            self.assertEqual("file_edit", write["params"][0]["type"])
            self.assertEqual("poem.txt", write["params"][0]["file_path"])
            r = w.call("apply", pt="p", role=0, op_index=0, args=["Leaves fall\nquietly down\n"])
            self.assertEqual(["poem.txt"], [a["path"] for a in r["artifacts"]])
            with open(os.path.join(r["session_folder"], "poem.txt"), encoding="utf-8") as f:
                self.assertEqual("Leaves fall\nquietly down\n", f.read())
            self.assertEqual("Leaves fall\nquietly down\n",
                             r["views"][0]["operators"][0]["params"][0]["initial_text"])
            r = w.call("apply", pt="p", role=0, op_index=2, args=None)        # hand it over
            self.assertEqual(1, r["current_role"])
            with self.assertRaises(CallFailed) as refused:
                w.call("apply", pt="p", role=1, op_index=4, args=[11.5])       # score above 10
            self.assertEqual("bad_args", refused.exception.code)
            r = w.call("apply", pt="p", role=1, op_index=4, args=[8.5])
            self.assertTrue(r["goal"])
            self.assertIn("8.5 out of 10", r["goal_message"])
            self.assertIn("review.txt", [a["path"] for a in r["artifacts"]])


class FoxAndHoundsTest(unittest.TestCase):
    def test_moves_are_named_by_squares_and_shared_squares_get_a_menu(self):
        with WorkerClient(game("FoxAndHounds")) as w:
            r = w.call("start", pt="f", seed=1, config={}, base_url="/", active_roles=[0, 1])
            self.assertEqual(["Fox: a1 to b2"], [o["name"] for o in r["views"][0]["operators"]])
            self.assertEqual([], r["views"][1]["operators"])
            self.assertNotIn("data-op-index", r["views"][1]["vis_html"])   # not the Hounds' turn
            r = w.call("apply", pt="f", role=0, op_index=1, args=None)
            hound_html = r["views"][1]["vis_html"]
            self.assertIn("data-context=", hound_html)                    # e.g. c7: Hound 1 or 2
            self.assertIn("Hound 1 from b8", hound_html)
            self.assertIn("Hound 1: b8 to c7", [o["name"] for o in r["views"][1]["operators"]])


class PondPicnicTest(unittest.TestCase):
    def test_picture_regions_and_clicks_in_scene_pixels(self):
        with WorkerClient(game("PondPicnic")) as w:
            r = w.call("start", pt="k", seed=1, config={}, base_url="/games/pond/v1/", active_roles=[0])
            html = r["views"][0]["vis_html"]
            self.assertIn('src="/games/pond/v1/images/pond.svg"', html)
            self.assertTrue(os.path.isfile(os.path.join(game("PondPicnic"), "images", "pond.svg")))
            start = html.index('<script type="application/json" id="wsz6-regions">')
            manifest = json.loads(html[html.index(">", start) + 1:html.index("</script>", start)])
            self.assertEqual(("pond-scene", 800, 500), (manifest["container_id"], manifest["scene_width"],
                                                        manifest["scene_height"]))
            self.assertIn('id="pond-scene"', html)
            shapes = {reg["shape"] for reg in manifest["regions"]}
            self.assertEqual({"rect", "circle", "polygon"}, shapes)
            pond = manifest["regions"][-1]
            self.assertTrue(pond["send_click_coords"])
            frog = manifest["regions"][0]
            self.assertEqual("The frog", frog["hover_label"])
            self.assertTrue(frog["context"] and any("info" in reg for reg in manifest["regions"]))
            r = w.call("apply", pt="k", role=0, op_index=pond["op_index"], args=[400, 420])
            self.assertIn("You search at (400, 420)", r["transition"])
            r = w.call("apply", pt="k", role=0, op_index=pond["op_index"], args=[250.4, 399.6])   # scaled click
            self.assertIn("You search at (250, 400)", r["transition"])
            self.assertIn("Ask the frog", [o["name"] for o in r["views"][0]["operators"]])


class GuessMyAgeTest(unittest.TestCase):
    def test_range_is_enforced_and_clues_narrow_it(self):
        with WorkerClient(game("GuessMyAge")) as w:
            desc = w.call("describe")
            self.assertEqual(["Player"], [r["name"] for r in desc["roles"]])
            r = w.call("start", pt="g", seed=5, config={"max_age": 50}, base_url="/", active_roles=[0])
            param = r["views"][0]["operators"][0]["params"][0]
            self.assertEqual(("int", 1, 50), (param["type"], param["min"], param["max"]))
            with self.assertRaises(CallFailed) as refused:
                w.call("apply", pt="g", role=0, op_index=0, args=[51])
            self.assertEqual("bad_args", refused.exception.code)
            low, high = 1, 50
            for _ in range(7):   # binary search always wins within 7 guesses
                r = w.call("apply", pt="g", role=0, op_index=0, args=[(low + high) // 2])
                if r["goal"]:
                    break
                if "older" in r["transition"]:
                    low = (low + high) // 2 + 1
                else:
                    high = (low + high) // 2 - 1
            self.assertTrue(r["goal"])
            self.assertEqual([0], r["outcome"]["winners"])


# ----- the language-model game against a local stub endpoint ----------------------------------
class _StubModel(http.server.BaseHTTPRequestHandler):
    """Answers like an OpenAI-compatible chat-completions endpoint; /slow and /broken misbehave."""
    requests = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _StubModel.requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
        if self.path.startswith("/slow"):
            time.sleep(3)
        try:
            self._answer(body)
        except (BrokenPipeError, ConnectionResetError):
            pass   # the game gave up waiting (the /slow case): nothing to answer

    def _answer(self, body):
        if self.path.startswith("/broken"):
            self.send_error(500, "model exploded")
            return
        reply = json.dumps({"id": "x", "object": "chat.completion", "model": body["model"], "choices": [
            {"index": 0, "finish_reason": "stop",
             "message": {"role": "assistant", "content": "Yes, it lives in the cold."}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


class TwentyQuestionsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _StubModel)
        cls.server.daemon_threads = True
        cls.url = "http://127.0.0.1:%d" % cls.server.server_address[1]
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()

    def ask(self, url, allow_network=True, timeout="2", config=None):
        env = {"GAME_LLM_URL": url, "GAME_LLM_MODEL": "stub-small", "GAME_LLM_KEY": "sk-test",
               "GAME_LLM_TIMEOUT": timeout}
        with WorkerClient(game("TwentyQuestions"), allow_network=allow_network, env=env) as w:
            w.call("start", pt="q", seed=1, config=config or {}, base_url="/", active_roles=[0])
            return w.call("apply", pt="q", role=0, op_index=0, args=["Is it alive?"])

    def test_the_oracle_answers_through_the_endpoint(self):
        _StubModel.requests.clear()
        r = self.ask(self.url + "/v1", config={"model": "stub-large"})
        self.assertEqual("Q: Is it alive?  A: Yes, it lives in the cold.", r["transition"])
        self.assertIn("Yes, it lives in the cold.", r["views"][0]["vis_html"])
        sent = _StubModel.requests[-1]
        self.assertEqual("/v1/chat/completions", sent["path"])
        self.assertEqual("Bearer sk-test", sent["auth"])
        self.assertEqual("stub-large", sent["body"]["model"])       # the owner's option wins
        self.assertEqual("system", sent["body"]["messages"][0]["role"])
        self.assertEqual("Is it alive?", sent["body"]["messages"][-1]["content"])

    def test_a_slow_model_gets_a_graceful_message_within_the_time_limit(self):
        started = time.monotonic()
        r = self.ask(self.url + "/slow/v1/chat/completions", timeout="1")
        self.assertLess(time.monotonic() - started, 2.9)
        self.assertIn("The Oracle is silent: the model took longer than 1 s", r["transition"])
        self.assertIn("A hint instead:", r["transition"])
        self.assertFalse(r["goal"])

    def test_a_failing_model_gets_a_graceful_message(self):
        r = self.ask(self.url + "/broken/v1")
        self.assertIn("The Oracle is silent: the model service answered HTTP 500", r["transition"])

    def test_without_network_or_configuration_the_game_still_plays(self):
        r = self.ask(self.url + "/v1", allow_network=False)
        self.assertIn("The Oracle is silent: the model service could not be reached", r["transition"])
        r = self.ask("")
        self.assertIn("no language model is configured for this game", r["transition"])


if __name__ == "__main__":
    unittest.main()
