"""Vis module of the Pebbles fixture: one clickable circle per pebble, role-specific caption."""


def render_state(state, role_num=None):
    circles = "".join('<circle cx="%d" cy="20" r="8" data-op-index="0" data-op-args="[1]"/>' % (20 + 20 * i)
                      for i in range(state.pile))
    return '<svg class="pebbles" data-role="%s">%s</svg>' % (role_num, circles)
