import soluzion6_02 as sz
import os
import sys


def attack(s):
    for i in range(200000):
        print("flood line %d ......................................" % i)
    sys.stderr.write("and stderr too\n" * 1000)
    os.write(1, b"not json at all\n" * 1000)
    new = s.__class__(s)
    new.count = s.count + 1
    return new


F = sz.SZ_Formulation()
F.metadata = sz.SZ_Metadata(name="Stdout flood")
F.operators = sz.SZ_Operator_Set([sz.SZ_Operator("Attack", "", lambda s: True, attack),
                                  sz.SZ_Operator("Count up", "", lambda s: True, F.operators.operators[0].state_xition_func)])
