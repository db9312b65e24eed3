-- Whether admins watching a session of this game may take over a player's role (DESIGN.md workflow 4,
-- "where the game allows it"). On by default, as before this setting existed; an instructor turns it
-- off for games where a take-over would spoil the play (hidden information, graded work).
ALTER TABLE game_settings ADD COLUMN admins_may_take_over BOOLEAN NOT NULL DEFAULT TRUE;
