import soluzion6_02 as sz
import sys


def attack(s):
    sys.exit(3)


F = sz.SZ_Formulation()
F.metadata = sz.SZ_Metadata(name="sys.exit")
F.operators = sz.SZ_Operator_Set([sz.SZ_Operator("Attack", "", lambda s: True, attack),
                                  sz.SZ_Operator("Count up", "", lambda s: True, F.operators.operators[0].state_xition_func)])
