"""Fox and Hounds, a two-role board game as a SOLUZION6 formulation.

On the dark squares of a chessboard, one Fox faces four Hounds. The Fox moves one square
diagonally in any direction; a Hound moves one square diagonally forward (down the board) only.
The Fox wins by reaching the Hounds' starting row (or when the Hounds cannot move); the Hounds win
by trapping the Fox so that it cannot move.

State uses the kinds of values the portal must keep exactly: a tuple for the Fox's square, a
dict with tuple keys for the Hounds (square -> hound number) and a set of tuples for the squares
the Fox has visited. Operator names are functions of the state ("Fox: c1 to d2").
"""
import soluzion6_02 as sz

FOX, HOUNDS = 0, 1
SIZE = 8
FOX_DIRS = (("up-left", -1, -1), ("up-right", -1, 1), ("down-left", 1, -1), ("down-right", 1, 1))
HOUND_DIRS = (("down-left", 1, -1), ("down-right", 1, 1))


def square_name(sq):
    r, c = sq
    return "%s%d" % ("abcdefgh"[c], SIZE - r)


def on_board(r, c):
    return 0 <= r < SIZE and 0 <= c < SIZE


class FH_Metadata(sz.SZ_Metadata):
    def __init__(self):
        self.name = "Fox and Hounds"
        self.problem_version = "1.0"
        self.soluzion_version = "6.02"
        self.authors = ["WSZ6 project"]
        self.creation_date = "2026-11-26"
        self.brief_desc = ("One Fox against four Hounds on the dark squares of a chessboard. Hounds "
                           "move only forward; the Fox moves any diagonal way. Can the Fox break "
                           "through to the far row, or will the Hounds trap it?")


class FH_State(sz.SZ_State):
    def __init__(self, old=None):
        if old is None:
            self.fox = (7, 0)
            self.hounds = {(0, 1): 1, (0, 3): 2, (0, 5): 3, (0, 7): 4}
            self.fox_visited = {(7, 0)}
            self.current_role_num = FOX
            self.moves = 0
        else:
            self.fox = old.fox
            self.hounds = dict(old.hounds)
            self.fox_visited = set(old.fox_visited)
            self.current_role_num = old.current_role_num
            self.moves = old.moves

    # --- moves --------------------------------------------------------------------------------
    def free(self, sq):
        return on_board(*sq) and sq != self.fox and sq not in self.hounds

    def fox_target(self, d):
        _, dr, dc = FOX_DIRS[d]
        return (self.fox[0] + dr, self.fox[1] + dc)

    def hound_square(self, n):
        for sq, num in self.hounds.items():
            if num == n:
                return sq
        return None

    def hound_target(self, n, d):
        sq = self.hound_square(n)
        _, dr, dc = HOUND_DIRS[d]
        return (sq[0] + dr, sq[1] + dc)

    def fox_moves(self):
        return [d for d in range(4) if self.free(self.fox_target(d))]

    def hound_moves(self):
        return [(n, d) for n in range(1, 5) for d in range(2) if self.free(self.hound_target(n, d))]

    # --- the end ------------------------------------------------------------------------------
    def winner(self):
        if self.fox[0] == 0:
            return FOX
        if self.current_role_num == FOX and not self.fox_moves():
            return HOUNDS
        if self.current_role_num == HOUNDS and not self.hound_moves():
            return FOX
        return None

    def is_goal(self):
        return self.winner() is not None

    def is_win(self, role_num):
        return self.winner() == role_num

    def is_draw(self):
        return False

    def goal_message(self):
        w = self.winner()
        if w == HOUNDS:
            return "The Hounds have trapped the Fox at %s. Hounds win!" % square_name(self.fox)
        if self.fox[0] == 0:
            return "The Fox reached %s, the Hounds' home row. Fox wins!" % square_name(self.fox)
        return "The Hounds cannot move any more. Fox wins!"

    def __str__(self):
        rows = ["    a b c d e f g h"]
        for r in range(SIZE):
            cells = []
            for c in range(SIZE):
                if (r, c) == self.fox:
                    cells.append("F")
                elif (r, c) in self.hounds:
                    cells.append(str(self.hounds[(r, c)]))
                else:
                    cells.append("." if (r + c) % 2 else " ")
            rows.append(" %d  %s" % (SIZE - r, " ".join(cells)))
        if not self.is_goal():
            rows.append("\n%s to move." % ("Fox" if self.current_role_num == FOX else "Hounds"))
        return "\n".join(rows)


def fox_op(d):
    def name(s):
        return "Fox: %s to %s" % (square_name(s.fox), square_name(s.fox_target(d))) \
            if on_board(*s.fox_target(d)) else "Fox: move %s" % FOX_DIRS[d][0]

    def pre(s):
        return not s.is_goal() and s.current_role_num == FOX and s.free(s.fox_target(d))

    def xition(s):
        news = FH_State(s)
        news.fox = s.fox_target(d)
        news.fox_visited.add(news.fox)
        news.current_role_num = HOUNDS
        news.moves += 1
        news.jit_transition = "The Fox runs %s to %s." % (FOX_DIRS[d][0], square_name(news.fox))
        return news

    return sz.SZ_Operator(name, "Move the Fox one square %s." % FOX_DIRS[d][0], pre, xition, role=FOX)


def hound_op(n, d):
    def name(s):
        sq = s.hound_square(n)
        to = s.hound_target(n, d)
        if on_board(*to):
            return "Hound %d: %s to %s" % (n, square_name(sq), square_name(to))
        return "Hound %d: move %s" % (n, HOUND_DIRS[d][0])

    def pre(s):
        return not s.is_goal() and s.current_role_num == HOUNDS and s.free(s.hound_target(n, d))

    def xition(s):
        news = FH_State(s)
        src, dst = s.hound_square(n), s.hound_target(n, d)
        del news.hounds[src]
        news.hounds[dst] = n
        news.current_role_num = FOX
        news.moves += 1
        news.jit_transition = "Hound %d moves from %s to %s." % (n, square_name(src), square_name(dst))
        return news

    return sz.SZ_Operator(name, "Move Hound %d one square forward, %s." % (n, HOUND_DIRS[d][0]),
                          pre, xition, role=HOUNDS)


class FH_Formulation(sz.SZ_Formulation):
    def __init__(self):
        self.metadata = FH_Metadata()
        self.common_data = sz.SZ_Common_Data()
        self.instance_data = sz.SZ_Problem_Instance_Data()
        self.roles_spec = sz.SZ_Roles_Spec(
            [sz.SZ_Role("Fox", "Moves one square diagonally in any direction; moves first."),
             sz.SZ_Role("Hounds", "Moves one of the four Hounds one square diagonally forward.")],
            min_players_to_start=2)
        # Operators 0-3: the Fox (up-left, up-right, down-left, down-right).
        # Operators 4-11: Hound n (1-4) down-left / down-right, at index 4 + 2*(n-1) + d.
        self.operators = sz.SZ_Operator_Set(
            [fox_op(d) for d in range(4)] + [hound_op(n, d) for n in range(1, 5) for d in range(2)])

    def initialize_problem(self, config={}):
        return FH_State()


FOX_AND_HOUNDS = FH_Formulation()
