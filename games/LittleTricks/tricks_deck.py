"""The Little Tricks deck: 30 cards, values 1-10 in three colours. Imported by bare name by the
game and by its vis module (a helper module of the game folder)."""
import random

COLOURS = ("red", "blue", "green")
SYMBOLS = {"red": "♥", "blue": "♦", "green": "♣"}
INK = {"red": "#c7372f", "blue": "#2457d6", "green": "#1f8a4c"}
VALUES = range(1, 11)


def shuffled_deck():
    """All 30 cards as (colour, value) tuples, shuffled with the game's random generator."""
    deck = [(c, v) for c in COLOURS for v in VALUES]
    random.shuffle(deck)
    return deck


def label(card):
    colour, value = card
    return "%s %d" % (colour, value)


def short(card):
    colour, value = card
    return "%d%s" % (value, SYMBOLS[colour])


def sort_hand(hand):
    return sorted(hand, key=lambda c: (COLOURS.index(c[0]), c[1]))
