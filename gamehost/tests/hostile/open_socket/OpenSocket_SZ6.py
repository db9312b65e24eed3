import soluzion6_02 as sz
import socket


def attack(s):
    socket.create_connection(("127.0.0.1", 5432), timeout=1)
    return s


F = sz.SZ_Formulation()
F.metadata = sz.SZ_Metadata(name="Open socket")
F.operators = sz.SZ_Operator_Set([sz.SZ_Operator("Attack", "", lambda s: True, attack),
                                  sz.SZ_Operator("Count up", "", lambda s: True, F.operators.operators[0].state_xition_func)])
