"""A game that cannot be imported: the bridge must report load_failed with file and line."""
import soluzion6_02 as sz

this is not python
