package org.wsz6.admin.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.wsz6.admin.catalogue.GamePreviewRepository;
import org.wsz6.admin.catalogue.GameRepository;
import org.wsz6.admin.catalogue.RolePreview;
import org.wsz6.admin.permissions.AccountType;
import org.wsz6.admin.support.TestAccounts;
import org.wsz6.admin.support.TestGames;
import org.wsz6.admin.permissions.GameStatus;
import org.wsz6.admin.support.AdminIntegrationTest;

/**
 * The shipped sample games are installed, published, on first start (here two of them, to keep it
 * quick), each with a preview of its first state per role shown in sandboxed frames.
 */
@AdminIntegrationTest
@TestPropertySource(properties = "wsz6.install.sample-games-dir=target/test-samples")
class SampleGamesTest {

    @Autowired SampleGames samples;
    @Autowired GameRepository games;
    @Autowired VisPreviews previews;
    @Autowired GameInstaller installer;
    @Autowired GamePreviewRepository samplesPreviews;
    @Autowired TestGames testGames;
    @Autowired TestAccounts accounts;
    @Autowired MockMvc mvc;
    @Value("${wsz6.data-dir}") String dataDir;

    @Test
    void sampleGamesAreInstalledAsPublishedOnce() throws Exception {
        accounts.create("ada", AccountType.GENERAL_ADMIN);
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

        // Each install kept the first state as each role sees it, for the detail page's preview.
        var ticTacToe = previews.of("tic-tac-toe", "1.1");
        assertThat(ticTacToe).extracting(RolePreview::roleName).startsWith("X", "O");
        assertThat(ticTacToe.get(0).visHtml()).contains("<svg");
        String page = mvc.perform(get("/games/tic-tac-toe").with(user("ada"))).andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", Matchers.containsString("style-src 'self' 'unsafe-inline'")))
                .andExpect(header().string("Content-Security-Policy", Matchers.containsString("script-src 'self';")))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<h2>Preview</h2>").contains("title=\"X view of the first state\"")
                .contains("srcdoc=\"&lt;svg").doesNotContain("allow-scripts");
        assertThat(page).containsPattern("<iframe class=\"vis\" sandbox=\"\"");

        // A game whose first state cannot be rendered has no preview, and its page says so.
        testGames.add("broken", "Broken", GameStatus.PUBLISHED, null);
        samplesPreviews.save("tic-tac-toe", "1.1", java.util.List.of()); // as if installed before previews existed
        previews.renderMissing();
        assertThat(previews.of("tic-tac-toe", "1.1")).hasSize(ticTacToe.size()); // rendered again
        assertThat(previews.of("broken", "1.0")).isEmpty();
        assertThat(mvc.perform(get("/games/broken").with(user("ada"))).andReturn().getResponse().getContentAsString())
                .contains("No preview: the game host could not render");
    }

    @Test
    void theSwitchWsz6InstallSampleGamesIsHonoured() throws Exception {
        Path root = Path.of(System.getProperty("wsz6.root", "..")).toAbsolutePath();
        Path samplesDir = Path.of("target/test-samples-switch");
        GameInstaller.deleteTree(samplesDir);
        GameInstaller.copyTree(root.resolve("games/Counting"), samplesDir.resolve("Counting"));

        // Turned off (as in this test context): nothing starts, nothing is installed.
        assertThat(new SampleGames(installer, games, previews, samplesDir.toString(), false).startInstalling()).isNull();
        assertThat(games.exists("counting")).isFalse();

        // Turned on: the background start installs the game, with its preview.
        Thread started = new SampleGames(installer, games, previews, samplesDir.toString(), true).startInstalling();
        assertThat(started.join(Duration.ofSeconds(90))).isTrue();
        assertThat(games.exists("counting")).isTrue();
        assertThat(previews.of("counting", games.find("counting").orElseThrow().currentVersion())).isNotEmpty();
    }
}
