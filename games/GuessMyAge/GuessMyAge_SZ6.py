"""Guess My Age: the computer thinks of an age, you guess, it says "older" or "younger".

Shows three things of the SOLUZION6 contract:
* an ``int`` parameter with an inclusive ``min``/``max`` range (the portal checks the range);
* a secret chosen with ``random`` in ``initialize_problem`` (reproducible: the portal seeds it);
* no ``roles_spec``: the portal gives it the single default role "Player";
* operators built inside ``initialize_problem`` (``operators`` is None until then), because the
  range depends on the session owner's option ``max_age``.
"""
import random

import soluzion6_02 as sz

DEFAULT_MAX_AGE = 120
MAX_GUESSES = 7   # enough for a perfect binary search of 1-120


class Age_Metadata(sz.SZ_Metadata):
    def __init__(self):
        self.name = "Guess My Age"
        self.problem_version = "1.0"
        self.soluzion_version = "6.02"
        self.authors = ["WSZ6 project"]
        self.creation_date = "2026-11-26"
        self.brief_desc = ("I'm thinking of my age. Guess it in at most %d tries: after each guess "
                           "I tell you whether I'm older or younger." % MAX_GUESSES)


class Age_State(sz.SZ_State):
    def __init__(self, old=None):
        if old is None:
            self.secret = None
            self.low, self.high = 1, DEFAULT_MAX_AGE
            self.guesses = []
            self.found = False
        else:
            self.secret = old.secret
            self.low, self.high = old.low, old.high
            self.guesses = old.guesses[:]
            self.found = old.found
        self.current_role_num = 0

    def __str__(self):
        # The secret is never part of the text.
        if self.found:
            return "You guessed it: I am %d." % self.secret
        if not self.guesses:
            return "I am somewhere between %d and %d years old. Make a guess!" % (self.low, self.high)
        left = MAX_GUESSES - len(self.guesses)
        return ("Your guesses so far: %s\nFrom your clues, I am between %d and %d.\n"
                "%d guess%s left." % (", ".join(map(str, self.guesses)), self.low, self.high,
                                      left, "" if left == 1 else "es"))

    def is_goal(self):
        return self.found or len(self.guesses) >= MAX_GUESSES

    def is_win(self, role_num):
        return self.found

    def goal_message(self):
        if self.found:
            n = len(self.guesses)
            return "Right, I am %d! You needed %d guess%s." % (self.secret, n, "" if n == 1 else "es")
        return "Out of guesses! I am %d." % self.secret


def guess(state, args):
    age = args[0]
    news = Age_State(state)
    news.guesses.append(age)
    if age == state.secret:
        news.found = True
        news.jit_transition = "%d is right!" % age
    elif age < state.secret:
        news.low = max(news.low, age + 1)
        news.jit_transition = "%d? No, I am older than that." % age
    else:
        news.high = min(news.high, age - 1)
        news.jit_transition = "%d? No, I am younger than that." % age
    return news


class Age_Formulation(sz.SZ_Formulation):
    def __init__(self):
        self.metadata = Age_Metadata()
        self.common_data = sz.SZ_Common_Data()
        self.instance_data = sz.SZ_Problem_Instance_Data()
        # No roles_spec at all: a one-player game gets the single role "Player" from the portal.
        self.operators = None   # built in initialize_problem, once the range is known

    def initialize_problem(self, config={}):
        try:
            max_age = max(10, min(1000, int(config.get("max_age", DEFAULT_MAX_AGE))))
        except (TypeError, ValueError):
            max_age = DEFAULT_MAX_AGE
        self.operators = sz.SZ_Operator_Set([
            sz.SZ_Operator("Guess an age", "Say how old you think I am (1 to %d)." % max_age,
                           lambda s: not s.is_goal(), guess,
                           [{"name": "age", "type": "int", "min": 1, "max": max_age}])])
        state = Age_State()
        state.high = max_age
        state.secret = random.randint(1, max_age)
        self.instance_data = sz.SZ_Problem_Instance_Data({"max_age": max_age, "max_guesses": MAX_GUESSES})
        return state


AGE = Age_Formulation()
