"""Tic-Tac-Toe board as scalable SVG. Empty cells carry data-op-index: a click places a mark."""

CELL = 100
INK = {"X": "#2457d6", "O": "#d6452f"}
MARKS = ("X", "O")
CELL_NAMES = ("top left", "top centre", "top right", "middle left", "centre", "middle right",
              "bottom left", "bottom centre", "bottom right")


def _mark(mark, x, y):
    if mark == "X":
        return ('<g stroke="%s" stroke-width="10" stroke-linecap="round">'
                '<line x1="%d" y1="%d" x2="%d" y2="%d"/><line x1="%d" y1="%d" x2="%d" y2="%d"/></g>'
                % (INK["X"], x + 25, y + 25, x + 75, y + 75, x + 75, y + 25, x + 25, y + 75))
    return ('<circle cx="%d" cy="%d" r="27" fill="none" stroke="%s" stroke-width="10"/>'
            % (x + 50, y + 50, INK["O"]))


def render_state(state):
    over = state.is_goal()
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="-6 -6 312 352" role="img" '
             'aria-label="Tic-Tac-Toe board" style="width:100%;max-width:360px;height:auto;'
             'font-family:system-ui,sans-serif">',
             '<rect x="-6" y="-6" width="312" height="312" rx="8" fill="#f4f6fb"/>']
    for i, mark in enumerate(state.board):
        x, y = (i % 3) * CELL, (i // 3) * CELL
        if mark == " " and not over:
            parts.append('<g data-op-index="%d" style="cursor:pointer"><title>Place %s in the %s cell</title>'
                         '<rect x="%d" y="%d" width="%d" height="%d" fill="#ffffff" fill-opacity="0.01"/></g>'
                         % (i, MARKS[state.current_role_num], CELL_NAMES[i], x + 4, y + 4, CELL - 8, CELL - 8))
        elif mark != " ":
            parts.append('<g><title>%s in the %s cell</title>%s</g>' % (mark, CELL_NAMES[i], _mark(mark, x, y)))
    for k in (1, 2):
        parts.append('<line x1="%d" y1="8" x2="%d" y2="292" stroke="#5b6272" stroke-width="4" stroke-linecap="round"/>'
                     % (k * CELL, k * CELL))
        parts.append('<line x1="8" y1="%d" x2="292" y2="%d" stroke="#5b6272" stroke-width="4" stroke-linecap="round"/>'
                     % (k * CELL, k * CELL))
    line = state.winning_line()
    if line:
        a, c = line[0], line[2]
        parts.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#1f9d55" stroke-width="12" '
                     'stroke-linecap="round" stroke-opacity="0.8"/>'
                     % ((a % 3) * CELL + 50, (a // 3) * CELL + 50, (c % 3) * CELL + 50, (c // 3) * CELL + 50))
    if over:
        caption = state.goal_message().split(":")[0].split("!")[0]
    else:
        caption = "%s to move" % MARKS[state.current_role_num]
    parts.append('<text x="150" y="336" text-anchor="middle" font-size="20" fill="#2b2f38">%s</text>' % caption)
    parts.append("</svg>")
    return "".join(parts)
