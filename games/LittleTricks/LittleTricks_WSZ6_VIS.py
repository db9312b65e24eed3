"""Little Tricks table as scalable SVG, drawn for one viewer.

``role_num`` makes the picture role-specific: you see your own hand face up (click a card to play
it, on your turn), everyone else's cards face down. ``instance_data`` gives the seating order.
"""
from html import escape

import tricks_deck

W, H = 640, 440
CW, CH = 62, 90


def _card(card, x, y, attrs="", title=None):
    colour, value = card
    ink = tricks_deck.INK[colour]
    sym = tricks_deck.SYMBOLS[colour]
    return ('<g %s><title>%s</title><rect x="%d" y="%d" width="%d" height="%d" rx="8" fill="#ffffff" '
            'stroke="#c3c9d4" stroke-width="2"/>'
            '<text x="%d" y="%d" font-size="20" font-weight="700" fill="%s">%d</text>'
            '<text x="%d" y="%d" text-anchor="middle" font-size="34" fill="%s">%s</text></g>'
            % (attrs, escape(title or tricks_deck.label(card)), x, y, CW, CH,
               x + 8, y + 24, ink, value, x + CW // 2, y + 70, ink, sym))


def _backs(cx, n):
    """n face-down cards as one small stack with a count (cheap to draw for six seats)."""
    if n == 0:
        return ('<text x="%d" y="80" text-anchor="middle" font-size="12" fill="#d7eadf">no cards</text>' % cx)
    return ('<rect x="%d" y="58" width="26" height="36" rx="4" fill="#1a46b0" stroke="#ffffff" stroke-width="2"/>'
            '<rect x="%d" y="54" width="26" height="36" rx="4" fill="#2457d6" stroke="#ffffff" stroke-width="2"/>'
            '<text x="%d" y="78" text-anchor="start" font-size="13" font-weight="600" fill="#ffffff">×%d</text>'
            % (cx - 22, cx - 18, cx + 14, n))


def render_state(state, role_num=None, instance_data=None):
    from_data = getattr(instance_data, "data", {}) if instance_data is not None else {}
    seats = sorted(from_data.get("players", state.players))
    names = ["Player %d" % (i + 1) for i in range(6)]
    out = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" '
           'aria-label="Little Tricks card table" style="width:100%%;max-width:640px;height:auto;'
           'font-family:system-ui,sans-serif">' % (W, H),
           '<rect width="%d" height="%d" rx="8" fill="#1f6b45"/>' % (W, H),
           '<ellipse cx="%d" cy="200" rx="230" ry="78" fill="#26804f"/>' % (W // 2)]

    # Seats along the top: name, tricks taken, cards left as face-down backs.
    over = state.is_goal()
    others = [r for r in seats if r != role_num]
    step = W / max(1, len(others))
    for k, r in enumerate(others):
        cx = int(step * k + step / 2)
        turn = r == state.current_role_num and not over
        out.append('<rect x="%d" y="10" width="96" height="92" rx="8" fill="%s" stroke="%s" stroke-width="3"/>'
                   % (cx - 48, "#2d8a59" if turn else "#1a5c3b", "#ffd447" if turn else "#1a5c3b"))
        out.append('<text x="%d" y="30" text-anchor="middle" font-size="14" font-weight="600" fill="#ffffff">%s</text>'
                   % (cx, names[r]))
        out.append('<text x="%d" y="48" text-anchor="middle" font-size="12" fill="#d7eadf">%d trick%s</text>'
                   % (cx, state.tricks_won[r], "" if state.tricks_won[r] == 1 else "s"))
        out.append(_backs(cx, len(state.hand_of(r))))

    # The table: the trick being played (or the last one taken).
    shown, caption = state.trick, ""
    if not shown and state.last_trick:
        shown, caption = state.last_trick, "last trick"
    x0 = W // 2 - (len(shown) * (CW + 10) - 10) // 2
    for i, (r, card) in enumerate(shown):
        x = x0 + i * (CW + 10)
        out.append(_card(card, x, 140, title="%s: %s" % (names[r], tricks_deck.label(card))))
        out.append('<text x="%d" y="248" text-anchor="middle" font-size="12" fill="#d7eadf">%s</text>'
                   % (x + CW // 2, "you" if r == role_num else names[r]))
    if caption:
        out.append('<text x="%d" y="132" text-anchor="middle" font-size="12" fill="#d7eadf">%s</text>' % (W // 2, caption))

    # The bottom: the viewer's own hand, or a status line for observers.
    if over:
        out.append('<text x="%d" y="300" text-anchor="middle" font-size="18" font-weight="600" fill="#ffffff">%s</text>'
                   % (W // 2, escape(state.goal_message().split(" (")[0])))
    if role_num in state.hands:
        hand = state.hands[role_num]
        my_turn = role_num == state.current_role_num and not over
        label = ("Your turn: click a card to play it." if my_turn else
                 "Your hand · %d trick%s taken" % (state.tricks_won[role_num],
                                                  "" if state.tricks_won[role_num] == 1 else "s"))
        if not over:
            out.append('<text x="%d" y="%d" text-anchor="middle" font-size="14" fill="%s">%s</text>'
                       % (W // 2, 318, "#ffd447" if my_turn else "#ffffff", label))
        hx0 = W // 2 - (len(hand) * (CW + 8) - 8) // 2
        for i, card in enumerate(hand):
            attrs = ('data-op-index="0" data-op-args="[%d]" style="cursor:pointer"' % (i + 1)) if my_turn else ""
            title = "Play %s" % tricks_deck.label(card) if my_turn else tricks_deck.label(card)
            out.append(_card(card, hx0 + i * (CW + 8), 334, attrs, title))
    elif not over:
        out.append('<text x="%d" y="330" text-anchor="middle" font-size="14" fill="#ffffff">'
                   'You are watching: hands stay hidden. %s to play.</text>' % (W // 2, names[state.current_role_num]))
    out.append("</svg>")
    return "".join(out)
