package org.wsz6.play.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.wsz6.contract.v1.LaunchResponse;
import org.wsz6.play.testsupport.PlayClient;
import org.wsz6.play.testsupport.PlayServerTestBase;

/**
 * The rules of issue 3, item 4, one test each, over real WebSockets: every refusal is a clear
 * {@code error} and the session goes on (each test ends with a move or ping that still works).
 */
class ServerRulesTest extends PlayServerTestBase {

    /** Owner as X, Bob as O, game started. */
    private PlayClient[] ticTacToe(LaunchResponse launched) throws Exception {
        PlayClient olga = server.owner(launched);
        PlayClient bob = server.guest(launched, "Bob");
        olga.ack(olga.send("type", "take_role", "role", 0));
        bob.ack(bob.send("type", "take_role", "role", 1));
        olga.ack(olga.send("type", "start_game"));
        olga.stateAt(0);
        bob.stateAt(0);
        return new PlayClient[] {olga, bob};
    }

    @Test
    void onlyTheSeatHolderActsForASeatAndCredentialsNeverReachOthers() throws Exception {
        LaunchResponse launched = server.launch("TicTacToe");
        PlayClient[] p = ticTacToe(launched);
        PlayClient olga = p[0], bob = p[1];
        JsonNode refused = bob.error(bob.send("type", "apply_operator", "op_index", 4, "role", 0));
        assertThat(refused.path("code").asText()).isEqualTo("wrong_role");
        assertThat(refused.path("message").asText()).contains("do not hold");

        // No cookie, or the cookie of another session: no WebSocket at all.
        String ws = server.base().replace("http://", "ws://") + "/play/ws?session=" + olga.sessionId;
        assertThatThrownBy(() -> PlayClient.http().newWebSocketBuilder()
                .buildAsync(URI.create(ws), new WebSocket.Listener() { }).join())
                .isInstanceOf(CompletionException.class);
        LaunchResponse other = server.launch("TicTacToe");
        try (PlayClient stranger = PlayClient.viaLink(server.base(), other.ownerUrl())) {
            String foreignCookie = "wsz6_p_" + olga.sessionId + stranger.cookie.substring(stranger.cookie.indexOf('='));
            assertThatThrownBy(() -> PlayClient.http().newWebSocketBuilder().header("Cookie", foreignCookie)
                    .buildAsync(URI.create(ws), new WebSocket.Listener() { }).join())
                    .isInstanceOf(CompletionException.class);
        }
        // Seat credentials reach their holder only: nobody else's messages contain them.
        String olgaToken = olga.cookie.substring(olga.cookie.indexOf('=') + 1);
        String bobToken = bob.cookie.substring(bob.cookie.indexOf('=') + 1);
        assertThat(String.join("\n", bob.rawMessages())).doesNotContain(olgaToken).doesNotContain(bobToken);
        assertThat(String.join("\n", olga.rawMessages())).doesNotContain(bobToken).doesNotContain(olgaToken);
        olga.ack(olga.send("type", "apply_operator", "op_index", 4));
        olga.close();
        bob.close();
    }

    @Test
    void movesOutOfTurnAreRefused() throws Exception {
        PlayClient[] p = ticTacToe(server.launch("TicTacToe"));
        JsonNode refused = p[1].error(p[1].send("type", "apply_operator", "op_index", 4));
        assertThat(refused.path("code").asText()).isEqualTo("not_your_turn");
        assertThat(refused.path("message").asText()).isNotBlank();
        p[0].ack(p[0].send("type", "apply_operator", "op_index", 4));
        p[1].ack(p[1].send("type", "apply_operator", "op_index", 0));
        p[0].close();
        p[1].close();
    }

    @Test
    void anOperatorOfAnotherRoleIsRefused() throws Exception {
        LaunchResponse launched = server.launch("RockPaperScissors");
        PlayClient one = server.owner(launched);
        PlayClient two = server.guest(launched, "Tess");
        one.ack(one.send("type", "take_role", "role", 0));
        two.ack(two.send("type", "take_role", "role", 1));
        one.ack(one.send("type", "start_game"));
        one.stateAt(0);
        JsonNode refused = one.error(one.send("type", "apply_operator", "op_index", 3)); // Player 2's "rock"
        assertThat(refused.path("code").asText()).isEqualTo("wrong_role");
        one.ack(one.send("type", "apply_operator", "op_index", 0));
        one.close();
        two.close();
    }

