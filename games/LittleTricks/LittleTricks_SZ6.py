"""Little Tricks: a small trick-taking card game with hidden hands, for 2 to 6 players.

Thirty cards, valued 1-10 in three colours, are shuffled when the game loads (a module-level deal
with ``random``: the portal seeds it, so it is reproducible and survives a resume). Each seated
player (``config['active_roles']``) gets five cards; the deal is recorded in ``instance_data``.
The leader plays any card, then each other player in turn plays any card. The highest card *of
the colour led* takes the trick; the winner leads the next. After five tricks, whoever took the
most tricks wins (a tie for the most is a draw).

Hands are secret: ``text_view_for_role`` and the role-specific picture (``render_state`` declares
``role_num``) show each player only their own hand. Observers see the table but no hands.
"""
import random

import soluzion6_02 as sz
import tricks_deck

MAX_PLAYERS = 6
HAND_SIZE = 5
OBSERVER = MAX_PLAYERS
ROLE_NAMES = ["Player %d" % (i + 1) for i in range(MAX_PLAYERS)]

# The module-level deal: shuffled once, when the game is loaded for a play-through.
DECK = tricks_deck.shuffled_deck()


class Tricks_Metadata(sz.SZ_Metadata):
    def __init__(self):
        self.name = "Little Tricks"
        self.problem_version = "1.0"
        self.soluzion_version = "6.02"
        self.authors = ["WSZ6 project"]
        self.creation_date = "2026-11-26"
        self.brief_desc = ("A quick trick-taking card game for 2-6 players with secret hands. Play "
                           "one card each; the highest card of the colour led takes the trick. "
                           "Take the most of the five tricks to win.")


class Tricks_State(sz.SZ_State):
    def __init__(self, old=None):
        if old is None:
            self.players = []        # seated role numbers, in playing order
            self.hands = {}          # role -> list of (colour, value)
            self.trick = []          # [(role, card), ...] on the table now
            self.last_trick = []     # the trick just taken, shown for a moment
            self.tricks_won = {}     # role -> number of tricks
            self.current_role_num = 0
        else:
            self.players = old.players[:]
            self.hands = {r: h[:] for r, h in old.hands.items()}
            self.trick = old.trick[:]
            self.last_trick = old.last_trick[:]
            self.tricks_won = dict(old.tricks_won)
            self.current_role_num = old.current_role_num

    def hand_of(self, role_num):
        return self.hands.get(role_num, [])

    def next_player(self, role_num):
        i = self.players.index(role_num)
        return self.players[(i + 1) % len(self.players)]

    # --- the end ------------------------------------------------------------------------------
    def is_goal(self):
        return bool(self.players) and all(not self.hands[r] for r in self.players) and not self.trick

    def leaders(self):
        best = max(self.tricks_won.values())
        return [r for r in self.players if self.tricks_won[r] == best]

    def is_win(self, role_num):
        return self.is_goal() and self.leaders() == [role_num]

    def is_draw(self):
        return self.is_goal() and len(self.leaders()) > 1

    def goal_message(self):
        leaders = self.leaders()
        score = ", ".join("%s %d" % (ROLE_NAMES[r], self.tricks_won[r]) for r in sorted(self.players))
        if len(leaders) == 1:
            return "%s wins with %d tricks! (%s)" % (ROLE_NAMES[leaders[0]], self.tricks_won[leaders[0]], score)
        return "A draw between %s. (%s)" % (" and ".join(ROLE_NAMES[r] for r in sorted(leaders)), score)

    # --- what each role may see -------------------------------------------------------------
    def table_text(self):
        seats = sorted(self.players)
        lines = ["Tricks taken: " + ", ".join("%s %d" % (ROLE_NAMES[r], self.tricks_won[r]) for r in seats)]
        if self.trick:
            lines.append("On the table: " + ", ".join(
                "%s played %s" % (ROLE_NAMES[r], tricks_deck.label(c)) for r, c in self.trick))
        elif self.last_trick:
            lines.append("Last trick: " + ", ".join(
                "%s %s" % (ROLE_NAMES[r], tricks_deck.label(c)) for r, c in self.last_trick))
        lines.append("Cards left: " + ", ".join("%s %d" % (ROLE_NAMES[r], len(self.hands[r])) for r in seats))
        if not self.is_goal():
            lines.append("%s to play." % ROLE_NAMES[self.current_role_num])
        return lines

    def text_view_for_role(self, role_num):
        table = _LastTable.text_of(self)
        if role_num not in self.hands:
            return table
        return _LastTable.hand_line(role_num, self.hands[role_num]) + "\n" + table

    def __str__(self):
        # No hands: what an Observer sees.
        return "\n".join(self.table_text())


