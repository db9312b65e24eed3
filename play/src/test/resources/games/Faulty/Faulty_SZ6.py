"""A one-player test game: one operator counts, another raises inside its transition."""
import soluzion6_02 as sz


class FaultyState(sz.SZ_State):
    def __init__(self, old=None):
        self.n = 0 if old is None else old.n
        self.current_role_num = 0

    def is_goal(self):
        return self.n >= 3

    def goal_message(self):
        return "Counted to three."

    def __str__(self):
        return "n = %d" % self.n


def add_one(s):
    news = FaultyState(s)
    news.n += 1
    news.jit_transition = "n is now %d" % news.n
    return news


def divide_by_zero(s):
    return s.n / 0


class FaultyMetadata(sz.SZ_Metadata):
    def __init__(self):
        self.name = "Faulty"
        self.brief_desc = "Counts to three; one operator always raises."
        self.problem_version = "1"
        self.soluzion_version = "6.02"
        self.authors = ["WSZ6 tests"]
        self.creation_date = "2026-11-26"


class FaultyFormulation(sz.SZ_Formulation):
    def __init__(self):
        self.metadata = FaultyMetadata()
        self.common_data = sz.SZ_Common_Data()
        self.instance_data = sz.SZ_Problem_Instance_Data()
        self.roles_spec = sz.SZ_Roles_Spec([sz.SZ_Role("Solo", "Plays alone.")], min_players_to_start=1)
        self.operators = sz.SZ_Operator_Set([
            sz.SZ_Operator("Add one", "Counts up.", lambda s: not s.is_goal(), add_one),
            sz.SZ_Operator("Divide by zero", "Always fails.", lambda s: not s.is_goal(), divide_by_zero)])

    def initialize_problem(self, config={}):
        return FaultyState()


FAULTY = FaultyFormulation()
