package org.wsz6.admin.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.wsz6.admin.accounts.Account;
import org.wsz6.admin.catalogue.PlayNotifier;
import org.wsz6.admin.permissions.AccessLevel;
import org.wsz6.admin.permissions.AccountType;
import org.wsz6.admin.permissions.GameStatus;
import org.wsz6.admin.support.AdminIntegrationTest;
import org.wsz6.admin.support.FakePlay;
import org.wsz6.admin.support.TestAccounts;
import org.wsz6.admin.support.TestGames;
import org.wsz6.contract.InternalHttpClient;
import org.wsz6.contract.v1.InternalApiV1;
import org.wsz6.contract.v1.SessionStatus;
import org.wsz6.contract.v1.SessionSummary;
import org.wsz6.contract.v1.UserRef;

/**
 * Sessions end to end on admin's side of the contract: launching through play, status pushes into the
 * live panel, observing, summaries into "My sessions" and continuing a paused session, the timeline,
 * and game announcements. Play is a stand-in on a real HTTP port that checks the shared secret; it
 * lives as long as the test JVM, because the PostgreSQL variant of this class shares it.
 */
@AdminIntegrationTest
class SessionsThroughPlayTest {

    static final String SECRET = "test-secret-0123456789abcdef";
    static final FakePlay play;

