"""Snapshots restore exactly (types, module globals, instance_data, random state); seeding replays."""
import json
import random
import shutil
import sys
import tempfile
import unittest

from tests.support import fixture, worker
from wsz6_gamehost import snapshot, wire
from wsz6_gamehost.protocol import Worker


class InProcess:
    """A protocol Worker inside the test process (no sandbox), to look at the restored objects."""

    def __init__(self, game):
        self.scratch = tempfile.mkdtemp(prefix="wsz6-test-")
        self.worker = Worker(fixture(game), self.scratch, 3000)

    def call(self, op, **fields):
        fields.update(id=1, op=op)
        response = wire.decode_response(self.worker.handle_line(json.dumps(fields).encode()))
        if not response["ok"]:
            raise AssertionError(response["error"])
        return response["result"]

    def module(self, pt):
        return sys.modules["wsz6_pt_" + pt]

    def close(self):
        for pt in list(self.worker.pts):
            self.call("close", pt=pt)
        shutil.rmtree(self.scratch, ignore_errors=True)


class SnapshotTypesTest(unittest.TestCase):
    def setUp(self):
        self.host = InProcess("guess")
        self.addCleanup(self.host.close)

    def play(self, pt, seed):
        h = self.host
        h.call("start", pt=pt, seed=seed, config={"model": "m1"})
        h.call("apply", pt=pt, role=0, op_index=0, args=[42])
        h.call("apply", pt=pt, role=0, op_index=3, args=["teal"])
        return h.call("apply", pt=pt, role=0, op_index=1, args=None)

    def test_restored_state_has_exact_types_and_nested_objects(self):
        result = self.play("a", 5)
        restored = self.host.call("restore", pt="b", snapshot=result["snapshot"], seed=5, step=result["step"],
                                  config={"model": "m1"})
        self.assertEqual(restored["state_json"], result["state_json"])
        state = self.host.worker.pts["b"].state
        module_b = self.host.module("b")
        self.assertIs(type(state), module_b.GuessState)
        self.assertIs(type(state.guesses), set)
        self.assertEqual(state.guesses, {42})
        self.assertEqual(set(state.grid), {(0, 0), (42, 1)})
        self.assertTrue(all(type(k) is tuple for k in state.grid))
        self.assertEqual(state.pair, (1, "one"))
        self.assertIs(type(state.pebble), module_b.Pebble)
        self.assertEqual(state.pebble.colour, "teal")
        self.assertEqual(state.roll, self.host.worker.pts["a"].state.roll)

    def test_module_globals_and_instance_data_survive_restore_even_with_another_import_seed(self):
        result = self.play("a", 5)
        module_a = self.host.module("a")
        self.assertEqual(module_a.GUESSES_MADE, 1)
        # Another seed makes the import draw another secret; the snapshot must win.
        self.host.call("restore", pt="c", snapshot=result["snapshot"], seed=77, step=3, config={"model": "m1"})
        module_c = self.host.module("c")
        self.assertIsNot(module_c, module_a)
        self.assertEqual(module_c.SECRET, module_a.SECRET)
        self.assertEqual(module_c.GUESSES_MADE, 1)
        data_a, data_c = module_a.GUESS.instance_data, module_c.GUESS.instance_data
        self.assertEqual(data_c.data, data_a.data)
        self.assertEqual(data_c.started_with, "m1")

    def test_random_generator_state_is_restored(self):
        result = self.play("a", 5)
        at_snapshot = random.getstate()
        random.seed(12345)
        self.host.call("restore", pt="d", snapshot=result["snapshot"], seed=5, step=3, config={})
        self.assertEqual(random.getstate(), at_snapshot)

    def test_a_lazily_seeded_generator_draws_what_an_eagerly_seeded_one_draws(self):
        plain = random.Random()
        for draw in (lambda r: r.random(), lambda r: r.randint(1, 6), lambda r: r.getrandbits(70),
                     lambda r: r.gauss(0, 1), lambda r: r.sample(range(100), 5), lambda r: r.getstate()):
            for seed in (7, 2 ** 80, -3):
                random.seed(seed)
                plain.seed(seed)
                self.assertEqual(draw(random), draw(plain))
                self.assertEqual(random.random(), plain.random())
        random.seed(5)
        random.seed("text")   # a seed that is not an int is used at once
        plain.seed("text")
        self.assertEqual(random.random(), plain.random())

    def test_same_seed_same_secret_other_seed_other_secret(self):
        self.host.call("start", pt="s1", seed=100, config={})
        self.host.call("start", pt="s2", seed=100, config={})
        secrets = set()
        for i in range(6):
            self.host.call("start", pt="o%d" % i, seed=200 + i, config={})
            secrets.add(self.host.module("o%d" % i).SECRET)
        self.assertEqual(self.host.module("s1").SECRET, self.host.module("s2").SECRET)
        self.assertGreater(len(secrets), 1)

    def test_helper_modules_are_separate_per_playthrough(self):
        ttt = InProcess("tictactoe")
        self.addCleanup(ttt.close)
        ttt.call("start", pt="h1", seed=1, config={})
        ttt.call("start", pt="h2", seed=1, config={})
        h1 = ttt.worker.pts["h1"].scope.modules["board_helpers"]
        h2 = ttt.worker.pts["h2"].scope.modules["board_helpers"]
        self.assertIsNot(h1, h2)
        self.assertEqual((h1.LOADS, h2.LOADS), ([1], [1]))
        self.assertNotIn("board_helpers", sys.modules)  # only present while its play-through runs


