package org.wsz6.play.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.wsz6.contract.v1.LaunchResponse;
import org.wsz6.contract.v1.ObserverTokenRequest;
import org.wsz6.contract.v1.ObserverTokenResponse;
import org.wsz6.contract.v1.UserRef;
import org.wsz6.play.gdm.EventLog;
import org.wsz6.play.testsupport.PlayClient;
import org.wsz6.play.testsupport.PlayServerTestBase;

/** Bots, parallel time limits, the reconnect window, debug mode and admin observers. */
class SessionFeaturesTest extends PlayServerTestBase {

    @Autowired
    EventLog eventLog;

    @Autowired
    SessionStore store;

    @Autowired
    SessionRegistry registry;

    @Test
    void aRandomBotAnswersEveryMoveOfItsRole() throws Exception {
        LaunchResponse launched = server.launch("TicTacToe");
        try (PlayClient olga = server.owner(launched)) {
            assertThat(olga.messages().get(0).path("bot_kinds").toString()).contains("random").contains("first")
                    .doesNotContain("llm"); // no language-model endpoint configured here
            olga.ack(olga.send("type", "take_role", "role", 0));
            JsonNode refused = olga.error(olga.send("type", "seat_bot", "role", 1, "kind", "genius"));
            assertThat(refused.path("message").asText()).contains("Unknown bot kind");
            olga.ack(olga.send("type", "seat_bot", "role", 1, "kind", "random"));
            JsonNode lobby = olga.await("lobby_update", m -> m.path("can_start").asBoolean());
            assertThat(lobby.path("participants").get(1).path("kind").asText()).isEqualTo("bot");
            olga.ack(olga.send("type", "start_game"));
            olga.ack(olga.send("type", "apply_operator", "op_index", 4));
            JsonNode afterBot = olga.await("state_update", m -> m.path("step").asInt() == 2);
            assertThat(afterBot.path("current_role").asInt()).isZero();
            assertThat(afterBot.path("roster").get(1).path("bot").asBoolean()).isTrue();
        }
    }

    @Test
    void aFirstOptionBotFillsParametersWithValidValues() throws Exception {
        LaunchResponse launched = server.launch("GuessMyAge", Map.of("max_age", 20), false, null);
        try (PlayClient olga = server.owner(launched)) {
            olga.ack(olga.send("type", "seat_bot", "role", 0, "kind", "first"));
            olga.ack(olga.send("type", "start_game"));
            // The bot's first guess may be right (the secret is random), which ends the game at step 1.
            JsonNode moved = olga.await("state_update", m -> m.path("step").asInt() >= 1);
            assertThat(moved.path("step").asInt()).isGreaterThanOrEqualTo(1);
            var move = eventLog.events(launched.sessionId()).stream().filter(e -> e.type().equals("move")).findFirst().orElseThrow();
            long guess = org.wsz6.play.gdm.CanonicalJson.read(move.payload()).path("args").get(0).asLong();
            assertThat(guess).isBetween(1L, 20L);
        }
    }

    @Test
    void whenTheParallelTimeLimitRunsOutTheFirstApplicableOperatorActsForTheSilentRole() throws Exception {
        LaunchResponse launched = server.launch("RockPaperScissors");
        try (PlayClient one = server.owner(launched); PlayClient two = server.guest(launched, "Tess")) {
            one.ack(one.send("type", "take_role", "role", 0));
            two.ack(two.send("type", "take_role", "role", 1));
            assertThat(two.error(two.send("type", "set_parallel_time_limit", "seconds", 1)).path("code").asText())
                    .isEqualTo("not_allowed");
            one.ack(one.send("type", "set_parallel_time_limit", "seconds", 1));
            one.ack(one.send("type", "start_game"));
            one.ack(one.send("type", "apply_operator", "op_index", 1)); // paper; Tess stays silent
            JsonNode resolved = two.await("state_update", m -> m.path("step").asInt() == 2);
            assertThat(resolved.path("parallel").asBoolean()).isFalse();
            assertThat(eventLog.events(launched.sessionId())).anyMatch(e -> e.type().equals("timeout"))
                    .anyMatch(e -> e.type().equals("timeout_move") && e.role() == 1);
        }
    }

