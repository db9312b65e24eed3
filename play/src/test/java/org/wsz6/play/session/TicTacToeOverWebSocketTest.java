package org.wsz6.play.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.wsz6.contract.v1.LaunchResponse;
import org.wsz6.play.gdm.EventLog;
import org.wsz6.play.testsupport.PlayClient;
import org.wsz6.play.testsupport.PlayServer;
import org.wsz6.play.testsupport.PlayTestApplication;

/** Two players in two "browsers" play Tic-Tac-Toe to a win over real WebSockets. */
@SpringBootTest(classes = PlayTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wsz6.components=play", "wsz6.data-dir=target/test-data/ttt-${random.uuid}",
                "wsz6.internal.secret=" + PlayServer.SECRET, "wsz6.internal.admin-url=http://127.0.0.1:9",
                "wsz6.bots.move-delay=20ms"})
class TicTacToeOverWebSocketTest {

    @LocalServerPort
    int port;

    @Autowired
    EventLog eventLog;

    @Test
    void twoPlayersPlayToAWinAndEachSeesOnlyTheirOwnView() throws Exception {
        PlayServer server = new PlayServer(port);
        LaunchResponse launched = server.launch("TicTacToe");
        try (PlayClient olga = server.owner(launched); PlayClient bob = server.guest(launched, "Bob")) {
            JsonNode welcome = olga.messages().get(0);
            assertThat(welcome.path("you").path("owner").asBoolean()).isTrue();
            assertThat(welcome.path("invite_url").asText()).isEqualTo(launched.inviteUrl());
            assertThat(bob.messages().get(0).path("invite_url").isNull()).isTrue();

            olga.ack(olga.send("type", "take_role", "role", 0));
            bob.ack(bob.send("type", "take_role", "role", 1));
            JsonNode lobby = bob.await("lobby_update", m -> m.path("can_start").asBoolean());
            assertThat(lobby.path("participants")).hasSize(2);

            olga.ack(olga.send("type", "start_game"));
            JsonNode first = olga.stateAt(0);
            assertThat(first.path("operators")).hasSize(9);
            assertThat(first.has("state_json")).isFalse();
            assertThat(bob.stateAt(0).path("operators")).isEmpty(); // not Bob's turn
            olga.await("role_cue", m -> m.path("role").asInt() == 0);

            int[] moves = {0, 3, 1, 4, 2}; // X wins on the top row
            for (int i = 0; i < moves.length; i++) {
                PlayClient mover = i % 2 == 0 ? olga : bob;
                JsonNode ack = mover.ack(mover.send("type", "apply_operator", "op_index", moves[i]));
                assertThat(ack.path("step").asInt()).isEqualTo(i + 1);
                olga.stateAt(i + 1);
                bob.stateAt(i + 1);
                bob.await("transition_msg", m -> m.path("step").asInt() >= 1);
            }
            JsonNode goal = bob.await("goal_reached");
            assertThat(goal.path("winners").get(0).asText()).isEqualTo("X");
            assertThat(goal.path("message").asText()).contains("X wins");

            // After the goal nothing moves.
            JsonNode refused = bob.error(bob.send("type", "apply_operator", "op_index", 8));
            assertThat(refused.path("code").asText()).isEqualTo("game_over");

            // No message to a browser ever carried raw state, snapshots or a participant token.
            for (String raw : bob.rawMessages()) {
                assertThat(raw).doesNotContain("state_json").doesNotContain("snapshot")
                        .doesNotContain(olga.cookie.substring(olga.cookie.indexOf('=') + 1));
            }
            assertThat(eventLog.verify(olga.sessionId).intact()).isTrue();
        }
    }
}
