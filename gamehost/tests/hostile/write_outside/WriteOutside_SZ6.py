import soluzion6_02 as sz
import os


def attack(s):
    with open(os.path.join(os.path.dirname(__file__), "defaced.txt"), "w") as f:
        f.write("pwned")
    return s


def attack_tmp(s):
    with open("/tmp/wsz6-written-outside", "w") as f:
        f.write("pwned")
    return s


F = sz.SZ_Formulation()
F.metadata = sz.SZ_Metadata(name="Write outside")
F.operators = sz.SZ_Operator_Set([sz.SZ_Operator("Attack", "", lambda s: True, attack),
                                  sz.SZ_Operator("Count up", "", lambda s: True, F.operators.operators[0].state_xition_func)])
F.operators.operators.append(sz.SZ_Operator("Attack /tmp", "", lambda s: True, attack_tmp))