    @Test
    void aPlayerWhoDoesNotComeBackWithinTheWindowPausesTheGameAndTheOwnerIsTold() throws Exception {
        LaunchResponse launched = server.launch("TicTacToe");
        PlayClient olga = server.owner(launched);
        PlayClient bob = server.guest(launched, "Bob");
        olga.ack(olga.send("type", "take_role", "role", 0));
        bob.ack(bob.send("type", "take_role", "role", 1));
        olga.ack(olga.send("type", "start_game"));
        olga.ack(olga.send("type", "apply_operator", "op_index", 4));

        // Back within the window: the current state, and the game goes on.
        bob.abort();
        olga.await("player_left");
        PlayClient bobBack = PlayClient.returning(server.base(), bob).connect();
        assertThat(bobBack.stateAt(1).path("operators")).hasSize(8);
        Thread.sleep(2500);
        assertThat(olga.last("game_paused")).isNull();

        // Gone for good: after the window the game pauses with a message naming him.
        bobBack.abort();
        JsonNode paused = olga.await("game_paused");
        assertThat(paused.path("reason").asText()).isEqualTo("disconnect");
        assertThat(paused.path("message").asText()).contains("Bob");
        assertThat(store.countCheckpoints(launched.sessionId())).isEqualTo(1);
        olga.ack(olga.send("type", "request_resume"));
        olga.close();
    }

    @Test
    void debugModeGivesTheAuthorEveryRoleAndBotsWhereAskedAndOldDebugLogsAreDeleted() throws Exception {
        LaunchResponse launched = server.launch("TicTacToe", Map.of("debug_bots", Map.of("1", "first")), true, null);
        PlayClient author = server.owner(launched);
        JsonNode you = author.messages().get(0).path("you");
        assertThat(you.path("can_switch_perspective").asBoolean()).isTrue();
        assertThat(author.await("lobby_update", m -> m.path("can_start").asBoolean()).path("participants")).hasSize(2);
        author.ack(author.send("type", "start_game"));
        author.ack(author.send("type", "apply_operator", "op_index", 0, "role", 0));
        author.await("state_update", m -> m.path("step").asInt() == 2); // the bot answered as O
        var page = server.page("/play/s/" + launched.sessionId() + "/debug", author.cookie);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("role=1&amp;embed=1");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
        author.close();

        // Without bots the author holds both seats and says which one moves.
        LaunchResponse solo = server.launch("TicTacToe", Map.of(), true, null);
        try (PlayClient both = server.owner(solo)) {
            assertThat(both.messages().get(0).path("you").path("roles")).hasSize(2);
            both.ack(both.send("type", "start_game"));
            // Without "role" a move is made for the role this connection is looking at (X here).
            both.ack(both.send("type", "apply_operator", "op_index", 4));
            JsonNode notX = both.error(both.send("type", "apply_operator", "op_index", 0, "role", 0));
            assertThat(notX.path("code").asText()).isEqualTo("not_your_turn");
            both.ack(both.send("type", "apply_operator", "op_index", 0, "role", 1));
            try (PlayClient asO = PlayClient.returning(server.base(), both).connect(1)) {
                JsonNode view = asO.stateAt(2);
                assertThat(view.path("perspective_role").asInt()).isEqualTo(1);
            }
        }

        LaunchResponse normal = server.launch("TicTacToe");
        int deleted = registry.deleteOldDebugSessions(Instant.now().plus(Duration.ofDays(8)));
        assertThat(deleted).isGreaterThanOrEqualTo(2);
        assertThat(store.session(launched.sessionId())).isEmpty();
        assertThat(eventLog.events(solo.sessionId())).isEmpty();
        assertThat(store.session(normal.sessionId())).isPresent();
    }