    @Test
    void parameterCountTypeAndRangeAreChecked() throws Exception {
        LaunchResponse launched = server.launch("GuessMyAge", Map.of("max_age", 50), false, null);
        PlayClient olga = server.owner(launched);
        olga.ack(olga.send("type", "take_role", "role", 0));
        olga.ack(olga.send("type", "start_game"));
        JsonNode state = olga.stateAt(0);
        int guess = state.path("operators").get(0).path("index").asInt();
        assertThat(state.path("operators").get(0).path("params").get(0).path("max").asDouble()).isEqualTo(50.0);
        for (Object[] bad : new Object[][] {{}, {"abc"}, {0}, {51}, {10, 11}}) {
            JsonNode refused = olga.error(olga.send("type", "apply_operator", "op_index", guess, "args", bad));
            assertThat(refused.path("code").asText()).as("args %s", java.util.Arrays.toString(bad)).isEqualTo("bad_args");
            assertThat(refused.path("message").asText()).isNotBlank();
        }
        JsonNode notArray = olga.error(olga.send("type", "apply_operator", "op_index", guess, "args", "25"));
        assertThat(notArray.path("code").asText()).isEqualTo("bad_message");
        assertThat(olga.ack(olga.send("type", "apply_operator", "op_index", guess, "args", new Object[] {25}))
                .path("step").asInt()).isEqualTo(1);
        olga.close();
    }

    @Test
    void undoIsForTheOwnerOrTheLastMoverOnly() throws Exception {
        LaunchResponse launched = server.launch("TicTacToe");
        PlayClient[] p = ticTacToe(launched);
        PlayClient olga = p[0], bob = p[1];
        PlayClient carol = server.guest(launched, "Carol");
        olga.ack(olga.send("type", "apply_operator", "op_index", 4));
        JsonNode byBob = bob.error(bob.send("type", "request_undo"));
        assertThat(byBob.path("code").asText()).isEqualTo("cannot_undo");
        assertThat(byBob.path("message").asText()).contains("owner or the player who made the last move");
        bob.ack(bob.send("type", "apply_operator", "op_index", 0));
        assertThat(carol.error(carol.send("type", "request_undo")).path("code").asText()).isEqualTo("cannot_undo");
        assertThat(bob.ack(bob.send("type", "request_undo")).path("step").asInt()).isEqualTo(1);
        JsonNode afterUndo = olga.await("state_update", m -> m.path("step").asInt() == 1 && m.path("current_role").asInt() == 1);
        assertThat(afterUndo.path("can_undo").asBoolean()).isTrue(); // the owner may undo her own move
        assertThat(olga.ack(olga.send("type", "request_undo")).path("step").asInt()).isZero();
        assertThat(olga.error(olga.send("type", "request_undo")).path("message").asText()).contains("no move to undo");
        olga.ack(olga.send("type", "apply_operator", "op_index", 8));
        olga.close();
        bob.close();
        carol.close();
    }

    @Test
    void undoAcrossAParallelPhaseIsRefusedUnlessTheOperatorAllowsIt() throws Exception {
        LaunchResponse launched = server.launch("RockPaperScissors");
        PlayClient one = server.owner(launched);
        PlayClient two = server.guest(launched, "Tess");
        one.ack(one.send("type", "take_role", "role", 0));
        two.ack(two.send("type", "take_role", "role", 1));
        one.ack(one.send("type", "start_game"));
        // A secret choice (allow_undo) may be taken back by its maker...
        two.ack(two.send("type", "apply_operator", "op_index", 4));
        assertThat(two.ack(two.send("type", "request_undo")).path("step").asInt()).isZero();
        two.ack(two.send("type", "apply_operator", "op_index", 5));
        one.ack(one.send("type", "apply_operator", "op_index", 0));
        // ...but the reveal (no allow_undo) starts the next parallel round and cannot be undone.
        one.ack(one.send("type", "apply_operator", "op_index", 6));
        JsonNode refused = one.error(one.send("type", "request_undo"));
        assertThat(refused.path("code").asText()).isEqualTo("cannot_undo");
        assertThat(refused.path("message").asText()).contains("parallel");
        // Neither player ever received the other's choice.
        for (String raw : one.rawMessages().subList(0, one.rawMessages().size())) {
            if (raw.contains("\"step\":3")) {
                assertThat(raw).doesNotContain("scissors\",\"secret");
            }
        }
        one.ack(one.send("type", "apply_operator", "op_index", 1));
        one.close();
        two.close();
    }