class Plain:
    def __init__(self, **attrs):
        self.__dict__.update(attrs)


class PlainChild(Plain):
    pass


class Empty:
    pass


class Slotted:
    __slots__ = ("a",)

    def __init__(self):
        self.a = 1


class WithState(Plain):
    def __getstate__(self):
        return {"only": 1}


class WithReduce:
    def __reduce__(self):
        return (WithReduce, ())


class Registered(Plain):
    pass


class Items(list):
    pass


class Mapping(dict):
    pass


class SnapshotBytesTest(unittest.TestCase):
    """The snapshot's own pickler (faster for plain instances) must write what pickle.dumps writes."""

    def test_the_snapshot_pickler_writes_the_bytes_of_pickle_dumps(self):
        import copyreg
        import pickle
        copyreg.pickle(Registered, lambda obj: (Registered, ()))
        self.addCleanup(copyreg.dispatch_table.pop, Registered)
        shared = [1, 2]
        values = [
            Plain(a=1, b="x", c=(1, 2), d={3: {4}}, e=shared, f=shared), PlainChild(x=Empty()), Empty(),
            Slotted(), WithState(a=2), WithReduce(), Registered(z=1), Items([1, Plain(q=1)]),
            Mapping(k=Plain()), complex(1, 2), {1, 2}, frozenset({3}), Plain(me=None),
        ]
        values[-1].me = values[-1]  # a cycle
        taker = snapshot.SnapshotTaker()
        for value in values + [values]:
            bundle = {"format": 1, "state": value}
            self.assertEqual(taker._dumps(bundle), pickle.dumps(bundle, protocol=pickle.HIGHEST_PROTOCOL),
                             type(value).__name__)
        self.assertIs(type(pickle.loads(taker._dumps(values))[7]), Items)


class SnapshotAcrossWorkersTest(unittest.TestCase):
    def test_restore_in_a_fresh_worker_continues_identically(self):
        with worker(fixture("guess")) as a:
            a.call("start", pt="g", seed=9, config={})
            a.call("apply", pt="g", role=0, op_index=0, args=[30])
            mid = a.call("apply", pt="g", role=0, op_index=1, args=None)
            then = a.call("apply", pt="g", role=0, op_index=1, args=None)
        with worker(fixture("guess")) as b:
            restored = b.call("restore", pt="g", snapshot=mid["snapshot"], seed=9, step=mid["step"], config={})
            self.assertEqual(restored["state_json"], mid["state_json"])
            self.assertEqual(restored["views"], mid["views"])
            again = b.call("apply", pt="g", role=0, op_index=1, args=None)
            self.assertEqual(again["state_json"], then["state_json"])  # same step seed, same roll
            self.assertEqual(again["seed"], then["seed"])

    def test_operators_built_in_initialize_problem_are_rebuilt_on_restore(self):
        with worker(fixture("lazy_ops")) as a:
            first = a.call("start", pt="l", seed=4, config={})
            mid = a.call("apply", pt="l", role=0, op_index=0, args=None)
        with worker(fixture("lazy_ops")) as b:
            restored = b.call("restore", pt="l", snapshot=mid["snapshot"], seed=4, step=1, config={})
            self.assertEqual(restored["views"], mid["views"])
            self.assertEqual(len(restored["views"][0]["operators"]), len(first["views"][0]["operators"]))
            moved = b.call("apply", pt="l", role=0, op_index=2, args=None)
            self.assertEqual(moved["step"], 2)


class SeedingTest(unittest.TestCase):
    def rolls(self, seed):
        with worker(fixture("guess")) as w:
            first = w.call("start", pt="g", seed=seed, config={})
            out = [first["seed"]]
            for _ in range(3):
                r = w.call("apply", pt="g", role=0, op_index=1, args=None)
                out.append((r["seed"], r["state_json"]["roll"]))
            return out

    def test_same_seed_replays_identically_and_another_seed_differs(self):
        a, b, c = self.rolls(42), self.rolls(42), self.rolls(43)
        self.assertEqual(a, b)
        self.assertNotEqual(a, c)

    def test_step_seed_follows_the_documented_formula(self):
        import hashlib
        expected = int(hashlib.sha256(b"42:2").hexdigest()[:15], 16)
        self.assertEqual(self.rolls(42)[2][0], expected)


if __name__ == "__main__":
    unittest.main()
