-- Per-game settings for games that call a language model (SZ6-CONTRACT §8): environment variables
-- for this game's workers only (e.g. a model URL and key) and whether its workers may reach the
-- network. A game without a row has no variables and no network.
CREATE TABLE game_settings (
    game_slug      VARCHAR(64)  PRIMARY KEY REFERENCES games(slug),
    env_json       TEXT         NOT NULL DEFAULT '{}',
    allow_network  BOOLEAN      NOT NULL DEFAULT FALSE,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by     BIGINT       REFERENCES users(id)
);
