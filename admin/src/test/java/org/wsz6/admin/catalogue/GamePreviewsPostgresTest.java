package org.wsz6.admin.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.wsz6.admin.permissions.GameStatus;
import org.wsz6.admin.support.AdminIntegrationTest;
import org.wsz6.admin.support.PostgresUard;
import org.wsz6.admin.support.TestGames;

/**
 * Previews on the real PostgreSQL (V21): stored per version and role, HTML kept byte for byte
 * (large, non-ASCII), a role without a vis keeps only its text view, and saving again replaces.
 * The install and page side runs on H2 in SampleGamesTest and AdminBrowserTest.
 */
@AdminIntegrationTest
@PostgresUard
class GamePreviewsPostgresTest {

    @Autowired GamePreviewRepository previews;
    @Autowired TestGames games;

    @Test
    void previewsAreKeptPerVersionAndRoleAndReplacedOnSave() {
        games.add("pg-preview", "PG preview", GameStatus.BETA, null);
        String big = "<svg><text style=\"fill:#2457d6\">Ünïcödé ♞</text>" + "<rect/>".repeat(20_000) + "</svg>";
        previews.save("pg-preview", "1.0", List.of(new RolePreview(1, "O", null, "O waits."),
                new RolePreview(0, "X", big, "X to move.")));
        assertThat(previews.find("pg-preview", "1.0")).containsExactly(new RolePreview(0, "X", big, "X to move."),
                new RolePreview(1, "O", null, "O waits."));
        assertThat(previews.find("pg-preview", "2.0")).isEmpty();

        previews.save("pg-preview", "1.0", List.of(new RolePreview(0, "X", "<p>new</p>", "")));
        assertThat(previews.find("pg-preview", "1.0")).containsExactly(new RolePreview(0, "X", "<p>new</p>", ""));
    }
}
