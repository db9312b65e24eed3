"""Pebbles: the bridge's own fixture game (play/src/test/resources/gamehost).

Two players take 1-3 pebbles in turn; whoever takes the last one wins. Small on purpose, but it
touches what the bridge must carry: roles with an Observer, role-restricted operators, an int
parameter with a range, a str parameter, hidden information per role (a secret drawn from the
seeded random at module level), a set in the state (type-exact snapshots), a vis module, and
operators that refuse, raise or loop, so every protocol error code can be provoked.
"""
import random

import soluzion6_02 as sz

# A module-level draw: reproducible because the worker seeds random before the import, and it
# must survive restore (module globals are part of the snapshot).
SECRET = random.randint(1000, 9999)


class PebblesState(sz.SZ_State):
    def __init__(self, old=None):
        if old is None:
            self.pile = 0
            self.current_role_num = 0
            self.names = set()
            self.last_taker = None
            self.shouts = 0
        else:
            self.pile = old.pile
            self.current_role_num = old.current_role_num
            self.names = set(old.names)
            self.last_taker = old.last_taker
            self.shouts = old.shouts

    def __str__(self):
        return "Pile: %d. Named: %s. Shouts: %d." % (self.pile, ", ".join(sorted(self.names)) or "none", self.shouts)

    def text_view_for_role(self, role_num):
        view = str(self) + " %s to move." % ROLE_NAMES[self.current_role_num]
        if role_num == 0:
            view += " Your secret: %d." % SECRET
        return view

    def is_goal(self):
        return self.pile <= 0

    def goal_message(self):
        return "%s took the last pebble and wins." % ROLE_NAMES[self.last_taker]

    def is_win(self, role):
        return role == self.last_taker

    def is_draw(self):
        return False


ROLE_NAMES = ["Alice", "Bob", "Observer"]


def take(state, args):
    n = args[0]
    new = PebblesState(state)
    new.pile = max(0, state.pile - n)
    new.last_taker = state.current_role_num
    new.current_role_num = 1 - state.current_role_num
    new.jit_transition = "%s takes %d." % (ROLE_NAMES[state.current_role_num], n)
    return new


def shout(state):
    new = PebblesState(state)
    new.shouts += 1
    new.jit_transition = "Alice shouts."
    return new


def crash(state):
    raise ValueError("the pebbles scattered")


def think_forever(state):
    while True:
        pass


def name_pebble(state, args):
    new = PebblesState(state)
    new.names.add(args[0])
    return new


OPERATORS = [
    sz.SZ_Operator("Take pebbles", "Take 1 to 3 pebbles.", lambda s: s.pile > 0, take,
                   [{"name": "n", "type": "int", "min": 1, "max": 3}], None),
    sz.SZ_Operator("Shout", "Only Alice may shout.", lambda s: True, shout, [], 0),
    sz.SZ_Operator("Scatter", "Raises an exception in the game.", lambda s: True, crash, [], None),
    sz.SZ_Operator("Never", "Its precondition is always false.", lambda s: False, crash, [], None),
    sz.SZ_Operator("Think forever", "Loops until interrupted.", lambda s: True, think_forever, [], None),
    sz.SZ_Operator("Name a pebble", "Give a pebble a name.", lambda s: True, name_pebble,
                   [{"name": "name", "type": "str"}], None),
]


class PebblesFormulation(sz.SZ_Formulation):
    def __init__(self):
        self.metadata = sz.SZ_Metadata(name="Pebbles", brief_desc="Take the last pebble.",
                                       problem_version="1.0", authors=["WSZ6 bridge tests"])
        self.common_data = sz.SZ_Common_Data()
        self.instance_data = sz.SZ_Problem_Instance_Data()
        self.roles_spec = sz.SZ_Roles_Spec([sz.SZ_Role("Alice", "moves first"), sz.SZ_Role("Bob", "moves second"),
                                            sz.SZ_Role("Observer", "watches", max_players=10)],
                                           min_players_to_start=2)
        self.operators = sz.SZ_Operator_Set(OPERATORS)

    def initialize_problem(self, config={}):
        state = PebblesState()
        state.pile = int(config.get("pile", 10))
        self.instance_data = sz.SZ_Problem_Instance_Data({"pile": state.pile})
        return state


PEBBLES = PebblesFormulation()
