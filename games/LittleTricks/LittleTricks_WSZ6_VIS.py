"""Little Tricks table as scalable SVG, drawn for one viewer.

``role_num`` makes the picture role-specific: you see your own hand face up (click a card to play
it, on your turn), everyone else's cards face down. ``instance_data`` gives the seating order.

Drawn for speed: the portal asks for every role's picture of the same state in a row (seven per
move with six players and an observer), so what all viewers share (seats, the trick on the table,
captions) is drawn once per state in ``_Table`` and each viewer only adds their own hand. Card
faces are prebuilt templates, and the SVG is plain ASCII (``&#215;`` for ×) so it is cheap to send.
"""
from html import escape

import tricks_deck

W, H = 640, 440
CW, CH = 62, 90


def _ascii(text):
    """Non-ASCII characters as numeric character references (the same picture, plain ASCII)."""
    return text.encode("ascii", "xmlcharrefreplace").decode("ascii")


class _Art:
    """Prebuilt SVG pieces. Class attributes, not module globals: a play-through's saved data
    (its snapshot) holds the module's globals, and these never change."""

    names = ["Player %d" % (i + 1) for i in range(6)]
    # One face template per card: (attrs, title, x, y, x+8, y+24, x+31, y+70) fill it in.
    faces = {card: _ascii(
        '<g %%s><title>%%s</title><rect x="%%d" y="%%d" width="%d" height="%d" rx="8" fill="#ffffff" '
        'stroke="#c3c9d4" stroke-width="2"/>'
        '<text x="%%d" y="%%d" font-size="20" font-weight="700" fill="%s">%d</text>'
        '<text x="%%d" y="%%d" text-anchor="middle" font-size="34" fill="%s">%s</text></g>'
        % (CW, CH, tricks_deck.INK[card[0]], card[1], tricks_deck.INK[card[0]], tricks_deck.SYMBOLS[card[0]]))
        for card in [(c, v) for c in tricks_deck.COLOURS for v in tricks_deck.VALUES]}
    labels = {card: escape(tricks_deck.label(card)) for card in faces}
    head = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" '
            'aria-label="Little Tricks card table" style="width:100%%;max-width:640px;height:auto;'
            'font-family:system-ui,sans-serif">'
            '<rect width="%d" height="%d" rx="8" fill="#1f6b45"/>'
            '<ellipse cx="%d" cy="200" rx="230" ry="78" fill="#26804f"/>' % (W, H, W, H, W // 2))


def _card(card, x, y, attrs="", title=None):
    return _Art.faces[card] % (attrs, _Art.labels[card] if title is None else escape(title),
                           x, y, x + 8, y + 24, x + CW // 2, y + 70)


def _backs(cx, n):
    """n face-down cards as one small stack with a count (cheap to draw for six seats)."""
    if n == 0:
        return ('<text x="%d" y="80" text-anchor="middle" font-size="12" fill="#d7eadf">no cards</text>' % cx)
    return ('<rect x="%d" y="58" width="26" height="36" rx="4" fill="#1a46b0" stroke="#ffffff" stroke-width="2"/>'
            '<rect x="%d" y="54" width="26" height="36" rx="4" fill="#2457d6" stroke="#ffffff" stroke-width="2"/>'
            '<text x="%d" y="78" text-anchor="start" font-size="13" font-weight="600" fill="#ffffff">&#215;%d</text>'
            % (cx - 22, cx - 18, cx + 14, n))


class _Table:
    """What every viewer of one state sees alike. The last one drawn is kept as a class attribute
    (not a module global, so it is not part of the play-through's saved data)."""

    last = None

    def __init__(self, state, instance_data):
        self.state, self.instance_data = state, instance_data
        from_data = getattr(instance_data, "data", {}) if instance_data is not None else {}
        self.seats = sorted(from_data.get("players", state.players))
        self.over = state.is_goal()
        self._without = None  # seat strip without seat i, for each i
        self._every = None    # seat strip with every seat (observers)
        shown, self.caption = state.trick, ""
        if not shown and state.last_trick:
            shown, self.caption = state.last_trick, "last trick"
        x0 = W // 2 - (len(shown) * (CW + 10) - 10) // 2
        parts = []      # card, its label, card, its label, ... then the caption
        self._you = {}  # role -> [(index in parts of the label of its card, that label saying "you")]
        for i, (r, card) in enumerate(shown):
            x = x0 + i * (CW + 10)
            parts.append(_card(card, x, 140, title="%s: %s" % (_Art.names[r], tricks_deck.label(card))))
            parts.append(_trick_label(x + CW // 2, _Art.names[r]))
            self._you.setdefault(r, []).append((len(parts) - 1, _trick_label(x + CW // 2, "you")))
        if self.caption:
            parts.append('<text x="%d" y="132" text-anchor="middle" font-size="12" fill="#d7eadf">%s</text>'
                         % (W // 2, self.caption))
        self._trick_parts = parts
        self._trick_svg = {None: "".join(parts)}  # viewer (None: not in the trick) -> the trick as they see it
        self.goal_line = ""
        if self.over:
            self.goal_line = ('<text x="%d" y="300" text-anchor="middle" font-size="18" font-weight="600" '
                              'fill="#ffffff">%s</text>' % (W // 2, _ascii(escape(state.goal_message().split(" (")[0]))))

    @classmethod
    def of(cls, state, instance_data):
        table = cls.last
        if table is None or table.state is not state or table.instance_data is not instance_data:
            table = cls.last = cls(state, instance_data)
        return table

    def seat_strip(self, viewer):
        """Every seat but the viewer's own, spread evenly along the top. Seats left of the viewer
        keep their slot and those right of it move one slot left, so the strips of all seated
        viewers are joined from two rows of seats drawn once."""
        seats = self.seats
        n = len(seats)
        if viewer not in seats:
            if self._every is None:
                slots = _Seats.slots(n)
                self._every = "".join([_Seats.svg(self.seat_key(r), slots[j]) for j, r in enumerate(seats)])
            return self._every
        if self._without is None:
            slots = _Seats.slots(n - 1)
            keys = [self.seat_key(r) for r in seats]
            svg = _Seats.svg
            kept = [svg(keys[j], slots[j]) for j in range(n - 1)]        # seat j in slot j
            moved = [svg(keys[j + 1], slots[j]) for j in range(n - 1)]   # seat j+1 in slot j
            self._without = ["".join(kept[:i]) + "".join(moved[i:]) for i in range(n)]
        return self._without[seats.index(viewer)]

    def seat_key(self, r):
        """All a seat's picture depends on: who, whether it is their turn, tricks won, cards left."""
        state = self.state
        return (r, r == state.current_role_num and not self.over, state.tricks_won[r], len(state.hand_of(r)))

    def trick_for(self, viewer):
        """The cards on the table with who played them (the viewer's own card says "you")."""
        mine = self._you.get(viewer)
        if mine is None:
            return self._trick_svg[None]
        svg = self._trick_svg.get(viewer)
        if svg is None:
            parts = list(self._trick_parts)
            for i, label in mine:
                parts[i] = label
            svg = self._trick_svg[viewer] = "".join(parts)
        return svg


def _trick_label(x, text):
    return '<text x="%d" y="248" text-anchor="middle" font-size="12" fill="#d7eadf">%s</text>' % (x, text)


class _Seats:
    """Seat pictures by what they show, kept across states: a move changes one or two seats (the
    mover's cards, whose turn it is), so the others are reused. At most a few hundred per game
    (6 seats x slot x turn x tricks x cards); a class attribute, so not part of the saved data."""

    drawn = {}        # (seat key, cx) -> svg
    slot_rows = {}    # number of slots -> their centres

    @classmethod
    def slots(cls, n):
        row = cls.slot_rows.get(n)
        if row is None:
            row = cls.slot_rows[n] = [_slot(k, n) for k in range(n)]
        return row

    @classmethod
    def svg(cls, key, cx):
        """Seat ``key`` = (role, their turn, tricks won, cards left) drawn centred at ``cx``:
        name, tricks taken, cards left."""
        svg = cls.drawn.get((key, cx))
        if svg is None:
            r, turn, won, left = key
            svg = cls.drawn[(key, cx)] = (
                '<rect x="%d" y="10" width="96" height="92" rx="8" fill="%s" stroke="%s" stroke-width="3"/>'
                '<text x="%d" y="30" text-anchor="middle" font-size="14" font-weight="600" fill="#ffffff">%s</text>'
                '<text x="%d" y="48" text-anchor="middle" font-size="12" fill="#d7eadf">%d trick%s</text>%s'
                % (cx - 48, "#2d8a59" if turn else "#1a5c3b", "#ffd447" if turn else "#1a5c3b", cx, _Art.names[r],
                   cx, won, "" if won == 1 else "s", _backs(cx, left)))
        return svg


def _slot(k, n):
    """The centre of seat slot k of n along the top."""
    step = W / max(1, n)
    return int(step * k + step / 2)


class _Hands:
    """Each viewer's hand as last drawn (one per role): a hand changes only when its owner plays
    or their turn comes, so most moves redraw none of the others' hands."""

    last = {}


def _hand(role_num, hand, my_turn):
    key = (tuple(hand), my_turn)
    hit = _Hands.last.get(role_num)
    if hit is not None and hit[0] == key:
        return hit[1]
    hx0 = W // 2 - (len(hand) * (CW + 8) - 8) // 2
    if my_turn:
        svg = "".join(_card(card, hx0 + i * (CW + 8), 334,
                            'data-op-index="0" data-op-args="[%d]" style="cursor:pointer"' % (i + 1),
                            "Play " + tricks_deck.label(card)) for i, card in enumerate(hand))
    else:
        svg = "".join(_card(card, hx0 + i * (CW + 8), 334) for i, card in enumerate(hand))
    _Hands.last[role_num] = (key, svg)
    return svg


def _status(my_turn, won, _drawn={}):
    """A seated viewer's line above their hand (a handful of variants, drawn once each)."""
    svg = _drawn.get((my_turn, won))
    if svg is None:
        svg = _drawn[(my_turn, won)] = (
            '<text x="%d" y="318" text-anchor="middle" font-size="14" fill="%s">%s</text>'
            % (W // 2, "#ffd447" if my_turn else "#ffffff",
               "Your turn: click a card to play it." if my_turn else
               "Your hand &#183; %d trick%s taken" % (won, "" if won == 1 else "s")))
    return svg


def render_state(state, role_num=None, instance_data=None):
    table = _Table.of(state, instance_data)
    over = table.over
    out = [_Art.head]

    # Seats along the top: name, tricks taken, cards left as face-down backs.
    out.append(table.seat_strip(role_num))

    # The table: the trick being played (or the last one taken).
    out.append(table.trick_for(role_num))

    # The bottom: the viewer's own hand, or a status line for observers.
    out.append(table.goal_line)
    if role_num in state.hands:
        hand = state.hands[role_num]
        my_turn = role_num == state.current_role_num and not over
        won = state.tricks_won[role_num]
        if not over:
            out.append(_status(my_turn, won))
        out.append(_hand(role_num, hand, my_turn))
    elif not over:
        out.append('<text x="%d" y="330" text-anchor="middle" font-size="14" fill="#ffffff">'
                   'You are watching: hands stay hidden. %s to play.</text>' % (W // 2, _Art.names[state.current_role_num]))
    out.append("</svg>")
    return "".join(out)
