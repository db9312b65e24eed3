"""A game whose code defeats the worker's own timeout, so only the bridge can end it (bridge tests).

Operator 0 counts up (harmless). Operator 1 catches every exception in a loop, so the worker's
deadline signal never ends it: the worker answers "timeout" and exits. Operator 2 is stuck inside
C code (a huge sum: no bytecode runs, no signal is handled), so the worker cannot answer at all and
the bridge's hard deadline kills it.
"""
import soluzion6_02 as sz


def swallow_everything(state):
    while True:
        try:
            while True:
                pass
        except BaseException:
            pass


def stuck_in_c(state):
    return sum(range(10 ** 13))


F = sz.SZ_Formulation()
F.metadata = sz.SZ_Metadata(name="Stubborn")
COUNT_UP = F.operators.operators[0].state_xition_func
F.operators = sz.SZ_Operator_Set([
    sz.SZ_Operator("Count up", "Harmless.", lambda s: True, COUNT_UP),
    sz.SZ_Operator("Swallow", "Catches every exception in a loop.", lambda s: True, swallow_everything),
    sz.SZ_Operator("Stuck in C", "A huge sum in C code.", lambda s: True, stuck_in_c),
])