class _LastTable:
    """The table text of the state shown last, and each role's hand line: the portal asks every
    role's text view of one state in a row, and they all end with the same table; a hand changes
    only when its owner plays. Class attributes, not module globals, so they are not part of the
    play-through's saved data."""

    state = None
    text = ""
    hands = {}  # role -> (that role's hand, its "Your hand: ..." line), as last shown

    @classmethod
    def hand_line(cls, role_num, hand):
        key = tuple(hand)
        hit = cls.hands.get(role_num)
        if hit is None or hit[0] != key:
            hit = cls.hands[role_num] = (key, "Your hand: " + (", ".join(
                "(%d) %s" % (i + 1, tricks_deck.label(c)) for i, c in enumerate(hand)) or "empty"))
        return hit[1]

    @classmethod
    def text_of(cls, state):
        if cls.state is not state:
            cls.text = "\n".join(state.table_text())
            cls.state = state
        return cls.text


def can_play(s):
    return not s.is_goal() and bool(s.hand_of(s.current_role_num))


def play_params(s):
    """The card is chosen by its position in the mover's hand, so the range depends on the state."""
    return [{"name": "card", "type": "int", "min": 1, "max": max(1, len(s.hand_of(s.current_role_num)))}]


def play_card(s, args):
    mover = s.current_role_num
    news = Tricks_State(s)
    card = news.hands[mover].pop(int(args[0]) - 1)
    news.trick.append((mover, card))
    news.last_trick = []
    msg = "%s plays %s." % (ROLE_NAMES[mover], tricks_deck.label(card))
    if len(news.trick) < len(news.players):
        news.current_role_num = news.next_player(mover)
    else:
        led = news.trick[0][1][0]
        winner, best = max(((r, c) for r, c in news.trick if c[0] == led), key=lambda rc: rc[1][1])
        news.tricks_won[winner] += 1
        news.last_trick = news.trick
        news.trick = []
        news.current_role_num = winner
        msg += " %s takes the trick with %s." % (ROLE_NAMES[winner], tricks_deck.label(best))
    news.jit_transition = msg
    return news


class Tricks_Formulation(sz.SZ_Formulation):
    def __init__(self):
        self.metadata = Tricks_Metadata()
        self.common_data = sz.SZ_Common_Data()
        self.instance_data = sz.SZ_Problem_Instance_Data()
        roles = [sz.SZ_Role(n, "Holds a secret hand of five cards.") for n in ROLE_NAMES]
        roles.append(sz.SZ_Role("Observer", "Watches the table; sees no hands.", max_players=25))
        self.roles_spec = sz.SZ_Roles_Spec(roles, min_players_to_start=2, max_players=MAX_PLAYERS + 25)
        self.operators = sz.SZ_Operator_Set([
            sz.SZ_Operator("Play a card", "Play a card from your hand: give its number (1 = first).",
                           can_play, play_card, play_params)])

    def initialize_problem(self, config={}):
        seated = sorted(r for r in config.get("active_roles", range(MAX_PLAYERS)) if 0 <= r < MAX_PLAYERS)
        if len(seated) < 2:
            seated = [0, 1]   # the game needs two hands; the portal never starts with fewer
        # Who leads first is drawn at random, like cutting the deck.
        first = random.choice(seated)
        state = Tricks_State()
        i = seated.index(first)
        state.players = seated[i:] + seated[:i]
        for k, r in enumerate(state.players):
            state.hands[r] = tricks_deck.sort_hand(DECK[k * HAND_SIZE:(k + 1) * HAND_SIZE])
            state.tricks_won[r] = 0
        state.current_role_num = first
        self.instance_data = sz.SZ_Problem_Instance_Data(
            {"players": list(state.players), "deal": {r: list(h) for r, h in state.hands.items()}})
        return state


LITTLE_TRICKS = Tricks_Formulation()
