package org.wsz6.play.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.wsz6.contract.v1.LaunchResponse;
import org.wsz6.play.gdm.EventLog;
import org.wsz6.play.gdm.GdmTestDatabase;
import org.wsz6.play.testsupport.PlayClient;
import org.wsz6.play.testsupport.StandalonePlay;

/**
 * A server stops in the middle of a game and a new one starts on the same GDM: the players come
 * back with their cookies and continue from the last acknowledged move. Then pause and "continue
 * session": the exact state, the undo history, the secret and the seats carry over. On H2 and on
 * the real PostgreSQL (a schema of its own, dropped afterwards).
 */
class RestartRecoveryTest {

    @Test
    void h2() throws Exception {
        restartMidGameThenPauseAndContinue(Path.of("target/test-data/restart-" + UUID.randomUUID()));
    }

    @Test
    void postgres() throws Exception {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        try {
            restartMidGameThenPauseAndContinue(Path.of("target/test-data/restart-pg-" + UUID.randomUUID()),
                    "wsz6.gdm.url=" + GdmTestDatabase.PG_URL, "wsz6.gdm.username=postgres", "wsz6.gdm.password=",
                    "wsz6.gdm.schema=" + schema);
        } finally {
            GdmTestDatabase.dropSchema(schema);
        }
    }

    private void restartMidGameThenPauseAndContinue(Path data, String... props) throws Exception {
        String sessionId;
        PlayClient olga;
        PlayClient bob;
        LaunchResponse launched;
        try (StandalonePlay first = StandalonePlay.start(data, props)) {
            launched = first.server.launch("TicTacToe");
            olga = first.server.owner(launched);
            bob = first.server.guest(launched, "Bob");
            sessionId = launched.sessionId();
            olga.ack(olga.send("type", "take_role", "role", 0));
            bob.ack(bob.send("type", "take_role", "role", 1));
            olga.ack(olga.send("type", "start_game"));
            olga.ack(olga.send("type", "apply_operator", "op_index", 0));
            bob.ack(bob.send("type", "apply_operator", "op_index", 3));
            assertThat(olga.ack(olga.send("type", "apply_operator", "op_index", 1)).path("step").asInt()).isEqualTo(3);
            olga.abort();
            bob.abort();
        }

        try (StandalonePlay second = StandalonePlay.start(data, props)) {
            PlayClient olga2 = PlayClient.returning(second.server.base(), olga).connect();
            PlayClient bob2 = PlayClient.returning(second.server.base(), bob).connect();
            JsonNode state = bob2.stateAt(3);
            assertThat(state.path("step").asInt()).isEqualTo(3);
            assertThat(state.path("current_role").asInt()).isEqualTo(1);
            assertThat(state.path("text").asText()).contains("X | X");
            assertThat(state.path("operators")).hasSize(6);
            bob2.ack(bob2.send("type", "apply_operator", "op_index", 4));

            // Pause (checkpoint), then the server stops again.
            olga2.ack(olga2.send("type", "request_pause"));
            bob2.await("game_paused");
            assertThat(second.bean(SessionStore.class).countCheckpoints(sessionId)).isEqualTo(1);
            olga2.abort();
            bob2.abort();
        }

        try (StandalonePlay third = StandalonePlay.start(data, props)) {
            PlayClient olga3 = PlayClient.returning(third.server.base(), olga).connect();
            assertThat(olga3.messages().get(0).path("phase").asText()).isEqualTo("paused");
            olga3.close();
            // "Continue session": a new session, linked to its parent, with the exact state and history.
            LaunchResponse continued = third.server.launch("TicTacToe", Map.of(), false, sessionId);
            assertThat(continued.sessionId()).isNotEqualTo(sessionId);
            PlayClient owner = third.server.owner(continued);
            PlayClient bobAgain = third.server.guest(continued, "Bob");
            assertThat(bobAgain.messages().get(0).path("you").path("roles").get(0).asInt()).isEqualTo(1);
            assertThat(owner.messages().get(0).path("you").path("roles").get(0).asInt()).isEqualTo(0);
            JsonNode resumedState = owner.stateAt(4);
            assertThat(resumedState.path("phase").asText()).isEqualTo("paused");
            assertThat(resumedState.path("text").asText()).contains("X | X").contains("O | O");
            owner.ack(owner.send("type", "request_resume"));
            owner.await("game_resumed");
            // The undo history came along: undo goes back to step 3 (before Bob's last move).
            assertThat(owner.ack(owner.send("type", "request_undo")).path("step").asInt()).isEqualTo(3);
            JsonNode afterUndo = bobAgain.await("state_update", m -> m.path("step").asInt() == 3);
            assertThat(afterUndo.path("current_role").asInt()).isEqualTo(1);
            bobAgain.ack(bobAgain.send("type", "apply_operator", "op_index", 5));
            owner.ack(owner.send("type", "apply_operator", "op_index", 2));
            assertThat(bobAgain.await("goal_reached").path("winners").get(0).asText()).isEqualTo("X");
            // The parent is ended; both logs verify.
            assertThat(third.bean(SessionStore.class).session(sessionId).orElseThrow().endedAt()).isNotNull();
            assertThat(third.bean(SessionStore.class).session(continued.sessionId()).orElseThrow().info().parentSessionId())
                    .isEqualTo(sessionId);
            EventLog log = third.bean(EventLog.class);
            assertThat(log.verify(sessionId).intact()).isTrue();
            assertThat(log.verify(continued.sessionId()).intact()).isTrue();
            PlaythroughReplayer replayer = third.bean(PlaythroughReplayer.class);
            for (var pt : third.bean(SessionStore.class).playthroughs(continued.sessionId())) {
                assertThat(replayer.replay(pt.id()).mismatches()).isEmpty();
            }
            owner.close();
            bobAgain.close();
        }
    }

