-- Each session's game assets are served under an unguessable token in the path
-- (/play/assets/{sessionId}/{assetToken}/...), because sandboxed vis frames send no cookie.
-- Sessions created before this column existed get their token from SessionStore the first time they
-- are read (random bytes cannot be drawn the same way on H2 and PostgreSQL in SQL).
ALTER TABLE sessions ADD COLUMN asset_token VARCHAR(64);
