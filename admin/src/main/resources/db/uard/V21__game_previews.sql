-- "Screenshots of its vis": the initial state of each installed version as each role sees it,
-- rendered once by the game host at install. vis_html is untrusted game HTML (NULL without a vis);
-- the page shows it in a sandboxed frame without scripts.
CREATE TABLE game_previews (
    game_slug   VARCHAR(64)  NOT NULL REFERENCES games(slug),
    version     VARCHAR(64)  NOT NULL,
    role_index  INT          NOT NULL,
    role_name   VARCHAR(200) NOT NULL,
    vis_html    TEXT,
    text_view   TEXT         NOT NULL,
    PRIMARY KEY (game_slug, version, role_index)
);
