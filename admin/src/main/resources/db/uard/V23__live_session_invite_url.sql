-- The invite URL play returned at launch (relative to play's base URL), so "My sessions" can show it
-- and mail it. NULL for sessions admin did not launch (or launched before this column existed).
ALTER TABLE live_sessions ADD COLUMN invite_url VARCHAR(512);