    @Test
    void anAdminObserverSwitchesPerspectiveAndTakesOverARole() throws Exception {
        LaunchResponse launched = server.launch("TicTacToe");
        PlayClient olga = server.owner(launched);
        PlayClient bob = server.guest(launched, "Bob");
        olga.ack(olga.send("type", "take_role", "role", 0));
        bob.ack(bob.send("type", "take_role", "role", 1));
        olga.ack(olga.send("type", "start_game"));
        olga.ack(olga.send("type", "apply_operator", "op_index", 4));

        var response = server.post("/internal/v1/play/sessions/" + launched.sessionId() + "/observer-token",
                new ObserverTokenRequest(new UserRef(1, "ada", "Ada Admin", "ADMIN"), true));
        assertThat(response.statusCode()).isEqualTo(200);
        String url = PlayClient.JSON.readValue(response.body(), ObserverTokenResponse.class).url();
        PlayClient ada = PlayClient.viaLink(server.base(), url).connect();
        assertThat(ada.messages().get(0).path("you").path("can_switch_perspective").asBoolean()).isTrue();
        assertThat(PlayClient.viaLinkFails(server.base(), url)).isTrue(); // one-time link

        // Bob may not look through X's eyes; the admin may, without being able to move for X.
        assertThat(bob.error(bob.send("type", "set_perspective", "role", 0)).path("code").asText()).isEqualTo("not_allowed");
        ada.ack(ada.send("type", "set_perspective", "role", 1));
        JsonNode asO = ada.await("state_update", m -> m.path("perspective_role").asInt() == 1);
        assertThat(asO.path("operators")).isEmpty();
        assertThat(ada.error(ada.send("type", "apply_operator", "op_index", 0)).path("code").asText()).isEqualTo("observer");

        ada.ack(ada.send("type", "take_role", "role", 1));
        assertThat(ada.ack(ada.send("type", "apply_operator", "op_index", 0)).path("step").asInt()).isEqualTo(2);
        assertThat(bob.error(bob.send("type", "apply_operator", "op_index", 1)).path("code").asText()).isEqualTo("observer");
        olga.close();
        bob.close();
        ada.close();
    }

    @Test
    void documentsTheGameWritesAreKeptAsVersionedArtifacts() throws Exception {
        LaunchResponse launched = server.launch("PoetryWorkshop");
        try (PlayClient poet = server.owner(launched); PlayClient editor = server.guest(launched, "Eddie")) {
            poet.ack(poet.send("type", "take_role", "role", 0));
            editor.ack(editor.send("type", "take_role", "role", 1));
            poet.ack(poet.send("type", "start_game"));
            JsonNode write = poet.stateAt(0).path("operators").get(0);
            assertThat(write.path("params").get(0).path("type").asText()).isEqualTo("file_edit");
            poet.ack(poet.send("type", "apply_operator", "op_index", write.path("index").asInt(),
                    "args", new Object[] {"Roses are red"}));
            JsonNode again = poet.stateAt(1).path("operators").get(0);
            assertThat(again.path("params").get(0).path("initial_text").asText()).isEqualTo("Roses are red"); // last draft
            poet.ack(poet.send("type", "apply_operator", "op_index", again.path("index").asInt(),
                    "args", new Object[] {"Roses are red,\nviolets are blue"}));
            String pt = store.playthroughs(launched.sessionId()).get(0).id();
            var artifacts = store.artifacts(pt);
            assertThat(artifacts).extracting(SessionStore.StoredArtifact::version).containsExactly(1, 2);
            assertThat(artifacts.get(1).size()).isGreaterThan(artifacts.get(0).size());
        }
    }

    @Test
    void sessionsNobodyUsesAreClosedSoMemoryStaysBounded() throws Exception {
        LaunchResponse idle = server.launch("TicTacToe");
        LaunchResponse busy = server.launch("TicTacToe");
        try (PlayClient someone = server.owner(busy)) {
            server.owner(idle).close();
            Thread.sleep(300);
            registry.closeIdleSessions(Duration.ofMillis(100));
            assertThat(registry.find(idle.sessionId())).isEmpty();
            assertThat(store.session(idle.sessionId()).orElseThrow().endedAt()).isNotNull();
            assertThat(registry.find(busy.sessionId())).isPresent(); // someone is connected
            someone.send("type", "ping");
            someone.await("pong");
        }
    }
}
