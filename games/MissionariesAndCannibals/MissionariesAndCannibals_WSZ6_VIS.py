"""The river scene as scalable SVG: missionaries (blue) and cannibals (orange) on two banks."""


def _person(x, y, colour, label):
    return ('<g><title>%s</title><circle cx="%d" cy="%d" r="11" fill="%s"/>'
            '<rect x="%d" y="%d" width="18" height="26" rx="7" fill="%s"/></g>'
            % (label, x, y, colour, x - 9, y + 13, colour))


def _bank(x0, missionaries, cannibals):
    out = []
    for i in range(missionaries):
        out.append(_person(x0 + 30 + i * 34, 70, "#2457d6", "Missionary"))
    for i in range(cannibals):
        out.append(_person(x0 + 30 + i * 34, 140, "#e07b22", "Cannibal"))
    return "".join(out)


def render_state(state):
    left, right = state.people
    boat_x = 190 if state.boat == 0 else 330
    return "".join([
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 220" role="img" '
        'aria-label="River with two banks" style="width:100%;height:auto;font-family:system-ui,sans-serif">',
        '<rect width="640" height="220" rx="8" fill="#e9f1e4"/>',
        '<rect x="170" width="300" height="220" fill="#9cc3ea"/>',
        '<path d="M170 60 q75 -14 150 0 t150 0 M170 160 q75 -14 150 0 t150 0" stroke="#c5dcf3" '
        'stroke-width="3" fill="none"/>',
        _bank(0, left[0], left[1]),
        _bank(490, right[0], right[1]),
        '<g><title>The boat (holds two)</title><path d="M%d 120 h120 l-18 26 h-84 z" fill="#7a4a22"/></g>'
        % boat_x,
        '<text x="85" y="208" text-anchor="middle" font-size="15" fill="#3d4350">Left bank</text>',
        '<text x="555" y="208" text-anchor="middle" font-size="15" fill="#3d4350">Right bank</text>',
        '<text x="320" y="24" text-anchor="middle" font-size="15" fill="#1c3d66">Crossings: %d</text>'
        % state.crossings,
        '</svg>'])
