package org.wsz6.admin.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Set;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.wsz6.admin.accounts.Account;
import org.wsz6.admin.permissions.AccessLevel;
import org.wsz6.admin.permissions.AccountType;
import org.wsz6.admin.permissions.GameStatus;
import org.wsz6.admin.support.AdminIntegrationTest;
import org.wsz6.admin.support.PostgresUard;
import org.wsz6.admin.support.TestAccounts;
import org.wsz6.admin.support.TestGames;
import org.wsz6.contract.v1.InternalApiV1;

/**
 * Access levels decide what each account finds in the catalogue, on detail pages, when starting a
 * session and when play asks {@code access-check}; lifecycle changes are dated. On PostgreSQL.
 */
@AdminIntegrationTest
@PostgresUard
class CatalogueAccessTest {

    static final String SECRET = "test-secret-0123456789abcdef";

    @Autowired MockMvc mvc;
    @Autowired TestAccounts accounts;
    @Autowired TestGames testGames;
    @Autowired GameRepository games;

    Account owner;

    @BeforeEach
    void catalogue() {
        if (games.exists("pub")) {
            return;
        }
        owner = accounts.create("gus", AccountType.GAME_OWNER, AccessLevel.PUBLISHED, Set.of());
        testGames.add("pub", "Published Pong", GameStatus.PUBLISHED, null);
        testGames.add("bet", "Beta Battleship", GameStatus.BETA, null);
        testGames.add("dev", "Dev Draughts", GameStatus.DEV, owner.id());
        testGames.add("old", "Old Othello", GameStatus.DEPRECATED, null);
        accounts.create("pat", AccountType.PLAYER, AccessLevel.PUBLISHED, Set.of());
        accounts.create("bea", AccountType.SESSION_OWNER, AccessLevel.BETA, Set.of());
        accounts.create("cus", AccountType.SESSION_OWNER, AccessLevel.CUSTOM, Set.of("dev"));
    }

    @Test
    void theListShowsOnlyWhatTheAccessLevelReaches() throws Exception {
        page("pat", "/games").andExpect(content().string(Matchers.allOf(Matchers.containsString("Published Pong"),
                Matchers.containsString("Old Othello"), Matchers.not(Matchers.containsString("Beta Battleship")),
                Matchers.not(Matchers.containsString("Dev Draughts")))));
        page("bea", "/games").andExpect(content().string(Matchers.allOf(Matchers.containsString("Beta Battleship"),
                Matchers.not(Matchers.containsString("Dev Draughts")))));
        page("cus", "/games").andExpect(content().string(Matchers.allOf(Matchers.containsString("Dev Draughts"),
                Matchers.not(Matchers.containsString("Published Pong")))));
        // A game owner sees its own dev game beside what its level reaches.
        page("gus", "/games").andExpect(content().string(Matchers.allOf(Matchers.containsString("Dev Draughts"),
                Matchers.containsString("Published Pong"), Matchers.not(Matchers.containsString("Beta Battleship")))));
        page("admin", "/games?status=beta").andExpect(content().string(Matchers.allOf(
                Matchers.containsString("Beta Battleship"), Matchers.not(Matchers.containsString("Published Pong")))));
        page("admin", "/games?q=othello").andExpect(content().string(Matchers.allOf(
                Matchers.containsString("Old Othello"), Matchers.not(Matchers.containsString("Published Pong")))));
    }

    @Test
    void aDetailPageOutsideTheAccessLevelIsNotFound() throws Exception {
        mvc.perform(get("/games/bet").with(user("pat"))).andExpect(status().isNotFound())
                .andExpect(content().string(Matchers.containsString("no game &#39;bet&#39; that you can reach")));
        page("bea", "/games/bet").andExpect(content().string(Matchers.containsString("Plays X")));
    }

