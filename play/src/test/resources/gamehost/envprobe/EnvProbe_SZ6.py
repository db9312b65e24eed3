"""A one-move game whose text view is the worker's whole environment, as JSON (bridge tests).

Proves that nothing of the portal's own environment reaches game code, and that the variables
an admin configured for this game do.
"""
import json
import os

import soluzion6_02 as sz


class ProbeState(sz.SZ_State):
    def __init__(self, old=None):
        self.current_role_num = 0
        self.count = 0

    def text_view_for_role(self, role_num):
        return json.dumps(dict(os.environ), sort_keys=True)

    def is_goal(self):
        return False


class Probe(sz.SZ_Formulation):
    def initialize_problem(self, config={}):
        return ProbeState()


PROBE = Probe()
