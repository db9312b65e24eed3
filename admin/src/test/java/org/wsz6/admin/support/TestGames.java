package org.wsz6.admin.support;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import org.wsz6.admin.catalogue.GameDescription;
import org.wsz6.admin.catalogue.GameRepository;
import org.wsz6.admin.permissions.GameStatus;

/** Puts catalogue entries straight into UARD for tests that are not about installing. */
@Component
public class TestGames {

    private final GameRepository games;

    public TestGames(GameRepository games) {
        this.games = games;
    }

    public void add(String slug, String title, GameStatus status, Long ownerId, String... configKeys) {
        GameDescription description = new GameDescription(title, "A test game called " + title + ".", "1.0", "6.02",
                List.of("Tester"), "2026-11-26", "Game_SZ6.py", null,
                List.of(new GameDescription.Role(0, "X", "Plays X", 1, false), new GameDescription.Role(1, "O", "Plays O", 1, false)),
                2, 2, List.of(configKeys));
        Instant now = Instant.now();
        games.insertGame(slug, title, "A test game called " + title + ".", ownerId, status, "1.0", null, now);
        games.insertVersion(slug, "1.0", "/srv/games/" + slug + "/1.0", description, null, now);
    }
}
