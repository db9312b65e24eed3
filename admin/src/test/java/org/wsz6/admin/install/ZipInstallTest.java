package org.wsz6.admin.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.wsz6.admin.install.HostileZips.Entry;
import static org.wsz6.admin.install.HostileZips.Entry.file;
import static org.wsz6.admin.install.HostileZips.zip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.wsz6.admin.catalogue.GameRepository;
import org.wsz6.admin.permissions.AccountType;
import org.wsz6.admin.support.AdminIntegrationTest;
import org.wsz6.admin.support.TestAccounts;

/**
 * Installing games by zip upload through the real page: every refusal (each hostile zip built here)
 * answers with a clear message and leaves nothing behind; a good zip is installed atomically, with
 * metadata.json, side by side with earlier versions. The game host really runs (python3).
 */
@AdminIntegrationTest
@TestPropertySource(properties = {
        "wsz6.install.max-zip-bytes=300000", "wsz6.install.max-unpacked-bytes=600000", "wsz6.install.max-files=50",
        "wsz6.install.ratio-floor-bytes=50000", "wsz6.install.validate-playouts=3"})
class ZipInstallTest {

    static final Path ROOT = Path.of(System.getProperty("wsz6.root", "..")).toAbsolutePath().normalize();

    @Autowired MockMvc mvc;
    @Autowired TestAccounts accounts;
    @Autowired GameRepository games;
    @Value("${wsz6.data-dir}") String dataDir;

    private Path gamesDir() {
        return Path.of(dataDir, "games");
    }

    // ---- refusals -------------------------------------------------------------------------------

    @Test
    void refusesAbsolutePaths() throws Exception {
        refused("abs", zip(ttt("Game_SZ6.py"), file("/etc/evil.py", "x")), "has an absolute path");
    }

    @Test
    void refusesDotDotSegments() throws Exception {
        refused("dotdot", zip(ttt("Game_SZ6.py"), file("assets/../../evil.py", "x")), "contains '..'");
    }

    @Test
    void refusesSymlinks() throws Exception {
        refused("symlink", zip(ttt("Game_SZ6.py"),
                new Entry("secrets", "/etc/passwd".getBytes(StandardCharsets.UTF_8), 0120777)), "is a symbolic link");
    }

    @Test
    void refusesSpecialFiles() throws Exception {
        refused("fifo", zip(ttt("Game_SZ6.py"), new Entry("pipe", new byte[0], 0010644)), "is a special file");
    }

    @Test
    void refusesDuplicateNames() throws Exception {
        refused("dupes", zip(ttt("Game_SZ6.py"), file("helper.py", "A = 1"), file("helper.py", "A = 2")),
                "contains 'helper.py' twice");
    }

    @Test
    void refusesTooManyFiles() throws Exception {
        List<Entry> entries = new ArrayList<>(List.of(ttt("Game_SZ6.py")));
        for (int i = 0; i < 60; i++) {
            entries.add(file("assets/f" + i + ".txt", "x"));
        }
        refused("many", zip(entries.toArray(Entry[]::new)), "too many files: 61 (at most 50)");
    }

    @Test
    void refusesATooLargeZip() throws Exception {
        refused("bigzip", zip(ttt("Game_SZ6.py"), new Entry("noise.bin", HostileZips.randomBytes(320_000, 1), 0)),
                "The zip is too large");
    }

    @Test
    void refusesTooManyUnpackedBytes() throws Exception {
        List<Entry> entries = new ArrayList<>(List.of(ttt("Game_SZ6.py")));
        for (int i = 0; i < 4; i++) {
            entries.add(new Entry("text" + i + ".txt", HostileZips.wordySoup(190_000, i), 0));
        }
        byte[] zip = zip(entries.toArray(Entry[]::new));
        assertThat(zip.length).as("the zip itself is within the limit").isLessThan(300_000);
        refused("bigunpacked", zip, "unpacks to more than");
    }

    @Test
    void refusesASuspiciousCompressionRatio() throws Exception {
        byte[] zip = zip(ttt("Game_SZ6.py"), new Entry("bomb.txt", new byte[500_000], 0));
        assertThat(zip.length).isLessThan(5_000);
        refused("bomb", zip, "suspicious compression ratio");
    }

    @Test
    void refusesAZipWithoutPff() throws Exception {
        refused("nopff", zip(file("README.txt", "no game here"), file("TicTacToe_WSZ6_VIS.py", "def render_state(s): return ''")),
                "No PFF found");
    }

    @Test
    void refusesAnAmbiguousPff() throws Exception {
        refused("twopffs", zip(ttt("One_SZ6.py"), ttt("Two_SZ6.py")), "more than one PFF (One_SZ6.py, Two_SZ6.py)");
    }

    @Test
    void refusesAPffThatFailsToLoad() throws Exception {
        refused("broken", zip(file("Broken_SZ6.py", "import soluzion6_02 as sz\nraise ValueError('boom at import')\n")),
                "failed to load", "boom at import");
    }

