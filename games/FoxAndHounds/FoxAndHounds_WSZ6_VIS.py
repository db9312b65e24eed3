"""Fox and Hounds board as scalable SVG.

The player whose turn it is sees the squares they may move to, ringed: a click moves there.
When two Hounds could move to the same square, that square opens a menu (``data-context``) to
pick the Hound. Clicking a piece tells what it is (``data-info``).
"""
import json
from html import escape

S = 48          # square size
M = 22          # margin for coordinates
FILES = "abcdefgh"
FOX_DIRS = ((-1, -1), (-1, 1), (1, -1), (1, 1))
HOUND_DIRS = ((1, -1), (1, 1))


def _name(r, c):
    return "%s%d" % (FILES[c], 8 - r)


def _xy(r, c):
    return M + c * S, M + r * S


def _fox(r, c):
    x, y = _xy(r, c)
    cx, cy = x + S // 2, y + S // 2
    return ('<g data-info="The Fox, at %s"><title>Fox at %s</title>'
            '<path d="M%d %d l-14 -16 l4 20 z M%d %d l14 -16 l-4 20 z" fill="#d9661f"/>'
            '<circle cx="%d" cy="%d" r="16" fill="#e8782a" stroke="#ffffff" stroke-width="2"/>'
            '<circle cx="%d" cy="%d" r="3" fill="#2b2f38"/><circle cx="%d" cy="%d" r="3" fill="#2b2f38"/></g>'
            % (_name(r, c), _name(r, c), cx - 6, cy - 6, cx + 6, cy - 6, cx, cy + 2, cx - 6, cy - 1, cx + 6, cy - 1))


def _hound(r, c, n):
    x, y = _xy(r, c)
    return ('<g data-info="Hound %d, at %s"><title>Hound %d at %s</title>'
            '<circle cx="%d" cy="%d" r="17" fill="#5a4632" stroke="#ffffff" stroke-width="2"/>'
            '<text x="%d" y="%d" text-anchor="middle" font-size="16" font-weight="700" fill="#ffffff">%d</text></g>'
            % (n, _name(r, c), n, _name(r, c), x + S // 2, y + S // 2, x + S // 2, y + S // 2 + 6, n))


def _targets(state):
    """Destination square -> list of (op_index, label) for the side to move."""
    out = {}
    free = lambda r, c: 0 <= r < 8 and 0 <= c < 8 and (r, c) != state.fox and (r, c) not in state.hounds
    if state.current_role_num == 0:
        for d, (dr, dc) in enumerate(FOX_DIRS):
            t = (state.fox[0] + dr, state.fox[1] + dc)
            if free(*t):
                out.setdefault(t, []).append((d, "Fox to %s" % _name(*t)))
    else:
        for (r, c), n in sorted(state.hounds.items(), key=lambda kv: kv[1]):
            for d, (dr, dc) in enumerate(HOUND_DIRS):
                t = (r + dr, c + dc)
                if free(*t):
                    out.setdefault(t, []).append((4 + 2 * (n - 1) + d, "Hound %d from %s" % (n, _name(r, c))))
    return out


def render_state(state, role_num=None):
    w = 2 * M + 8 * S
    out = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" '
           'aria-label="Fox and Hounds board" style="width:100%%;max-width:520px;height:auto;'
           'font-family:system-ui,sans-serif">' % (w, w + 30),
           '<rect width="%d" height="%d" rx="8" fill="#f4f6fb"/>' % (w, w + 30)]
    for r in range(8):
        for c in range(8):
            x, y = _xy(r, c)
            fill = "#7d8fb3" if (r + c) % 2 else "#e8ecf4"
            out.append('<rect x="%d" y="%d" width="%d" height="%d" fill="%s"/>' % (x, y, S, S, fill))
        out.append('<text x="%d" y="%d" text-anchor="middle" font-size="12" fill="#5b6272">%d</text>'
                   % (M // 2, M + r * S + S // 2 + 4, 8 - r))
    for c in range(8):
        out.append('<text x="%d" y="%d" text-anchor="middle" font-size="12" fill="#5b6272">%s</text>'
                   % (M + c * S + S // 2, M + 8 * S + 15, FILES[c]))
    for (r, c) in state.fox_visited:
        if (r, c) != state.fox:
            x, y = _xy(r, c)
            out.append('<circle cx="%d" cy="%d" r="4" fill="#f3b27a"/>' % (x + S // 2, y + S // 2))
    for (r, c), n in state.hounds.items():
        out.append(_hound(r, c, n))
    out.append(_fox(*state.fox))
    over = state.is_goal()
    if not over and role_num == state.current_role_num:
        for (r, c), moves in sorted(_targets(state).items()):
            x, y = _xy(r, c)
            ring = ('<rect x="%d" y="%d" width="%d" height="%d" fill="#ffffff" fill-opacity="0.25" '
                    'stroke="#ffd447" stroke-width="4" rx="4"/>' % (x + 3, y + 3, S - 6, S - 6))
            if len(moves) == 1:
                op, label = moves[0]
                out.append('<g data-op-index="%d" style="cursor:pointer"><title>%s</title>%s</g>'
                           % (op, escape(label), ring))
            else:
                menu = [{"label": label, "op_index": op} for op, label in moves]
                # A menu only (no data-info), so a plain click or tap opens it too.
                out.append('<g data-context="%s" style="cursor:pointer"><title>%s: choose which Hound</title>%s</g>'
                           % (escape(json.dumps(menu)), escape(" or ".join(m[1] for m in moves)), ring))
    if over:
        caption = state.goal_message()
    elif role_num == state.current_role_num:
        caption = "Your move: click a ringed square."
    else:
        caption = "%s to move." % ("Fox" if state.current_role_num == 0 else "Hounds")
    out.append('<text x="%d" y="%d" text-anchor="middle" font-size="15" fill="#2b2f38">%s</text>'
               % (w // 2, w + 20, escape(caption)))
    out.append("</svg>")
    return "".join(out)
