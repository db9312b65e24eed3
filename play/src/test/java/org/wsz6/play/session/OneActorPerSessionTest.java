package org.wsz6.play.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.wsz6.contract.v1.LaunchResponse;
import org.wsz6.play.testsupport.PlayClient;
import org.wsz6.play.testsupport.PlayServerTestBase;

/**
 * The "stuck sessions under load" defect: the start-up recovery pass ran after the server was
 * already serving (on the application-ready event, behind a slow sample-game install), so the
 * sessions launched in between got a second actor. The second one replaced the first in the
 * registry while the first kept the players' WebSockets; both drove the same play-through, the
 * worker's state and the session's drifted apart and moves were refused with "it is X's turn".
 * Here the recovery pass runs while a game is being played, exactly as it did then.
 */
class OneActorPerSessionTest extends PlayServerTestBase {

    @Autowired
    SessionRegistry registry;

    @Test
    void aRecoveryPassWhileASessionIsPlayedLeavesItsActorAlone() throws Exception {
        LaunchResponse launched = server.launch("TicTacToe");
        try (PlayClient olga = server.owner(launched); PlayClient bob = server.guest(launched, "Bob")) {
            olga.ack(olga.send("type", "take_role", "role", 0));
            bob.ack(bob.send("type", "take_role", "role", 1));
            olga.ack(olga.send("type", "start_game"));
            olga.ack(olga.send("type", "apply_operator", "op_index", 0));
            SessionActor playing = registry.find(launched.sessionId()).orElseThrow();

            registry.recoverLiveSessions();
            SessionActor found = registry.find(launched.sessionId()).orElseThrow();
            found.ask(() -> null).get(20, TimeUnit.SECONDS); // whatever the pass queued on the session has run

            bob.ack(bob.send("type", "apply_operator", "op_index", 4));
            // A second tab of X sees the move just acknowledged and can answer it.
            try (PlayClient olgaAgain = PlayClient.returning(server.base(), olga).connect()) {
                JsonNode state = olgaAgain.await("state_update");
                assertThat(state.path("step").asInt()).isEqualTo(2);
                assertThat(state.path("current_role").asInt()).isEqualTo(0);
                olgaAgain.ack(olgaAgain.send("type", "apply_operator", "op_index", 1));
            }
            JsonNode afterwards = bob.stateAt(3);
            assertThat(afterwards.path("current_role").asInt()).isEqualTo(1);
            assertThat(afterwards.path("text").asText()).contains("X | X");
            assertThat(registry.find(launched.sessionId())).as("the actor serving the session").containsSame(playing);
        }
    }
}
