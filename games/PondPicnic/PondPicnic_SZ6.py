"""Pond Picnic: find the ring lost in the pond before the sun sets.

A picture game for the SOLUZION6 contract. The scene is an image asset (images/pond.svg); the
vis module lays a region manifest over it: click the water to search there (the click's scene
coordinates become the operator's arguments), right-click the frog for a menu, ask the duck,
open the picnic basket, hover anything for a label.
"""
import math
import random

import soluzion6_02 as sz
import pond_geometry as geo

TURNS = 12
SEARCH, BASKET, FROG, DUCK = 0, 1, 2, 3


class Pond_Metadata(sz.SZ_Metadata):
    def __init__(self):
        self.name = "Pond Picnic"
        self.problem_version = "1.0"
        self.soluzion_version = "6.02"
        self.authors = ["WSZ6 project"]
        self.creation_date = "2026-11-26"
        self.brief_desc = ("Grandma lost her ring in the pond during the picnic. Click the water to "
                           "search, ask the frog and the duck for directions, check the picnic "
                           "basket. You have %d turns before the sun sets." % TURNS)


class Pond_State(sz.SZ_State):
    def __init__(self, old=None):
        if old is None:
            self.ring = None              # (x, y), secret; set by initialize_problem
            self.searched = set()         # {(x, y), ...} spots already searched
            self.last_search = None
            self.turns_left = TURNS
            self.basket_open = False
            self.found = False
            self.hints = []
        else:
            self.ring = old.ring
            self.searched = set(old.searched)
            self.last_search = old.last_search
            self.turns_left = old.turns_left
            self.basket_open = old.basket_open
            self.found = old.found
            self.hints = old.hints[:]
        self.current_role_num = 0

    def __str__(self):
        lines = ["Turns of daylight left: %d." % self.turns_left]
        if self.searched:
            lines.append("Searched %d spot%s; last at (%d, %d)." % (
                len(self.searched), "" if len(self.searched) == 1 else "s", *self.last_search))
        lines += ["Clue: " + h for h in self.hints]
        if not self.is_goal():
            lines.append("Click the water to search (or give x 0-800 and y 0-500).")
        return "\n".join(lines)

    def is_goal(self):
        return self.found or self.turns_left <= 0

    def is_win(self, role_num):
        return self.found

    def goal_message(self):
        if self.found:
            return "You found Grandma's ring with %d turn%s to spare!" % (
                self.turns_left, "" if self.turns_left == 1 else "s")
        return "The sun has set. The ring was at (%d, %d); the frog will keep it safe till tomorrow." % self.ring

    def spend_turn(self, message):
        news = Pond_State(self)
        news.turns_left -= 1
        news.jit_transition = message
        return news


def playing(s):
    return not s.is_goal()


def search(s, args):
    x, y = int(round(args[0])), int(round(args[1]))
    if not geo.searchable(x, y):
        news = s.spend_turn("You search (%d, %d), but that is not open water. Nothing there." % (x, y))
        return news
    news = s.spend_turn("")
    news.searched.add((x, y))
    news.last_search = (x, y)
    dist = math.hypot(x - s.ring[0], y - s.ring[1])
    if dist <= geo.FIND_RADIUS:
        news.found = True
        news.jit_transition = "Splash! Something glitters at (%d, %d): the ring!" % (x, y)
    else:
        feel = ("The water is very warm here" if dist < 90 else "The water is lukewarm" if dist < 180
                else "The water is cold here")
        news.jit_transition = "You search at (%d, %d). %s. No ring." % (x, y, feel)
    return news


def open_basket(s):
    side = "west (left)" if s.ring[0] < 420 else "east (right)"
    clue = "A note in the basket: \"I was paddling at the %s end of the pond.\"" % side
    news = s.spend_turn(clue)
    news.basket_open = True
    news.hints.append(clue)
    return news


def ask_frog(s):
    dx = s.ring[0] - s.last_search[0]
    where = "east" if dx > 0 else "west"
    clue = "The frog croaks: \"From your last search, it is %s, about %d steps.\"" % (
        where, int(round(abs(dx), -1)))
    news = s.spend_turn(clue)
    news.hints.append(clue)
    return news


def ask_duck(s):
    dy = s.ring[1] - s.last_search[1]
    clue = "The duck quacks: \"From your last search, it is %s.\"" % (
        "further from the sky (down)" if dy > 0 else "nearer the sky (up)")
    news = s.spend_turn(clue)
    news.hints.append(clue)
    return news


class Pond_Formulation(sz.SZ_Formulation):
    def __init__(self):
        self.metadata = Pond_Metadata()
        self.common_data = sz.SZ_Common_Data()
        self.instance_data = sz.SZ_Problem_Instance_Data()
        self.roles_spec = sz.SZ_Roles_Spec([sz.SZ_Role("Searcher", "Looks for the ring.")])
        self.operators = sz.SZ_Operator_Set([
            sz.SZ_Operator("Search the water", "Search the pond at a spot (click it in the picture).",
                           playing, search,
                           # float: a click on a scaled picture may land between scene pixels.
                           [{"name": "x", "type": "float", "min": 0, "max": geo.SCENE_WIDTH},
                            {"name": "y", "type": "float", "min": 0, "max": geo.SCENE_HEIGHT}]),
            sz.SZ_Operator("Open the picnic basket", "Look for a clue in the basket (once).",
                           lambda s: playing(s) and not s.basket_open, open_basket),
            sz.SZ_Operator("Ask the frog", "The frog says how far east or west of your last search it is.",
                           lambda s: playing(s) and s.last_search is not None, ask_frog),
            sz.SZ_Operator("Ask the duck", "The duck says whether it is up or down from your last search.",
                           lambda s: playing(s) and s.last_search is not None, ask_duck),
        ])

    def initialize_problem(self, config={}):
        state = Pond_State()
        while True:   # a random spot in open water, away from the shore
            x, y = random.randint(170, 660), random.randint(280, 440)
            if geo.searchable(x, y) and all(geo.searchable(x + dx, y + dy)
                                            for dx, dy in ((-15, 0), (15, 0), (0, -15), (0, 15))):
                break
        state.ring = (x, y)
        return state


POND_PICNIC = Pond_Formulation()
