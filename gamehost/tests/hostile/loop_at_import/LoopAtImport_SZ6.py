import soluzion6_02 as sz

while True:
    pass
