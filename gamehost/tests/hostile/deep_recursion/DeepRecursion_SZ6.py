import soluzion6_02 as sz
import sys


def dive(n):
    return dive(n + 1) + 1


def attack(s):
    sys.setrecursionlimit(10 ** 7)
    return dive(0)


F = sz.SZ_Formulation()
F.metadata = sz.SZ_Metadata(name="Deep recursion")
F.operators = sz.SZ_Operator_Set([sz.SZ_Operator("Attack", "", lambda s: True, attack),
                                  sz.SZ_Operator("Count up", "", lambda s: True, F.operators.operators[0].state_xition_func)])
