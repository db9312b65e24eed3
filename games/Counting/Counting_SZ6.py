"""The smallest possible game: the soluzion6_02 base module's own defaults.

Nothing is subclassed. The base formulation has one role ("Player"), one operator ("Count up")
and a state that counts; the game ends when the count reaches 3. It shows that a formulation built
only from the base classes' defaults is playable in the portal.
"""
import soluzion6_02 as sz

COUNTING = sz.SZ_Formulation()