    @Test
    void refusesAPffThatFailsValidation() throws Exception {
        refused("crash", zip(file("Crash_SZ6.py", HostileZips.CRASHING_GAME)), "Validation failed",
                "the game divides by zero");
    }

    // ---- success ------------------------------------------------------------------------------

    @Test
    void installsAGoodZipAtomicallyWithMetadataAndVersionsSideBySide() throws Exception {
        accounts.create("gina", AccountType.GAMES_ADMIN);
        byte[] zip = zip(HostileZips.folder(ROOT.resolve("games/TicTacToe"), "TicTacToe/"));
        MvcResult result = upload("gina", "ttt", "", zip).andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/games/ttt");
        Path v11 = gamesDir().resolve("ttt/1.1");
        assertThat(v11.resolve("TicTacToe_SZ6.py")).exists();
        String metadata = Files.readString(v11.resolve("metadata.json"));
        assertThat(metadata).contains("\"slug\" : \"ttt\"").contains("\"minPlayers\" : 2").contains("\"pff\" : \"TicTacToe_SZ6.py\"");
        assertThat(games.find("ttt")).get().satisfies(g -> {
            assertThat(g.title()).isEqualTo("Tic-Tac-Toe");
            assertThat(g.currentVersion()).isEqualTo("1.1");
        });
        mvc.perform(get("/games/ttt").with(user("gina"))).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("Plays X and moves first.")));

        // "Validate" plays the installed game randomly and shows the report.
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/games/ttt/validate")
                        .param("playouts", "2").with(user("gina")).with(csrf()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("ok", org.hamcrest.Matchers.containsString("Validation passed: 2 random play-throughs")));

        // The same version again is refused; a new version goes beside the old one and becomes current.
        assertThat(upload("gina", "ttt", "1.1", zip).andReturn().getResponse().getContentAsString())
                .contains("Version 1.1 of &#39;ttt&#39; is installed already");
        upload("gina", "ttt", "2.0", zip);
        assertThat(gamesDir().resolve("ttt/2.0/metadata.json")).exists();
        assertThat(v11.resolve("metadata.json")).exists();
        assertThat(games.find("ttt").orElseThrow().currentVersion()).isEqualTo("2.0");
        assertThat(games.versions("ttt")).hasSize(2);
        assertNothingLeftInTemp();
    }

    @Test
    void gameOwnersInstallTheirOwnGamesAndManageOnlyThose() throws Exception {
        accounts.create("otto", AccountType.GAME_OWNER);
        accounts.create("olga", AccountType.GAME_OWNER);
        byte[] zip = zip(HostileZips.folder(ROOT.resolve("games/Counting"), ""));
        upload("otto", "ottos-game", "", zip);
        assertThat(games.find("ottos-game").orElseThrow().ownerName()).isEqualTo("Otto");
        // Olga may not add a version to Otto's game.
        mvc.perform(multipart("/games/install").file(new MockMultipartFile("zip", "g.zip", "application/zip", zip))
                        .param("slug", "ottos-game").param("version", "9").with(user("olga")).with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(gamesDir().resolve("ottos-game/9")).doesNotExist();
        // Players may not install at all.
        accounts.create("pia", AccountType.PLAYER);
        mvc.perform(multipart("/games/install").file(new MockMultipartFile("zip", "g.zip", "application/zip", zip))
                        .param("slug", "pias-game").with(user("pia")).with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(games.find("pias-game")).isEmpty();
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static Entry ttt(String name) throws IOException {
        return new Entry(name, Files.readAllBytes(ROOT.resolve("games/TicTacToe/TicTacToe_SZ6.py")), 0);
    }

    private org.springframework.test.web.servlet.ResultActions upload(String username, String slug, String version, byte[] zip)
            throws Exception {
        return mvc.perform(multipart("/games/install").file(new MockMultipartFile("zip", slug + ".zip", "application/zip", zip))
                .param("slug", slug).param("version", version).param("status", "beta")
                .with(user(username)).with(csrf()));
    }

    private void refused(String slug, byte[] zip, String... expectedMessages) throws Exception {
        String page = upload("admin", slug, "", zip).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        for (String expected : expectedMessages) {
            assertThat(org.springframework.web.util.HtmlUtils.htmlUnescape(page)).contains("Not installed").contains(expected);
        }
        assertThat(games.find(slug)).as("no catalogue entry").isEmpty();
        assertThat(gamesDir().resolve(slug)).as("no game folder").doesNotExist();
        assertNothingLeftInTemp();
    }

    private void assertNothingLeftInTemp() throws IOException {
        Path tmp = gamesDir().resolve(".tmp");
        if (Files.exists(tmp)) {
            try (Stream<Path> left = Files.list(tmp)) {
                assertThat(left.toList()).as("work folders left behind").isEmpty();
            }
        }
    }
}
