"""Rock-Paper-Scissors for two players, a SOLUZION6 formulation with a parallel phase.

Each round has two steps:
1. *Choose* (a parallel phase, ``state.parallel = True``): both players pick rock, paper or
   scissors, in any order. Each player's operators are restricted to their role, and a choice
   may be taken back with Undo until the round is revealed (the operators set ``allow_undo``).
   Nobody sees the other's choice: ``text_view_for_role`` and the role-specific picture show
   only your own.
2. *Reveal* (not parallel): anyone says "Rock, paper, scissors, go!" and the round is scored.

The first player to win ``wins_needed`` rounds (option, default 2) wins the match.
"""
import soluzion6_02 as sz

P1, P2, OBSERVER = 0, 1, 2
PLAYERS = ("Player 1", "Player 2")
CHOICES = ("rock", "paper", "scissors")
BEATS = {"rock": "scissors", "paper": "rock", "scissors": "paper"}
VERBS = {("rock", "scissors"): "blunts", ("paper", "rock"): "covers", ("scissors", "paper"): "cut"}
MAX_ROUNDS = 15   # keeps a run of draws from going on forever


class RPS_Metadata(sz.SZ_Metadata):
    def __init__(self):
        self.name = "Rock-Paper-Scissors"
        self.problem_version = "1.0"
        self.soluzion_version = "6.02"
        self.authors = ["WSZ6 project"]
        self.creation_date = "2026-11-26"
        self.brief_desc = ("Two players choose rock, paper or scissors at the same time, in secret. "
                           "Rock blunts scissors, scissors cut paper, paper covers rock. "
                           "Win two rounds to win the match.")


class RPS_State(sz.SZ_State):
    def __init__(self, old=None):
        if old is None:
            self.choices = [None, None]   # secret until the reveal
            self.score = [0, 0]
            self.round = 1
            self.history = []             # (choice of P1, choice of P2, winner or None)
            self.wins_needed = 2
            self.parallel = True
            self.current_role_num = -1    # during the parallel phase nobody in particular
        else:
            self.choices = old.choices[:]
            self.score = old.score[:]
            self.round = old.round
            self.history = old.history[:]
            self.wins_needed = old.wins_needed
            self.parallel = old.parallel
            self.current_role_num = old.current_role_num

    # --- the end of the match -------------------------------------------------------------
    def match_winner(self):
        for p in (P1, P2):
            if self.score[p] >= self.wins_needed:
                return p
        if len(self.history) >= MAX_ROUNDS and self.score[P1] != self.score[P2]:
            return P1 if self.score[P1] > self.score[P2] else P2
        return None

    def is_goal(self):
        return self.match_winner() is not None or len(self.history) >= MAX_ROUNDS

    def is_win(self, role_num):
        return self.match_winner() == role_num

    def is_draw(self):
        return self.is_goal() and self.match_winner() is None

    def goal_message(self):
        w = self.match_winner()
        if w is None:
            return "After %d rounds the match is a draw, %d to %d." % (MAX_ROUNDS, *self.score)
        return "%s wins the match %d to %d!" % (PLAYERS[w], self.score[w], self.score[1 - w])

    # --- what each role may see -------------------------------------------------------------
    def _status(self, p, viewer):
        if self.choices[p] is None:
            return "Your turn to choose." if viewer == p else "%s is still choosing." % PLAYERS[p]
        if viewer == p:
            return "You chose %s." % self.choices[p]
        return "%s has chosen." % PLAYERS[p]

    def text_view_for_role(self, role_num):
        lines = ["Round %d. Score: %s %d, %s %d (first to %d wins)."
                 % (self.round, PLAYERS[P1], self.score[P1], PLAYERS[P2], self.score[P2],
                    self.wins_needed)]
        if self.history:
            a, b, w = self.history[-1]
            lines.append("Last round: %s vs %s, %s." % (a, b, "a draw" if w is None else PLAYERS[w] + " won"))
        if not self.is_goal():
            lines.append(self._status(P1, role_num))
            lines.append(self._status(P2, role_num))
            if not self.parallel:
                lines.append("Both have chosen: reveal!")
        return "\n".join(lines)

    def __str__(self):
        # The viewpoint of someone who sees no secret.
        return self.text_view_for_role(OBSERVER)


def can_choose(player):
    return lambda s: s.parallel and not s.is_goal() and s.choices[player] is None


def choose(player, choice):
    def xition(s):
        news = RPS_State(s)
        news.choices[player] = choice
        news.jit_transition = "%s has made a choice." % PLAYERS[player]   # but not which one
        if None not in news.choices:
            news.parallel = False
        return news
    return xition


def reveal(s):
    a, b = s.choices
    news = RPS_State(s)
    if a == b:
        winner, what = None, "Both chose %s: a draw." % a
    else:
        winner = P1 if BEATS[a] == b else P2
        w, l = (a, b) if winner == P1 else (b, a)
        what = "%s %s %s: %s wins round %d." % (w.capitalize(), VERBS[(w, l)], l, PLAYERS[winner], s.round)
        news.score[winner] += 1
    news.history.append((a, b, winner))
    news.choices = [None, None]
    news.round += 1
    news.parallel = not news.is_goal()
    news.jit_transition = "%s shows %s, %s shows %s. %s" % (PLAYERS[P1], a, PLAYERS[P2], b, what)
    return news


def _choice_op(player, choice):
    # Each player sees only their own three operators, so the name is just the sign.
    op = sz.SZ_Operator(choice.capitalize(),
                        "Secretly choose %s. You may undo it until the round is revealed." % choice,
                        can_choose(player), choose(player, choice), role=player)
    op.allow_undo = True
    return op


class RPS_Formulation(sz.SZ_Formulation):
    def __init__(self):
        self.metadata = RPS_Metadata()
        self.common_data = sz.SZ_Common_Data()
        self.instance_data = sz.SZ_Problem_Instance_Data()
        self.roles_spec = sz.SZ_Roles_Spec(
            [sz.SZ_Role("Player 1", "Chooses rock, paper or scissors."),
             sz.SZ_Role("Player 2", "Chooses rock, paper or scissors."),
             sz.SZ_Role("Observer", "Watches; sees the choices only when they are revealed.",
                        max_players=25)],
            min_players_to_start=2)
        # Operators 0-2 belong to Player 1, 3-5 to Player 2, 6 (reveal) to anyone.
        ops = [_choice_op(p, c) for p in (P1, P2) for c in CHOICES]
        ops.append(sz.SZ_Operator("Rock, paper, scissors, go!", "Reveal both choices and score the round.",
                                  lambda s: not s.parallel and not s.is_goal() and None not in s.choices,
                                  reveal))
        self.operators = sz.SZ_Operator_Set(ops)

    def initialize_problem(self, config={}):
        state = RPS_State()
        try:
            state.wins_needed = max(1, min(5, int(config.get("wins_needed", 2))))
        except (TypeError, ValueError):
            state.wins_needed = 2
        return state


RPS = RPS_Formulation()
