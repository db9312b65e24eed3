"""The module-level ``random`` generator, made to notice whether game code used it.

Snapshots hold the generator's state. Most steps of most games draw nothing after the worker
seeds them, and then "seeded with N, untouched" (a few bytes) says the same as the full 2.5 KB
Mersenne Twister state. ``TrackedRandom`` replaces the hidden instance behind ``random.random``,
``random.randint``, ``from random import shuffle``... before any game code is imported.
"""
import random

_BITS_AND_FLOATS = ("random", "getrandbits")


class TrackedRandom(random.Random):
    """Also seeds lazily: an int seed is handed to the Mersenne Twister (~4 us, every step) only
    when game code first draws or reads the state; most steps draw nothing. Every way of drawing
    goes through ``random``/``getrandbits`` (the Python-level methods call them) or ``getstate``."""

    touched = False
    seeded_with = None
    _pending = None  # an int seed not handed to the generator yet

    def seed(self, a=None, version=2):
        if type(a) is int:
            self._pending = a
            self.gauss_next = None  # as Random.seed does
        else:
            self._pending = None
            super().seed(a, version)
        self.touched = False
        self.seeded_with = a if isinstance(a, int) else None

    def _seed_now(self):
        a, self._pending = self._pending, None
        super(random.Random, self).seed(a)  # the generator only: gauss_next is as the game left it

    def random(self):
        self.touched = True
        if self._pending is not None:
            self._seed_now()
        return super().random()

    def getrandbits(self, k):
        self.touched = True
        if self._pending is not None:
            self._seed_now()
        return super().getrandbits(k)

    def getstate(self):
        if self._pending is not None:
            self._seed_now()
        return super().getstate()

    def setstate(self, state):
        self._pending = None
        super().setstate(state)
        self.touched = True

    def compact_state(self):
        """("seeded", N) when nothing was drawn since seed(N), else ("state", full state)."""
        if not self.touched and self.seeded_with is not None:
            return ("seeded", self.seeded_with)
        return ("state", self.getstate())

    def restore_compact(self, compact):
        kind, value = compact
        if kind == "seeded":
            self.seed(value)
        else:
            self.setstate(value)


def install():
    """Rebinds the random module's functions to a TrackedRandom; returns it (idempotent)."""
    old = random._inst
    if isinstance(old, TrackedRandom):
        return old
    tracked = TrackedRandom()
    tracked.setstate(old.getstate())
    for name, value in list(vars(random).items()):
        if getattr(value, "__self__", None) is old:
            setattr(random, name, getattr(tracked, name))
    random._inst = tracked
    return tracked
