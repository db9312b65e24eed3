"""Where things are in the picture images/pond.svg (800 x 500 scene pixels).

Shared by the problem formulation and the vis module (imported by bare name), so the game's rules
and the clickable regions can never disagree.
"""
SCENE_WIDTH, SCENE_HEIGHT = 800, 500

POND = [(150, 330), (220, 280), (330, 262), (450, 258), (560, 270), (650, 300), (690, 345),
        (660, 400), (560, 440), (430, 455), (300, 448), (190, 420), (140, 380)]
FROG = (300, 352, 34)                 # circle: lily pad with the frog (cx, cy, r)
DUCK = (502, 296, 92, 62)             # rect around the duck (x, y, w, h)
BASKET = (34, 372, 104, 72)           # rect: the picnic basket on its blanket
SUN = (690, 86, 48)                   # circle
FIND_RADIUS = 38                      # a search this close to the ring finds it


def in_polygon(x, y, points=POND):
    """Ray casting: is (x, y) inside the polygon?"""
    inside = False
    j = len(points) - 1
    for i in range(len(points)):
        xi, yi = points[i]
        xj, yj = points[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def in_circle(x, y, circle):
    cx, cy, r = circle
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def in_rect(x, y, rect):
    rx, ry, w, h = rect
    return rx <= x <= rx + w and ry <= y <= ry + h


def searchable(x, y):
    """Open water: in the pond, but not under the frog or the duck (those have their own clicks)."""
    return in_polygon(x, y) and not in_circle(x, y, FROG) and not in_rect(x, y, DUCK)