    @Test
    void observersCannotMove() throws Exception {
        LaunchResponse launched = server.launch("TicTacToe");
        PlayClient[] p = ticTacToe(launched);
        PlayClient carol = server.guest(launched, "Carol");
        JsonNode state = carol.stateAt(0);
        assertThat(state.path("operators")).isEmpty();
        assertThat(state.path("perspective_role").asInt()).isEqualTo(2); // the game's Observer view
        JsonNode refused = carol.error(carol.send("type", "apply_operator", "op_index", 4));
        assertThat(refused.path("code").asText()).isEqualTo("observer");
        assertThat(carol.error(carol.send("type", "take_role", "role", 2)).path("code").asText()).isEqualTo("not_allowed");
        p[0].ack(p[0].send("type", "apply_operator", "op_index", 4));
        p[0].close();
        p[1].close();
        carol.close();
    }

    @Test
    void malformedUnknownIncompleteOversizeAndTooFastMessagesGetClearErrors() throws Exception {
        PlayClient[] p = ticTacToe(server.launch("TicTacToe"));
        PlayClient olga = p[0];
        olga.skipAll();
        olga.sendRaw("{not json");
        assertThat(olga.await("error").path("code").asText()).isEqualTo("bad_json");
        olga.skipAll();
        olga.sendRaw("[1,2]");
        assertThat(olga.await("error").path("code").asText()).isEqualTo("bad_json");
        assertThat(olga.error(olga.send("type", "fly_away")).path("code").asText()).isEqualTo("unknown_type");
        assertThat(olga.error(olga.send("kind", "apply_operator")).path("code").asText()).isEqualTo("bad_message");
        JsonNode missing = olga.error(olga.send("type", "apply_operator"));
        assertThat(missing.path("code").asText()).isEqualTo("bad_message");
        assertThat(missing.path("message").asText()).contains("op_index");
        assertThat(olga.error(olga.send("type", "apply_operator", "op_index", "four")).path("code").asText())
                .isEqualTo("bad_message");
        olga.skipAll();
        olga.sendRaw("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}");
        assertThat(olga.await("error").path("code").asText()).isEqualTo("too_large");
        assertThat(olga.ack(olga.send("type", "apply_operator", "op_index", 4)).path("step").asInt()).isEqualTo(1);

        // Faster than 20 a second (burst 40): refused with rate_limited, and the connection stays usable.
        olga.skipAll();
        for (int i = 0; i < 120; i++) {
            olga.sendRaw("{\"type\":\"ping\"}");
        }
        JsonNode limited = olga.await("error", m -> m.path("code").asText().equals("rate_limited"));
        assertThat(limited.path("message").asText()).contains("Too many messages");
        Thread.sleep(2500);
        olga.skipAll();
        String ref = olga.send("type", "ping");
        olga.await("pong");
        assertThat(olga.isClosed()).isFalse();
        assertThat(ref).isNotNull();
        p[1].ack(p[1].send("type", "apply_operator", "op_index", 0));
        p[0].close();
        p[1].close();
    }

    @Test
    void anExceptionInsideTheGameIsReportedAndTheGameGoesOn() throws Exception {
        LaunchResponse launched = server.launch("Faulty");
        PlayClient olga = server.owner(launched);
        olga.ack(olga.send("type", "take_role", "role", 0));
        olga.ack(olga.send("type", "start_game"));
        JsonNode refused = olga.error(olga.send("type", "apply_operator", "op_index", 1));
        assertThat(refused.path("code").asText()).isEqualTo("game_error");
        assertThat(refused.path("message").asText()).contains("Faulty_SZ6.py");
        assertThat(olga.ack(olga.send("type", "apply_operator", "op_index", 0)).path("step").asInt()).isEqualTo(1);
        olga.close();
    }

    @Test
    void startIsRefusedWithAReasonUntilTheMinimumIsMetAndOnlyTheOwnerStarts() throws Exception {
        LaunchResponse launched = server.launch("TicTacToe");
        PlayClient olga = server.owner(launched);
        PlayClient bob = server.guest(launched, "Bob");
        olga.ack(olga.send("type", "take_role", "role", 0));
        JsonNode lobby = olga.await("lobby_update", m -> m.path("participants").size() == 2 && !m.path("can_start").asBoolean()
                && m.path("participants").get(0).path("roles").size() == 1);
        assertThat(lobby.path("start_blocker").asText()).contains("at least 2 roles");
        JsonNode refused = olga.error(olga.send("type", "start_game"));
        assertThat(refused.path("code").asText()).isEqualTo("not_ready");
        assertThat(refused.path("message").asText()).contains("at least 2 roles").contains("1 is seated");
        bob.ack(bob.send("type", "take_role", "role", 1));
        assertThat(bob.error(bob.send("type", "start_game")).path("code").asText()).isEqualTo("not_allowed");
        assertThat(bob.error(bob.send("type", "take_role", "role", 0)).path("message").asText()).contains("taken");
        olga.ack(olga.send("type", "start_game"));
        olga.close();
        bob.close();
    }
}
