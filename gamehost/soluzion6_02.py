"""soluzion6_02 — the SOLUZION6 base classes that every game (PFF) imports.

This is the portal's copy of the module (SZ6-CONTRACT §2). Game classes usually subclass these
*without* calling the base constructors, so the engine never relies on ``__init__`` having run:
it reads attributes with ``getattr(..., default)``. Mutable defaults are copied so that two
instances never share state.

Used unchanged by the terminal engine (``./wsz6 play``) and by the portal's worker.
"""

import copy

SOLUZION_VERSION = "6.02"


class SZ_Metadata:
    def __init__(self, name="Counting game", brief_desc="The base module's own one-operator game.",
                 problem_version="1.0", soluzion_version=SOLUZION_VERSION, authors=None,
                 creation_date=""):
        self.name = name
        self.brief_desc = brief_desc
        self.problem_version = problem_version
        self.soluzion_version = soluzion_version
        self.authors = list(authors) if authors else []
        self.creation_date = creation_date


class SZ_Common_Data:
    """Data shared by all play-throughs of a game. Games add attributes freely."""

    def __init__(self):
        pass


class SZ_Problem_Instance_Data:
    """Per-play-through data. ``d`` is copied: a shared default dict must not leak between games."""

    def __init__(self, d=None):
        self.data = dict(d) if d else {}


class SZ_State:
    """Base state: a counter, so the base module's defaults form a playable game."""

    def __init__(self, old=None):
        self.current_role_num = 0
        self.count = 0
        if old is not None:
            self.current_role_num = getattr(old, "current_role_num", 0)
            self.count = getattr(old, "count", 0)

    def __str__(self):
        return "Count: %d" % getattr(self, "count", 0)

    def __eq__(self, other):
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def __hash__(self):
        return hash(str(self))

    def is_goal(self):
        return getattr(self, "count", 0) >= 3

    def goal_message(self):
        return "The count reached 3."

    def copy(self):
        return copy.deepcopy(self)


def _always(_state):
    return True


def _identity(state):
    return state


class SZ_Operator:
    """An operator. Its index in the operator list is its identity.

    Signature per the contract: ``SZ_Operator(name, description, precond_func, state_xition_func,
    params, role)``. Older games pass ``SZ_Operator(name, precond_func, state_xition_func)``; when
    the second positional argument is callable we read the arguments in that order instead.
    """

    def __init__(self, name="Operator", description="", precond_func=None, state_xition_func=None,
                 params=None, role=None, allow_undo=False):
        if callable(description) and not isinstance(description, str):
            # Old positional order: (name, precond_func, state_xition_func, params?, role?)
            description, precond_func, state_xition_func, params, role = (
                "", description, precond_func, state_xition_func, params)
            if callable(role) or (role is not None and not isinstance(role, int)):
                role = None
        self.name = name
        self.description = description or ""
        self.precond_func = precond_func if precond_func is not None else _always
        self.state_xition_func = state_xition_func if state_xition_func is not None else _identity
        self.params = params if callable(params) else (list(params) if params else [])
        self.role = role
        self.allow_undo = allow_undo

    def is_applicable(self, state):
        return bool(self.precond_func(state))

    def apply(self, state, args=None):
        params = self.params(state) if callable(self.params) else self.params
        if params:
            return self.state_xition_func(state, list(args or []))
        return self.state_xition_func(state)


class SZ_Operator_Set:
    def __init__(self, operators=None):
        self.operators = list(operators) if operators else []


class SZ_Role:
    def __init__(self, name="Player", description="", max_players=1):
        self.name = name
        self.description = description
        self.max_players = max_players


class SZ_Roles_Spec:
    def __init__(self, roles=None, min_players_to_start=1, max_players=None):
        self.roles = list(roles) if roles else [SZ_Role()]
        self.min_players_to_start = min_players_to_start
        self.max_players = max_players if max_players is not None else sum(
            getattr(r, "max_players", 1) for r in self.roles)


def _count_up(state):
    new = state.__class__(state)
    new.count = getattr(state, "count", 0) + 1
    new.jit_transition = "The count is now %d." % new.count
    return new


class SZ_Formulation:
    """The base formulation: a one-role game with one operator, "Count up", that ends at 3."""

    def __init__(self):
        self.metadata = SZ_Metadata()
        self.common_data = SZ_Common_Data()
        self.instance_data = SZ_Problem_Instance_Data()
        self.roles_spec = SZ_Roles_Spec()
        self.operators = SZ_Operator_Set([
            SZ_Operator("Count up", "Add one to the count.", _always, _count_up)])
        self.vis_module = None

    def initialize_problem(self, config=None):
        self.instance_data = SZ_Problem_Instance_Data({"config": dict(config or {})})
        return SZ_State()
