"""Rock-Paper-Scissors, drawn for one viewer: you see your own choice, never your opponent's.

Declaring ``role_num`` makes the portal render this separately for every role.
"""

PLAYERS = ("Player 1", "Player 2")
CHOICES = ("rock", "paper", "scissors")


def _icon(choice, cx, cy, scale=1.0):
    """A small drawing of a hand sign, centred at (cx, cy)."""
    t = 'transform="translate(%d %d) scale(%.2f)"' % (cx, cy, scale)
    if choice == "rock":
        return ('<g %s><path d="M-28 8 C-34 -14 -14 -30 6 -26 C26 -24 34 -6 28 12 C22 28 -20 30 -28 8 Z" '
                'fill="#8a8f99"/><path d="M-14 -6 q8 -6 16 0 M2 8 q8 -4 14 2" stroke="#6b707a" '
                'stroke-width="3" fill="none"/></g>' % t)
    if choice == "paper":
        return ('<g %s><rect x="-24" y="-30" width="48" height="60" rx="4" fill="#ffffff" stroke="#8a8f99" '
                'stroke-width="3"/><path d="M-14 -14 h28 M-14 -2 h28 M-14 10 h20" stroke="#b7bcc6" '
                'stroke-width="3"/></g>' % t)
    if choice == "scissors":
        return ('<g %s><path d="M-6 4 L22 -28 M6 4 L-22 -28" stroke="#5b6272" stroke-width="6" '
                'stroke-linecap="round"/><circle cx="-12" cy="18" r="10" fill="none" stroke="#d6452f" '
                'stroke-width="6"/><circle cx="12" cy="18" r="10" fill="none" stroke="#d6452f" '
                'stroke-width="6"/></g>' % t)
    # unknown / hidden
    return ('<g %s><circle r="30" fill="#e3e7ef"/><text y="12" text-anchor="middle" font-size="34" '
            'fill="#5b6272">?</text></g>' % t)


def _hand(state, p, viewer, x):
    chosen = state.choices[p]
    if chosen is None:
        label, icon = "choosing…", _icon(None, x, 95)
    elif viewer == p:
        label, icon = "you chose %s" % chosen, _icon(chosen, x, 95)
    else:
        label, icon = "has chosen", ('<g><circle cx="%d" cy="95" r="30" fill="#dff3e6"/>'
                                     '<path d="M%d 95 l10 10 l18 -20" stroke="#1f9d55" stroke-width="6" '
                                     'fill="none" stroke-linecap="round"/></g>' % (x, x - 14))
    who = "You" if viewer == p else PLAYERS[p]
    return ('%s<text x="%d" y="40" text-anchor="middle" font-size="18" font-weight="600" fill="#2b2f38">'
            '%s · %d</text><text x="%d" y="150" text-anchor="middle" font-size="14" fill="#5b6272">%s</text>'
            % (icon, x, who, state.score[p], x, label))


def render_state(state, role_num=None):
    out = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 420 300" role="img" '
           'aria-label="Rock-Paper-Scissors" style="width:100%;max-width:480px;height:auto;'
           'font-family:system-ui,sans-serif">',
           '<rect width="420" height="300" rx="8" fill="#f4f6fb"/>',
           '<text x="210" y="82" text-anchor="middle" font-size="14" fill="#5b6272">round %d</text>'
           % state.round,
           '<text x="210" y="104" text-anchor="middle" font-size="22" fill="#5b6272">vs</text>',
           _hand(state, 0, role_num, 105), _hand(state, 1, role_num, 315)]
    if state.history:
        a, b, w = state.history[-1]
        res = "draw" if w is None else "%s won" % PLAYERS[w]
        out.append('<text x="210" y="180" text-anchor="middle" font-size="14" fill="#3d4350">'
                   'Last round: %s vs %s (%s)</text>' % (a, b, res))
    if state.is_goal():
        out.append('<text x="210" y="240" text-anchor="middle" font-size="20" font-weight="600" '
                   'fill="#1f9d55">%s</text>' % state.goal_message())
    elif role_num in (0, 1) and state.parallel and state.choices[role_num] is None:
        # Buttons for the viewer's own three operators (0-2 for Player 1, 3-5 for Player 2).
        for k, choice in enumerate(CHOICES):
            x = 70 + k * 140
            out.append('<g data-op-index="%d" style="cursor:pointer"><title>Choose %s</title>'
                       '<rect x="%d" y="200" width="120" height="84" rx="8" fill="#ffffff" stroke="#2457d6" '
                       'stroke-width="2"/>%s<text x="%d" y="278" text-anchor="middle" font-size="13" '
                       'fill="#2457d6">%s</text></g>'
                       % (role_num * 3 + k, choice, x - 60, _icon(choice, x, 234, 0.6), x, choice))
    elif not state.parallel:
        out.append('<g data-op-index="6" style="cursor:pointer"><title>Reveal both choices</title>'
                   '<rect x="110" y="210" width="200" height="56" rx="8" fill="#2457d6"/>'
                   '<text x="210" y="245" text-anchor="middle" font-size="17" fill="#ffffff">'
                   'Rock, paper, scissors, go!</text></g>')
    else:
        waiting = ("Waiting for your opponent… (Undo takes your choice back)" if role_num in (0, 1)
                   else "Waiting for the players to choose…")
        out.append('<text x="210" y="245" text-anchor="middle" font-size="15" fill="#5b6272">'
                   '%s</text>' % waiting)
    out.append("</svg>")
    return "".join(out)