    static {
        try {
            play = new FakePlay(SECRET);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void playUrl(DynamicPropertyRegistry registry) {
        registry.add("wsz6.internal.play-url", play::url);
    }

    @Autowired MockMvc mvc;
    @Autowired TestAccounts accounts;
    @Autowired TestGames games;
    @Autowired PlayNotifier notifier;

    @Test
    void aSessionOwnerStartsASessionWithOptionsAndIsSentToPlay() throws Exception {
        Account sam = accounts.create("sam", AccountType.SESSION_OWNER, AccessLevel.PUBLISHED, Set.of());
        games.add("chat", "Chat Game", GameStatus.PUBLISHED, null, "model");
        var result = mvc.perform(post("/games/chat/sessions").param("opt.model", "small").param("opt.evil", "x")
                .with(user("sam")).with(csrf())).andReturn();
        String redirect = result.getResponse().getRedirectedUrl();
        assertThat(redirect).startsWith("/play/owner/tok-");
        var launch = play.callsTo(InternalApiV1.PLAY_LAUNCH).getLast().body();
        assertThat(launch.get("gameSlug").asText()).isEqualTo("chat");
        assertThat(launch.get("gameFolder").asText()).isEqualTo("/srv/games/chat/1.0");
        assertThat(launch.get("owner").get("username").asText()).isEqualTo("sam");
        assertThat(launch.get("options").toString()).isEqualTo("{\"model\":\"small\"}"); // only the game's config keys
        assertThat(launch.get("debug").asBoolean()).isFalse();

        String sessionId = "s-" + redirect.substring(redirect.lastIndexOf('-') + 1);
        mvc.perform(get("/account/sessions").with(user("sam"))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Chat Game")));
        assertThat(sam.id()).isPositive();
        assertThat(sessionId).startsWith("s-");
    }

    @Test
    void statusPushesFeedTheLivePanelAndAdminsJoinAsObservers() throws Exception {
        games.add("live-game", "Live Game", GameStatus.PUBLISHED, null);
        accounts.create("rita", AccountType.RESEARCH_ADMIN);
        accounts.create("paul", AccountType.PLAYER);
        Instant start = Instant.now().minus(3, ChronoUnit.MINUTES);
        push(new SessionStatus("s-live", "live-game", "1.0", "Live Game", "Ada", "playing",
                List.of(new SessionStatus.Seat(0, "X", "Ada", false, true), new SessionStatus.Seat(1, "O", "Random bot", true, true)),
                1, 4, false, start, Instant.now()));
        mvc.perform(get("/admin/sessions/rows").with(user("admin"))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Live Game"),
                        Matchers.containsString("X: Ada"), Matchers.containsString("O: Random bot (bot)"),
                        Matchers.containsString("Join as observer"))));
        // An older push arriving late does not overwrite the newer state.
        push(new SessionStatus("s-live", "live-game", "1.0", "Live Game", "Ada", "lobby", List.of(), 0, 0, false,
                start, start));
        mvc.perform(get("/admin/sessions/rows").with(user("admin")))
                .andExpect(content().string(Matchers.containsString("playing")));

        mvc.perform(post("/admin/sessions/s-live/observe").with(user("admin")).with(csrf()))
                .andExpect(redirectedUrl("/play/observe/watch-token"));
        assertThat(play.calls.getLast().body().get("mayTakeOver").asBoolean()).isTrue();
        mvc.perform(post("/admin/sessions/s-live/observe").with(user("rita")).with(csrf()))
                .andExpect(redirectedUrl("/play/observe/watch-token"));
        assertThat(play.calls.getLast().body().get("mayTakeOver").asBoolean()).isFalse();
        // The game's settings can forbid take-overs even for an admin who may take over elsewhere.
        mvc.perform(post("/games/live-game/settings").with(user("admin")).with(csrf()))
                .andExpect(flash().attribute("ok", Matchers.containsString("Settings saved")));
        mvc.perform(post("/admin/sessions/s-live/observe").with(user("admin")).with(csrf()))
                .andExpect(redirectedUrl("/play/observe/watch-token"));
        assertThat(play.calls.getLast().body().get("mayTakeOver").asBoolean()).isFalse();
        mvc.perform(post("/games/live-game/settings").param("adminsMayTakeOver", "true").with(user("admin")).with(csrf()));
        mvc.perform(post("/admin/sessions/s-live/observe").with(user("admin")).with(csrf()));
        assertThat(play.calls.getLast().body().get("mayTakeOver").asBoolean()).isTrue();
        mvc.perform(post("/admin/sessions/s-live/observe").with(user("paul")).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(get("/admin/sessions").with(user("paul"))).andExpect(status().isForbidden());
    }

    @Test
    void aPausedSessionIsContinuedByItsOwner() throws Exception {
        Account olive = accounts.create("olive", AccountType.SESSION_OWNER);
        Account pete = accounts.create("pete", AccountType.PLAYER);
        games.add("pausy", "Pausy", GameStatus.PUBLISHED, null);
        summary(new SessionSummary(1, "s-paused", null, "pausy", "1.0",
                new UserRef(olive.id(), "olive", "Olive", "SESSION_OWNER"), Instant.now().minusSeconds(600),
                Instant.now().minusSeconds(60), "paused", false,
                List.of(new SessionSummary.Participant("Pete", pete.id(), false, false, 0, "X")),
                List.of(new SessionSummary.PlaythroughSummary("pt-1", 1, Instant.now().minusSeconds(500), null, 3, false,
                        null, List.of(), false, 42))));
        mvc.perform(get("/account/sessions").with(user("olive")))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("paused"), Matchers.containsString("Continue"))));
        String redirect = mvc.perform(post("/account/sessions/s-paused/continue").with(user("olive")).with(csrf()))
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(redirect).startsWith("/play/owner/tok-");
        assertThat(play.callsTo(InternalApiV1.PLAY_LAUNCH).getLast().body().get("continueFromSessionId").asText())
                .isEqualTo("s-paused");
        // Someone else's paused session cannot be continued.
        mvc.perform(post("/account/sessions/s-paused/continue").with(user("admin")).with(csrf())).andExpect(status().isNotFound());
        // The user dashboard lists the session for owner and player.
        mvc.perform(get("/admin/users/" + pete.id()).with(user("admin")))
                .andExpect(content().string(Matchers.containsString("s-paused")));
        mvc.perform(get("/games/pausy").with(user("admin")))
                .andExpect(content().string(Matchers.containsString("play-throughs")));
    }

    @Test
    void theTimelineColoursGamesByPopularity() throws Exception {
        games.add("hot", "Hot Game", GameStatus.PUBLISHED, null);
        games.add("cool", "Cool Game", GameStatus.PUBLISHED, null);
        Instant now = Instant.now();
        for (int i = 0; i < 3; i++) {
            summary(new SessionSummary(1, "s-hot-" + i, null, "hot", "1.0", null, now.minusSeconds(7200 + i * 600L),
                    now.minusSeconds(3600 + i * 600L), "ended", false, List.of(), List.of()));
        }
        summary(new SessionSummary(1, "s-cool-1", null, "cool", "1.0", null, now.minusSeconds(9000), now.minusSeconds(8000),
                "ended", false, List.of(), List.of()));
        String page = mvc.perform(get("/admin/timeline?days=1").with(user("admin"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("#1 Hot Game (3)");
        assertThat(page).containsPattern("fill=\"#d7263d\"[^>]*data-tip=\"Hot Game");
        assertThat(page).containsPattern("fill=\"#f46036\"[^>]*data-tip=\"Cool Game");
    }

    @Test
    void gamesAreAnnouncedToPlayWithTheirStatus() throws Exception {
        games.add("announced", "Announced", GameStatus.BETA, null);
        notifier.retryPending();
        var sent = play.callsTo(InternalApiV1.PLAY_GAMES).stream()
                .filter(c -> c.body().get("slug").asText().equals("announced")).toList();
        assertThat(sent).isNotEmpty();
        assertThat(sent.getLast().body().get("status").asText()).isEqualTo("beta");
        assertThat(sent.getLast().body().get("folder").asText()).isEqualTo("/srv/games/announced/1.0");
    }

    private void push(SessionStatus status) throws Exception {
        mvc.perform(post(InternalApiV1.ADMIN_SESSION_STATUS).header(InternalApiV1.SECRET_HEADER, SECRET)
                        .contentType("application/json").content(InternalHttpClient.JSON.writeValueAsString(status)))
                .andExpect(status().isNoContent());
    }

    private void summary(SessionSummary summary) throws Exception {
        mvc.perform(post(InternalApiV1.ADMIN_SESSION_SUMMARIES).header(InternalApiV1.SECRET_HEADER, SECRET)
                        .contentType("application/json").content(InternalHttpClient.JSON.writeValueAsString(summary)))
                .andExpect(status().isNoContent());
    }
}
