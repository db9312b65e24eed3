"""The generic JSON view of a state for the log (docs/gamehost-protocol.md, StepResult.state_json)."""
import unittest

from wsz6_gamehost.views import state_json


class Card:
    def __init__(self, colour, value):
        self.colour, self.value = colour, value


class Table:
    def __init__(self):
        self.hands = {0: [("red", 3), ("blue", 7)], 1: []}
        self.trick = [(0, ("green", 2))]
        self.seen = {("red", 3)}
        self.names = ["Ann", "Bo"]
        self.scores = {"Ann": 1.5, "Bo": float("inf")}
        self.top = Card("red", 9)
        self.raw = b"abc"
        self.helper = len          # callables are left out
        self.kind = Card           # but classes are data


class StateJsonTest(unittest.TestCase):
    def test_every_type_keeps_its_marker(self):
        self.assertEqual(state_json(Table()), {
            "__class__": "Table",
            "hands": {"__items__": [[0, [{"__tuple__": ["red", 3]}, {"__tuple__": ["blue", 7]}]], [1, []]]},
            "trick": [{"__tuple__": [0, {"__tuple__": ["green", 2]}]}],
            "seen": {"__set__": [{"__tuple__": ["red", 3]}]},
            "names": ["Ann", "Bo"],
            "scores": {"Ann": 1.5, "Bo": "inf"},
            "top": {"__class__": "Card", "colour": "red", "value": 9},
            "raw": {"__bytes__": 3},
            "kind": {"__class__": "type", "repr": "<class 'tests.test_state_json.Card'>"},
        })

    def test_played_cards_and_hands_keep_their_markers_whatever_they_hold(self):
        # Shapes the walker takes a shortcut for, next to near misses that take the long way.
        self.assertEqual(state_json([(0, ("red", 3)), (1, ("blue", [7])), (2, "x", None)]), [
            {"__tuple__": [0, {"__tuple__": ["red", 3]}]},
            {"__tuple__": [1, {"__tuple__": ["blue", [7]]}]},
            {"__tuple__": [2, "x", None]}])
        self.assertEqual(state_json({"hand": [("red", 3), ("blue", 7.5)], "mixed": [("red", 3), ["blue", 7]]}), {
            "hand": [{"__tuple__": ["red", 3]}, {"__tuple__": ["blue", 7.5]}],
            "mixed": [{"__tuple__": ["red", 3]}, ["blue", 7]]})
        self.assertEqual(state_json({1: "a", "b": 2}), {"__items__": [[1, "a"], ["b", 2]]})

    def test_cycles_are_marked_and_deep_nesting_is_cut(self):
        t = Table()
        t.me = t
        loop = [1]
        loop.append(loop)
        t.loop = loop
        deep = ("a", 1)
        for _ in range(60):
            deep = [deep]
        t.deep = deep
        out = state_json(t)
        self.assertEqual(out["me"], {"__ref__": "Table"})
        self.assertEqual(out["loop"], [1, {"__ref__": "list"}])
        level, depth = out["deep"], 1
        while isinstance(level, list):
            level, depth = level[0], depth + 1
        self.assertEqual((level, depth), ("...", 41))  # the 40-level limit holds for leaf tuples too


if __name__ == "__main__":
    unittest.main()
