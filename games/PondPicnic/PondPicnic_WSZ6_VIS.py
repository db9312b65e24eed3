"""Pond Picnic picture: the image asset, an SVG overlay of searched spots, and a region manifest.

The manifest (``<script type="application/json" id="wsz6-regions">``) tells the portal's page which
parts of the picture are clickable; it is read as data, never run. Regions are tested in order and
the first hit wins, so the frog and the duck come before the pond they float on.
"""
import json
from html import escape

import pond_geometry as geo

SEARCH, BASKET, FROG, DUCK = 0, 1, 2, 3


def _regions(state):
    playing = not state.is_goal()
    asked_ok = playing and state.last_search is not None
    frog_menu = [{"label": "Look at the frog", "info": "A plump green frog on a lily pad. It saw everything."}]
    if asked_ok:
        frog_menu.insert(0, {"label": "Ask the frog (east or west?)", "op_index": FROG})
    elif playing:
        frog_menu.append({"label": "Ask the frog", "info": "Search the water once first; then the frog can tell you which way to go."})
    fx, fy, fr = geo.FROG
    regions = [{"shape": "circle", "cx": fx, "cy": fy, "r": fr, "hover_label": "The frog",
                "context": frog_menu,
                "info": "Right-click (or long-press) the frog for what you can do."}]
    if asked_ok:
        del regions[0]["info"]
        regions[0]["op_index"] = FROG
    dx, dy, dw, dh = geo.DUCK
    duck = {"shape": "rect", "x": dx, "y": dy, "w": dw, "h": dh, "hover_label": "The duck"}
    if asked_ok:
        duck["op_index"] = DUCK
    else:
        duck["info"] = "The duck only knows about places you have searched."
    regions.append(duck)
    bx, by, bw, bh = geo.BASKET
    basket = {"shape": "rect", "x": bx, "y": by, "w": bw, "h": bh, "hover_label": "Picnic basket"}
    if playing and not state.basket_open:
        basket["op_index"] = BASKET
    else:
        basket["info"] = "Only sandwich crumbs left in the basket."
    regions.append(basket)
    sx, sy, sr = geo.SUN
    regions.append({"shape": "circle", "cx": sx, "cy": sy, "r": sr, "hover_label": "The sun",
                    "info": "The sun is setting: %d turn%s of daylight left."
                            % (state.turns_left, "" if state.turns_left == 1 else "s")})
    regions.append({"shape": "polygon", "points": [[25, 200], [40, 130], [93, 118], [150, 140], [160, 210],
                                                   [102, 230], [102, 290], [84, 290], [84, 230]],
                    "hover_label": "An old tree", "info": "Nothing hidden up in the tree."})
    pond = {"shape": "polygon", "points": [list(p) for p in geo.POND], "hover_label": "Search here"}
    if playing:
        pond["op_index"] = SEARCH
        pond["send_click_coords"] = True
    regions.append(pond)
    return regions


def render_state(state, base_url=""):
    w, h = geo.SCENE_WIDTH, geo.SCENE_HEIGHT
    marks = []
    for (x, y) in sorted(state.searched):
        marks.append('<g><circle cx="%d" cy="%d" r="%d" fill="#ffffff" fill-opacity="0.18" stroke="#ffffff" '
                     'stroke-dasharray="6 5" stroke-width="2"/><path d="M%d %d l12 12 M%d %d l-12 12" '
                     'stroke="#ffffff" stroke-width="3" stroke-linecap="round"/></g>'
                     % (x, y, geo.FIND_RADIUS, x - 6, y - 6, x + 6, y - 6))
    if state.is_goal():
        rx, ry = state.ring
        marks.append('<circle cx="%d" cy="%d" r="11" fill="none" stroke="#ffd447" stroke-width="5"/>'
                     '<circle cx="%d" cy="%d" r="4" fill="#e0f0ff"/>' % (rx, ry, rx, ry - 11))
    status = state.goal_message() if state.is_goal() else (
        "%d turn%s left · click the water to search" % (state.turns_left, "" if state.turns_left == 1 else "s"))
    manifest = {"container_id": "pond-scene", "scene_width": w, "scene_height": h,
                "regions": _regions(state)}
    return (
        '<div style="font-family:system-ui,sans-serif;max-width:%dpx">'
        '<div id="pond-scene" style="position:relative;width:100%%;aspect-ratio:%d/%d">'
        '<img src="%simages/pond.svg" alt="A pond with a frog on a lily pad, a duck, a picnic basket and the sun" '
        'style="display:block;width:100%%;height:100%%;border-radius:8px">'
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" aria-hidden="true" '
        'style="position:absolute;inset:0;width:100%%;height:100%%;pointer-events:none">%s</svg>'
        '</div>'
        '<p style="margin:8px 0 0;color:#3d4350">%s</p>'
        '<script type="application/json" id="wsz6-regions">%s</script>'
        '</div>'
        % (w, w, h, escape(base_url, quote=True), w, h, "".join(marks), escape(status),
           json.dumps(manifest).replace("</", "<\\/")))
