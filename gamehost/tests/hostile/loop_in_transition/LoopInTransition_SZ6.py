import soluzion6_02 as sz


def attack(s):
    while True:
        pass


F = sz.SZ_Formulation()
F.metadata = sz.SZ_Metadata(name="Loop in transition")
F.operators = sz.SZ_Operator_Set([sz.SZ_Operator("Attack", "", lambda s: True, attack),
                                  sz.SZ_Operator("Count up", "", lambda s: True, F.operators.operators[0].state_xition_func)])