    @Test
    void aSessionThatCannotBeRestoredYetSaysSoAndRecoversOnceItCan() throws Exception {
        Path data = Path.of("target/test-data/restart-missing-" + UUID.randomUUID()).toAbsolutePath();
        Path game = data.resolve("games/TicTacToe");
        java.nio.file.Files.createDirectories(game);
        for (Path f : java.nio.file.Files.list(org.wsz6.play.testsupport.PlayServer.game("TicTacToe")).toList()) {
            java.nio.file.Files.copy(f, game.resolve(f.getFileName()));
        }
        PlayClient olga;
        try (StandalonePlay first = StandalonePlay.start(data)) {
            var request = new org.wsz6.contract.v1.LaunchRequest("ttt", "1", "TicTacToe", game.toString(),
                    org.wsz6.play.testsupport.PlayServer.OWNER, Map.of(), false, null, Map.of(), false);
            var response = first.server.post("/internal/v1/play/sessions/launch", request);
            LaunchResponse launched = PlayClient.JSON.readValue(response.body(), LaunchResponse.class);
            olga = first.server.owner(launched);
            olga.ack(olga.send("type", "take_role", "role", 0));
            olga.ack(olga.send("type", "seat_bot", "role", 1, "kind", "first"));
            olga.ack(olga.send("type", "start_game"));
            olga.ack(olga.send("type", "apply_operator", "op_index", 4));
            olga.stateAt(2);
            olga.abort();
        }
        Path moved = data.resolve("games/away");
        java.nio.file.Files.move(game, moved);
        try (StandalonePlay second = StandalonePlay.start(data)) {
            PlayClient back = PlayClient.returning(second.server.base(), olga);
            org.assertj.core.api.Assertions.assertThatThrownBy(back::connect).isInstanceOf(AssertionError.class);
            JsonNode error = back.messages().get(0);
            assertThat(error.path("code").asText()).isEqualTo("worker_unavailable");
            assertThat(error.path("message").asText()).contains("could not be restored");
            java.nio.file.Files.move(moved, game);
            PlayClient again = PlayClient.returning(second.server.base(), olga).connect();
            JsonNode state = again.stateAt(2);
            assertThat(state.path("step").asInt()).isEqualTo(2);
            again.ack(again.send("type", "apply_operator", "op_index", state.path("operators").get(0).path("index").asInt()));
            again.close();
        }
    }
}
