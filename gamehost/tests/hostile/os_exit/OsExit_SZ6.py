import soluzion6_02 as sz
import os


def attack(s):
    os._exit(7)


F = sz.SZ_Formulation()
F.metadata = sz.SZ_Metadata(name="os._exit")
F.operators = sz.SZ_Operator_Set([sz.SZ_Operator("Attack", "", lambda s: True, attack),
                                  sz.SZ_Operator("Count up", "", lambda s: True, F.operators.operators[0].state_xition_func)])
