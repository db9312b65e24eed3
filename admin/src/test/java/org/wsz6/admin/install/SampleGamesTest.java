package org.wsz6.admin.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;
import org.wsz6.admin.catalogue.GameRepository;
import org.wsz6.admin.permissions.GameStatus;
import org.wsz6.admin.support.AdminIntegrationTest;

/** The shipped sample games are installed, published, on first start (here two of them, to keep it quick). */
@AdminIntegrationTest
@TestPropertySource(properties = "wsz6.install.sample-games-dir=target/test-samples")
class SampleGamesTest {

    @Autowired SampleGames samples;
    @Autowired GameRepository games;
    @Value("${wsz6.data-dir}") String dataDir;

    @Test
    void sampleGamesAreInstalledAsPublishedOnce() throws Exception {
        Path root = Path.of(System.getProperty("wsz6.root", "..")).toAbsolutePath();
        Path samplesDir = Path.of("target/test-samples");
        GameInstaller.deleteTree(samplesDir);
        GameInstaller.copyTree(root.resolve("games/TicTacToe"), samplesDir.resolve("TicTacToe"));
        GameInstaller.copyTree(root.resolve("games/GuessMyAge"), samplesDir.resolve("GuessMyAge"));

        assertThat(samples.installMissingNow()).containsExactly("guess-my-age", "tic-tac-toe");
        assertThat(games.find("tic-tac-toe")).get().satisfies(g -> {
            assertThat(g.status()).isEqualTo(GameStatus.PUBLISHED);
            assertThat(g.title()).isEqualTo("Tic-Tac-Toe");
        });
        assertThat(Files.exists(Path.of(dataDir, "games/tic-tac-toe/1.1/metadata.json"))).isTrue();
        assertThat(games.version("tic-tac-toe", "1.1").orElseThrow().description().roles()).hasSize(3);
        // A second start installs nothing again.
        assertThat(samples.installMissingNow()).isEmpty();
    }
}
