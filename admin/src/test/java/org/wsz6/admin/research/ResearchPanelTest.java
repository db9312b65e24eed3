package org.wsz6.admin.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wsz6.admin.accounts.Account;
import org.wsz6.admin.accounts.AccountRepository;
import org.wsz6.admin.permissions.AccountType;
import org.wsz6.admin.sessions.SessionRepository;
import org.wsz6.admin.support.AdminIntegrationTest;
import org.wsz6.admin.support.TestAccounts;
import org.wsz6.contract.v1.SessionSummary;
import org.wsz6.contract.v1.UserRef;

/**
 * The research panel in admin against play's research API as the contract's examples describe it
 * ({@link StubPlay}): dashboard filters and counts, session detail, replay viewer with the chain
 * badge and alarm, annotations (private by default), streamed exports, API tokens and the REST
 * API, and every refusal. Runs on H2; {@link ResearchPanelPostgresTest} runs it on PostgreSQL.
 */
@AdminIntegrationTest
class ResearchPanelTest {

    static final StubPlay PLAY = start();

    static StubPlay start() {
        try {
            return new StubPlay();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void playUrl(DynamicPropertyRegistry registry) {
        registry.add("wsz6.internal.play-url", PLAY::url);
        // The shared test setting (500 ms) is for an unreachable play; here play answers, on a busy machine.
        registry.add("wsz6.internal.timeout-ms", () -> "10000");
    }

    @AfterAll
    static void stop() {
        // The stub is shared by the H2 and PostgreSQL runs of this class; the JVM ends with the suite.
    }

    @Autowired MockMvc mvc;
    @Autowired TestAccounts testAccounts;
    @Autowired AccountRepository accounts;
    @Autowired ApiTokenService apiTokens;
    @Autowired SessionRepository sessions;

    Account rae;

    @BeforeEach
    void data() {
        PLAY.chainIntact.set(true);
        rae = accounts.findByUsername("rae").orElseGet(() -> testAccounts.create("rae", AccountType.RESEARCH_ADMIN));
        accounts.findByUsername("ria").orElseGet(() -> testAccounts.create("ria", AccountType.RESEARCH_ADMIN));
        accounts.findByUsername("pete").orElseGet(() -> testAccounts.create("pete", AccountType.PLAYER));
        summary(StubPlay.SESSION, "tic-tac-toe", "Ada Lovelace", "Bo", Instant.parse("2026-11-25T09:00:00Z"),
                Instant.parse("2026-11-25T09:05:40Z"), "ended", true);
        summary("s-other", "guess-my-age", "Grace Hopper", "Cy", Instant.parse("2026-10-02T14:00:00Z"),
                Instant.parse("2026-10-02T14:30:00Z"), "paused", false);
    }

    void summary(String id, String game, String owner, String player, Instant created, Instant ended, String status,
                 boolean goal) {
        sessions.saveSummary(new SessionSummary(1, id, null, game, "1.0", new UserRef(7, "o", owner, "SESSION_OWNER"),
                created, ended, status, false,
                List.of(new SessionSummary.Participant(player, null, true, false, 1, "O")),
                List.of(new SessionSummary.PlaythroughSummary("pt-" + id, 1, created, ended, 7, goal, goal ? "X wins!" : null,
                        goal ? List.of(0) : List.of(), false, 1L))), 7L);
    }

    static RequestPostProcessor as(String username) {
        return user(username);
    }

    @Test
    void theDashboardFiltersSessionsAndCountsThem() throws Exception {
        mvc.perform(get("/research").with(as("rae"))).andExpect(status().isOk())
                .andExpect(content().string(containsString(StubPlay.SESSION)))
                .andExpect(content().string(containsString("s-other")))
                .andExpect(content().string(containsString("Research</a>"))); // nav link
        String byGame = mvc.perform(get("/research").param("game", "guess-my-age").with(as("rae")))
                .andReturn().getResponse().getContentAsString();
        assertThat(byGame).contains("s-other").doesNotContain(">" + StubPlay.SESSION + "<");
        String byPlayer = mvc.perform(get("/research").param("player", "bo").with(as("rae")))
                .andReturn().getResponse().getContentAsString();
        assertThat(byPlayer).contains(StubPlay.SESSION).doesNotContain(">s-other<");
        String byOutcome = mvc.perform(get("/research").param("outcome", "unfinished").with(as("rae")))
                .andReturn().getResponse().getContentAsString();
        assertThat(byOutcome).contains("s-other").doesNotContain(">" + StubPlay.SESSION + "<");
        String byDates = mvc.perform(get("/research").param("from", "2026-11-01").param("to", "2026-11-30")
                .param("status", "ended").param("owner", "ada").with(as("rae"))).andReturn().getResponse().getContentAsString();
        assertThat(byDates).contains(StubPlay.SESSION).doesNotContain(">s-other<").contains("5 min 40 s");
    }

    @Test
    void aLongSelectionIsShownAPageAtATimeWithTotalsOverAllOfIt() throws Exception {
        // 120 sessions of one game, from 2020 so they sort after the other tests' sessions.
        Instant base = Instant.parse("2020-03-01T10:00:00Z");
        for (int i = 0; i < 120; i++) {
            summary("s-page-" + String.format("%03d", i), "paging-game", "Pat", "Lou", base.plusSeconds(60L * i),
                    base.plusSeconds(60L * i + 30), "ended", i % 4 == 0);
        }
        String first = mvc.perform(get("/research").param("game", "paging-game").with(as("rae")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(first).contains("<b>120</b><span>sessions</span>") // totals cover the whole selection
                .contains("<b>30</b><span>with a goal reached</span>")
                .contains("Sessions 1–50 of 120 · page 1 of 3")
                .contains(">s-page-119<").contains(">s-page-070<").doesNotContain(">s-page-069<")
                .contains("game=paging-game&amp;page=2").doesNotContain("rel=\"prev\"");
        String last = mvc.perform(get("/research").param("game", "paging-game").param("page", "3").with(as("rae")))
                .andReturn().getResponse().getContentAsString();
        assertThat(last).contains("Sessions 101–120 of 120 · page 3 of 3").contains(">s-page-000<")
                .doesNotContain(">s-page-020<").contains("page=2").doesNotContain("rel=\"next\"");
        String pastTheEnd = mvc.perform(get("/research").param("game", "paging-game").param("page", "9").with(as("rae")))
                .andReturn().getResponse().getContentAsString();
        assertThat(pastTheEnd).contains("page 3 of 3");
        mvc.perform(get("/research").param("page", "two").with(as("rae"))).andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("is not a page number")));
        mvc.perform(get("/research").param("page", "0").with(as("rae"))).andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Pages are numbered from 1")));

        String token = apiTokens.create(rae, "paging").secret();
        mvc.perform(get("/api/v1/sessions").param("game", "paging-game").param("size", "25").param("page", "2")
                        .header("Authorization", "Bearer " + token))
                .andExpect(status().isOk()).andExpect(jsonPath("$.count").value(25)).andExpect(jsonPath("$.total").value(120))
                .andExpect(jsonPath("$.page").value(2)).andExpect(jsonPath("$.pages").value(5))
                .andExpect(jsonPath("$.sessions[0].sessionId").value("s-page-094"));
        mvc.perform(get("/api/v1/sessions").param("game", "paging-game").header("Authorization", "Bearer " + token))
                .andExpect(jsonPath("$.count").value(120)); // a client that does not page still gets everything
        mvc.perform(get("/api/v1/sessions").param("size", "5000").header("Authorization", "Bearer " + token))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("1 to 1000")));
    }