    @Test
    void sessionsAreStartedOnlyWhereAllowedAndNeverForDeprecatedGames() throws Exception {
        // A player may see the game but not start sessions; the page says why, the POST is refused.
        page("pat", "/games/pub").andExpect(content().string(Matchers.containsString("Only session owners start sessions.")));
        mvc.perform(post("/games/pub/sessions").with(user("pat")).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/games/old/sessions").with(user("admin")).with(csrf())).andExpect(status().isForbidden());
        // Allowed, but play is not running in this test: a clear message, no crash, nothing recorded.
        mvc.perform(post("/games/bet/sessions").with(user("bea")).with(csrf()))
                .andExpect(redirectedUrl("/games/bet"))
                .andExpect(flash().attribute("error", Matchers.containsString("play service is not reachable")));
        // Debug mode is for the game's owner and games admins.
        mvc.perform(post("/games/pub/debug").with(user("gus")).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/games/dev/debug").with(user("gus")).with(csrf()))
                .andExpect(flash().attribute("error", Matchers.containsString("not reachable")));
    }

    @Test
    void lifecycleChangesAreDatedAndOnlyForThoseAllowed() throws Exception {
        mvc.perform(post("/games/pub/status").param("status", "deprecated").with(user("gus")).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/games/dev/status").param("status", "beta").with(user("gus")).with(csrf()))
                .andExpect(redirectedUrl("/games/dev"));
        assertThat(games.find("dev").orElseThrow().status()).isEqualTo(GameStatus.BETA);
        assertThat(games.history("dev")).extracting(StatusChange::status).containsExactly(GameStatus.DEV, GameStatus.BETA);
        assertThat(games.history("dev").get(1).changedBy()).isEqualTo("Gus");
        mvc.perform(post("/games/dev/status").param("status", "dev").with(user("gus")).with(csrf()));
    }

    @Test
    void badInputGetsAClearMessageAndChangesNothing() throws Exception {
        mvc.perform(post("/games/pub/status").param("status", "finished").with(user("admin")).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(Matchers.containsString("Unknown game status &#39;finished&#39;")));
        assertThat(games.find("pub").orElseThrow().status()).isEqualTo(GameStatus.PUBLISHED);
    }

    @Test
    void accessCheckAnswersPlayForAccountsAndGuests() throws Exception {
        check("pat", "bet", "JOIN_SESSION").andExpect(jsonPath("$.allowed").value(false))
                .andExpect(jsonPath("$.reason").value(Matchers.containsString("published games only")));
        check("pat", "pub", "JOIN_SESSION").andExpect(jsonPath("$.allowed").value(true));
        check("cus", "dev", "TAKE_ROLE").andExpect(jsonPath("$.allowed").value(true));
        check("cus", "pub", "VIEW_GAME").andExpect(jsonPath("$.allowed").value(false));
        check(null, "bet", "JOIN_SESSION").andExpect(jsonPath("$.allowed").value(true));
        check("pat", "nope", "JOIN_SESSION").andExpect(jsonPath("$.allowed").value(false));
        mvc.perform(post(InternalApiV1.ADMIN_ACCESS_CHECK).header(InternalApiV1.SECRET_HEADER, SECRET)
                        .contentType("application/json").content("{\"username\":\"pat\",\"gameSlug\":\"pub\",\"action\":\"FLY\"}"))
                .andExpect(status().isBadRequest());
        // Without the shared secret play's question is not even read.
        mvc.perform(post(InternalApiV1.ADMIN_ACCESS_CHECK).header(InternalApiV1.SECRET_HEADER, "wrong-secret-0123456789")
                        .contentType("application/json").content("{}"))
                .andExpect(status().isForbidden());
    }

    private org.springframework.test.web.servlet.ResultActions page(String username, String url) throws Exception {
        return mvc.perform(get(url).with(user(username))).andExpect(status().isOk());
    }

    private org.springframework.test.web.servlet.ResultActions check(String username, String slug, String action) throws Exception {
        String body = "{\"username\":" + (username == null ? "null" : "\"" + username + "\"") + ",\"gameSlug\":\"" + slug
                + "\",\"action\":\"" + action + "\"}";
        return mvc.perform(post(InternalApiV1.ADMIN_ACCESS_CHECK).header(InternalApiV1.SECRET_HEADER, SECRET)
                .contentType("application/json").content(body)).andExpect(status().isOk());
    }
}
