"""Missionaries and Cannibals, the classic river-crossing puzzle, as a SOLUZION6 formulation.

Three missionaries and three cannibals must cross a river in a boat that holds at most two.
If cannibals ever outnumber missionaries on either bank (while missionaries are there), the
missionaries are lost. The operators are the five possible boat loads; a load is only offered
when it is safe.
"""
import soluzion6_02 as sz

M, C = 0, 1          # index into a bank's [missionaries, cannibals]
LEFT, RIGHT = 0, 1   # the banks
BANK_NAMES = ("left", "right")
LOADS = ((1, 0), (2, 0), (1, 1), (0, 1), (0, 2))


class MC_Metadata(sz.SZ_Metadata):
    def __init__(self):
        self.name = "Missionaries and Cannibals"
        self.problem_version = "1.0"
        self.soluzion_version = "6.02"
        self.authors = ["WSZ6 project (after S. Amarel's classic formulation)"]
        self.creation_date = "2026-11-26"
        self.brief_desc = ("Get three missionaries and three cannibals across the river. The boat "
                           "carries one or two people, and cannibals must never outnumber the "
                           "missionaries on a bank where missionaries stand.")


class MC_State(sz.SZ_State):
    def __init__(self, old=None):
        if old is None:
            self.people = [[3, 3], [0, 0]]   # people[bank][M or C]
            self.boat = LEFT
            self.crossings = 0
        else:
            self.people = [old.people[LEFT][:], old.people[RIGHT][:]]
            self.boat = old.boat
            self.crossings = old.crossings
        self.current_role_num = 0

    def __eq__(self, other):
        return isinstance(other, MC_State) and self.people == other.people and self.boat == other.boat

    def __hash__(self):
        return hash(str(self))

    def __str__(self):
        l, r = self.people
        boat_l = "[boat]" if self.boat == LEFT else "      "
        boat_r = "[boat]" if self.boat == RIGHT else "      "
        return ("Left bank:  %d missionaries, %d cannibals %s\n"
                "~~~~~~~~~~~~~~~~~ river ~~~~~~~~~~~~~~~~~\n"
                "Right bank: %d missionaries, %d cannibals %s\n"
                "Crossings so far: %d" % (l[M], l[C], boat_l, r[M], r[C], boat_r, self.crossings))

    def to_dict(self):
        return {"left": {"missionaries": self.people[LEFT][M], "cannibals": self.people[LEFT][C]},
                "right": {"missionaries": self.people[RIGHT][M], "cannibals": self.people[RIGHT][C]},
                "boat": BANK_NAMES[self.boat], "crossings": self.crossings}

    @staticmethod
    def from_dict(d):
        s = MC_State()
        s.people = [[d["left"]["missionaries"], d["left"]["cannibals"]],
                    [d["right"]["missionaries"], d["right"]["cannibals"]]]
        s.boat = BANK_NAMES.index(d["boat"])
        s.crossings = d["crossings"]
        return s

    def can_move(self, m, c):
        """Safe to move m missionaries and c cannibals from the boat's bank to the other?"""
        here, there = self.people[self.boat], self.people[1 - self.boat]
        if here[M] < m or here[C] < c:
            return False
        m_here, c_here = here[M] - m, here[C] - c
        m_there, c_there = there[M] + m, there[C] + c
        return (m_here == 0 or m_here >= c_here) and (m_there == 0 or m_there >= c_there)

    def move(self, m, c):
        news = MC_State(self)
        here, there = news.people[self.boat], news.people[1 - self.boat]
        here[M] -= m
        here[C] -= c
        there[M] += m
        there[C] += c
        news.boat = 1 - self.boat
        news.crossings += 1
        who = " and ".join(p for p in (_plural(m, "missionary", "missionaries"),
                                        _plural(c, "cannibal", "cannibals")) if p)
        news.jit_transition = "%s cross%s to the %s bank." % (
            who[0].upper() + who[1:], "es" if m + c == 1 else "", BANK_NAMES[news.boat])
        return news

    def is_goal(self):
        return self.people[RIGHT] == [3, 3]

    def goal_message(self):
        note = " That is the shortest possible solution!" if self.crossings == 11 else ""
        return "Everyone crossed safely in %d crossings.%s" % (self.crossings, note)


def _plural(n, one, many):
    if n == 0:
        return ""
    return "one %s" % one if n == 1 else "two %s" % many


def _load_name(m, c):
    return "Cross with " + " and ".join(p for p in (_plural(m, "missionary", "missionaries"),
                                                    _plural(c, "cannibal", "cannibals")) if p)


class MC_Formulation(sz.SZ_Formulation):
    def __init__(self):
        self.metadata = MC_Metadata()
        self.common_data = sz.SZ_Common_Data()
        self.instance_data = sz.SZ_Problem_Instance_Data()
        self.roles_spec = sz.SZ_Roles_Spec([sz.SZ_Role("Ferry operator", "Decides who rows across.")])
        self.operators = sz.SZ_Operator_Set([
            sz.SZ_Operator(_load_name(m, c),
                           "Row %s across the river (offered only when it leaves both banks safe)."
                           % _load_name(m, c)[len("Cross with "):],
                           (lambda m, c: lambda s: s.can_move(m, c))(m, c),
                           (lambda m, c: lambda s: s.move(m, c))(m, c))
            for (m, c) in LOADS])

    def initialize_problem(self, config={}):
        return MC_State()


MC = MC_Formulation()