    @Test
    void badFiltersAreRefusedWithAClearMessage() throws Exception {
        mvc.perform(get("/research").param("from", "yesterday").with(as("rae"))).andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("is not a date like 2026-11-25")));
        mvc.perform(get("/research").param("from", "2026-12-01").param("to", "2026-11-01").with(as("rae")))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("after the end date")));
        mvc.perform(get("/research").param("outcome", "won").with(as("rae"))).andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Outcome must be")));
    }

    @Test
    void onlyResearchAdminsReachResearchPagesExportsAndTokens() throws Exception {
        for (String path : List.of("/research", "/research/sessions/" + StubPlay.SESSION,
                "/research/sessions/" + StubPlay.SESSION + "/export.zip", "/research/moves.csv", "/research/tokens")) {
            mvc.perform(get(path).with(as("pete"))).andExpect(status().isForbidden())
                    .andExpect(content().string(containsString("Only research admins")));
        }
        mvc.perform(get("/games").with(as("pete"))).andExpect(content().string(not(containsString("/research\""))));
    }

    @Test
    void sessionDetailShowsPlaythroughsPlayersArtifactsAndTheVerifiedBadge() throws Exception {
        mvc.perform(get("/research/sessions/" + StubPlay.SESSION).with(as("rae"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Log verified")))
                .andExpect(content().string(containsString("p_5c0e91a2b7d4")))
                .andExpect(content().string(containsString("notes/draft.txt")))
                .andExpect(content().string(containsString("s-3f9c2a"))) // parent chain
                .andExpect(content().string(containsString("/playthroughs/pt-1/replay")));
        mvc.perform(get("/research/sessions/" + StubPlay.SESSION + "/artifacts/12").param("view", "true").with(as("rae")))
                .andExpect(status().isOk()).andExpect(content().string("abc"))
                .andExpect(header().string("Content-Type", containsString("text/plain")));
        mvc.perform(get("/research/sessions/nope").with(as("rae"))).andExpect(status().isNotFound())
                .andExpect(content().string(containsString("no session nope in the play logs")));
    }

    @Test
    void theReplayViewerShowsTheEventAndEveryRoleInSandboxedFramesAndAlarmsOnABrokenChain() throws Exception {
        String page = mvc.perform(get("/research/sessions/" + StubPlay.SESSION + "/playthroughs/pt-1/replay").param("i", "1")
                        .with(as("rae")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Log verified").contains("X took the centre.").contains("#4 · Place X at 4")
                .contains("sandbox=\"\"").contains("srcdoc=\"&lt;div class=&quot;board&quot;&gt;X&lt;/div&gt;\"")
                .contains("Event 2 of 9").contains("aria-keyshortcuts=\"ArrowLeft\"").doesNotContain("allow-scripts");

        PLAY.chainIntact.set(false);
        mvc.perform(get("/research/sessions/" + StubPlay.SESSION + "/playthroughs/pt-1/replay").with(as("rae")))
                .andExpect(content().string(containsString("Log tampered or damaged")))
                .andExpect(content().string(containsString("breaks at event <b>5</b>")));
        mvc.perform(get("/research/sessions/" + StubPlay.SESSION + "/playthroughs/pt-9/replay").with(as("rae")))
                .andExpect(status().isNotFound());
    }

    @Test
    void annotationsArePrivateUnlessSharedAndGoIntoExportsOnlyOnRequest() throws Exception {
        String id = StubPlay.SESSION;
        mvc.perform(post("/research/sessions/" + id + "/annotations").with(as("rae")).with(csrf())
                .param("body", "Rae's private hunch")).andExpect(flash().attribute("ok", containsString("only you")));
        mvc.perform(post("/research/sessions/" + id + "/annotations").with(as("rae")).with(csrf())
                .param("body", "Shared: opening at centre").param("shared", "true")
                .param("playthroughId", "pt-1").param("eventSeq", "5"));
        mvc.perform(post("/research/sessions/" + id + "/annotations").with(as("rae")).with(csrf()).param("body", "   "))
                .andExpect(flash().attribute("error", "An annotation needs some text."));
        mvc.perform(post("/research/sessions/" + id + "/annotations").with(as("rae")).with(csrf())
                .param("body", "x").param("eventSeq", "5")).andExpect(flash().attribute("error", containsString("name its play-through")));

        String mine = mvc.perform(get("/research/sessions/" + id).with(as("rae"))).andReturn().getResponse().getContentAsString();
        assertThat(mine).contains("Rae&#39;s private hunch").contains("Shared: opening at centre");
        String theirs = mvc.perform(get("/research/sessions/" + id).with(as("ria"))).andReturn().getResponse().getContentAsString();
        assertThat(theirs).doesNotContain("private hunch").contains("Shared: opening at centre");

        Map<String, String> plain = unzip(mvc.perform(get("/research/sessions/" + id + "/export.zip").with(as("rae")))
                .andReturn().getResponse().getContentAsByteArray());
        assertThat(plain).doesNotContainKey("annotations.json");
        Map<String, String> annotated = unzip(mvc.perform(get("/research/sessions/" + id + "/export.zip")
                .param("annotations", "true").with(as("rae"))).andReturn().getResponse().getContentAsByteArray());
        assertThat(annotated.get("annotations.json")).contains("private hunch").contains("\"eventSeq\" : 5");
    }

    @Test
    void exportsStreamPlaysLogsIntoJsonlCsvAndZip() throws Exception {
        String id = StubPlay.SESSION;
        mvc.perform(get("/research/sessions/" + id + "/playthroughs/pt-1/log.jsonl").with(as("rae")))
                .andExpect(status().isOk()).andExpect(content().string(StubPlay.JSONL))
                .andExpect(header().string("Content-Disposition", containsString("playthrough-pt-1.jsonl")));
        mvc.perform(get("/research/sessions/" + id + "/moves.csv").with(as("rae")))
                .andExpect(content().string(StubPlay.CSV_HEADER + StubPlay.CSV_ROW));

        Map<String, String> zip = unzip(mvc.perform(get("/research/sessions/" + id + "/export.zip").with(as("rae")))
                .andExpect(header().string("Content-Type", "application/zip")).andReturn().getResponse().getContentAsByteArray());
        assertThat(zip).containsOnlyKeys("session.json", "playthrough-1-pt-1.jsonl", "moves.csv", "artifacts/pt-1/notes/draft.txt.v2");
        assertThat(zip.get("playthrough-1-pt-1.jsonl")).isEqualTo(StubPlay.JSONL);
        assertThat(zip.get("artifacts/pt-1/notes/draft.txt.v2")).isEqualTo("abc");
        assertThat(zip.get("session.json")).contains("\"gameVersionHash\"");

        // The filtered set: one folder per session whose log play still has; the CSV has one header.
        Map<String, String> filtered = unzip(mvc.perform(get("/research/export.zip").param("game", "tic-tac-toe").with(as("rae")))
                .andReturn().getResponse().getContentAsByteArray());
        assertThat(filtered).containsKey(id + "/moves.csv").doesNotContainKey("s-other/session.json");
        String csv = mvc.perform(get("/research/moves.csv").with(as("rae"))).andReturn().getResponse().getContentAsString();
        assertThat(csv).isEqualTo(StubPlay.CSV_HEADER + StubPlay.CSV_ROW); // s-other is unknown to play: skipped
        mvc.perform(get("/research/export.zip").param("game", "no-such-game").with(as("rae")))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("nothing to export")));
    }

    @Test
    void apiTokensWorkUntilRevokedAndTheApiRefusesMissingAndWrongTokens() throws Exception {
        var created = mvc.perform(post("/research/tokens").with(as("rae")).with(csrf()).param("name", "lab notebook"))
                .andReturn().getFlashMap();
        String token = (String) created.get("newToken");
        assertThat(token).startsWith("wsz6_").hasSizeGreaterThan(40);
        // Shown once: the list shows only the first characters.
        String list = mvc.perform(get("/research/tokens").with(as("rae"))).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("lab notebook").contains(token.substring(0, 12)).doesNotContain(token);

        mvc.perform(get("/api/v1/sessions").param("game", "tic-tac-toe").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk()).andExpect(content().string(containsString("\"count\":1")))
                .andExpect(content().string(containsString(StubPlay.SESSION)));
        mvc.perform(get("/api/v1/sessions/" + StubPlay.SESSION).header("Authorization", "Bearer " + token))
                .andExpect(status().isOk()).andExpect(content().string(containsString("p_5c0e91a2b7d4")));
        mvc.perform(get("/api/v1/sessions/" + StubPlay.SESSION + "/moves.csv").header("Authorization", "Bearer " + token))
                .andExpect(content().string(StubPlay.CSV_HEADER + StubPlay.CSV_ROW));
        mvc.perform(get("/api/v1/playthroughs/pt-1/events").param("limit", "5000").header("Authorization", "Bearer " + token))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("limit must be")));
        mvc.perform(post("/api/v1/sessions").header("Authorization", "Bearer " + token))
                .andExpect(status().isMethodNotAllowed()).andExpect(content().string(containsString("read-only")));

        mvc.perform(get("/api/v1/sessions")).andExpect(status().isUnauthorized())
                .andExpect(content().string(containsString("Authorization: Bearer")));
        mvc.perform(get("/api/v1/sessions").header("Authorization", "Bearer wsz6_not-a-real-token"))
                .andExpect(status().isUnauthorized()).andExpect(content().string(containsString("not valid")));
        mvc.perform(get("/api/v1/sessions").with(as("rae"))).andExpect(status().isUnauthorized()); // no cookies on the API

        long tokenId = Long.parseLong(mvc.perform(get("/research/tokens").with(as("rae"))).andReturn().getResponse()
                .getContentAsString().replaceAll("(?s).*?/research/tokens/(\\d+)/revoke.*", "$1"));
        mvc.perform(post("/research/tokens/" + tokenId + "/revoke").with(as("rae")).with(csrf()))
                .andExpect(flash().attribute("ok", containsString("revoked")));
        mvc.perform(get("/api/v1/sessions").header("Authorization", "Bearer " + token))
                .andExpect(status().isUnauthorized()).andExpect(content().string(containsString("revoked")));
        mvc.perform(post("/research/tokens/" + tokenId + "/revoke").with(as("ria")).with(csrf()))
                .andExpect(flash().attribute("error", containsString("no active token")));
    }

    @Test
    void aPlayerCannotCreateTokensAndAnEmptyNameIsRefused() throws Exception {
        mvc.perform(post("/research/tokens").with(as("pete")).with(csrf()).param("name", "x")).andExpect(status().isForbidden());
        mvc.perform(post("/research/tokens").with(as("rae")).with(csrf()).param("name", " "))
                .andExpect(flash().attribute("error", containsString("Give the token a name")));
    }

    @Test
    void theOpenApiDocumentIsServedWithoutAToken() throws Exception {
        mvc.perform(get("/api/v1/openapi.json")).andExpect(status().isOk())
                .andExpect(content().string(containsString("\"openapi\": \"3.0.3\"")))
                .andExpect(content().string(containsString("/api/v1/playthroughs/{pt}/log.jsonl")));
    }

    static Map<String, String> unzip(byte[] bytes) throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
