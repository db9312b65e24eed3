"""Tic-Tac-Toe, a SOLUZION6 problem formulation.

Two players, X and O, take turns marking the cells of a 3x3 grid; three in a row wins.
Any number of people may watch as Observers. The board is drawn by TicTacToe_WSZ6_VIS.py;
clicking an empty cell places your mark there.
"""
import soluzion6_02 as sz

X, O, OBSERVER = 0, 1, 2
MARKS = ("X", "O")
CELL_NAMES = ("top left", "top centre", "top right",
              "middle left", "centre", "middle right",
              "bottom left", "bottom centre", "bottom right")
LINES = ((0, 1, 2), (3, 4, 5), (6, 7, 8), (0, 3, 6), (1, 4, 7), (2, 5, 8), (0, 4, 8), (2, 4, 6))


class TTT_Metadata(sz.SZ_Metadata):
    def __init__(self):
        self.name = "Tic-Tac-Toe"
        self.problem_version = "1.1"
        self.soluzion_version = "6.02"
        self.authors = ["WSZ6 project"]
        self.creation_date = "2026-11-26"
        self.brief_desc = ("The classic game for two: X and O take turns marking a 3x3 grid; "
                           "the first to get three in a row, column or diagonal wins. "
                           "Click an empty cell to play. Others may join as Observers.")


class TTT_State(sz.SZ_State):
    """A board of 9 cells (' ', 'X' or 'O'), and whose turn it is."""

    def __init__(self, old=None):
        # Like the original SOLUZION games, this does not call the base constructor.
        if old is None:
            self.board = [" "] * 9
            self.current_role_num = X
            self.moves = 0
        else:
            self.board = old.board[:]
            self.current_role_num = old.current_role_num
            self.moves = old.moves

    def winner(self):
        for a, b, c in LINES:
            if self.board[a] != " " and self.board[a] == self.board[b] == self.board[c]:
                return MARKS.index(self.board[a])
        return None

    def winning_line(self):
        for line in LINES:
            a, b, c = line
            if self.board[a] != " " and self.board[a] == self.board[b] == self.board[c]:
                return line
        return None

    def is_goal(self):
        return self.winner() is not None or " " not in self.board

    def is_win(self, role_num):
        return self.winner() == role_num

    def is_draw(self):
        return self.winner() is None and " " not in self.board

    def goal_message(self):
        w = self.winner()
        if w is None:
            return "It's a draw: the board is full and nobody has three in a row."
        return "%s wins with three in a row! Congratulations." % MARKS[w]

    def to_dict(self):
        return {"board": "".join(self.board), "to_move": MARKS[self.current_role_num],
                "moves": self.moves}

    @staticmethod
    def from_dict(d):
        """The inverse of to_dict (used by tools that read the logged JSON view back)."""
        s = TTT_State()
        s.board = list(d["board"])
        s.current_role_num = MARKS.index(d["to_move"])
        s.moves = d["moves"]
        return s

    def __str__(self):
        rows = []
        for r in range(3):
            rows.append(" " + " | ".join(self.board[3 * r:3 * r + 3]))
        text = "\n---+---+---\n".join(rows)
        if not self.is_goal():
            text += "\n\n%s to move." % MARKS[self.current_role_num]
        return text

    def __eq__(self, other):
        return isinstance(other, TTT_State) and self.board == other.board \
            and self.current_role_num == other.current_role_num

    def __hash__(self):
        return hash((tuple(self.board), self.current_role_num))


def can_place(cell):
    # The cheap test first: is_goal() looks at all eight lines.
    return lambda s: s.board[cell] == " " and not s.is_goal()


def place(cell):
    def xition(s):
        mover = s.current_role_num
        news = TTT_State(s)
        news.board[cell] = MARKS[mover]
        news.moves += 1
        news.current_role_num = 1 - mover
        news.jit_transition = "%s takes the %s." % (MARKS[mover], CELL_NAMES[cell])
        return news
    return xition


class TTT_Formulation(sz.SZ_Formulation):
    def __init__(self):
        self.metadata = TTT_Metadata()
        self.common_data = sz.SZ_Common_Data()
        self.instance_data = sz.SZ_Problem_Instance_Data()
        self.roles_spec = sz.SZ_Roles_Spec(
            [sz.SZ_Role("X", "Plays X and moves first."),
             sz.SZ_Role("O", "Plays O and moves second."),
             sz.SZ_Role("Observer", "Watches the game without playing.", max_players=25)],
            min_players_to_start=2)
        # Operator i places the mover's mark in cell i; clicking cell i in the picture applies it.
        self.operators = sz.SZ_Operator_Set([
            sz.SZ_Operator("Mark the %s cell" % CELL_NAMES[i],
                           "Place your mark (X or O) in the %s cell." % CELL_NAMES[i],
                           can_place(i), place(i))
            for i in range(9)])
        import TicTacToe_WSZ6_VIS
        self.vis_module = TicTacToe_WSZ6_VIS

    def initialize_problem(self, config={}):
        return TTT_State()


TTT = TTT_Formulation()
