package org.wsz6.play.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.wsz6.contract.v1.LaunchResponse;
import org.wsz6.play.gdm.EventLog;
import org.wsz6.play.testsupport.PlayClient;
import org.wsz6.play.testsupport.PlayServerTestBase;

/**
 * Runs after the other tests on the shared server and rebuilds every finished play-through they
 * recorded from its log alone, comparing each state exactly; also checks every session's hash chain.
 */
@Order(Integer.MAX_VALUE)
class ReplayEveryFinishedPlaythroughTest extends PlayServerTestBase {

    @Autowired
    PlaythroughReplayer replayer;

    @Autowired
    EventLog eventLog;

    @Autowired
    SessionStore store;

    @Test
    void everyFinishedPlaythroughReplaysExactlyFromItsLog() throws Exception {
        // At least one of each kind here, whatever ran before: hidden random state, a parallel phase, undo.
        playGuessMyAgeToTheEnd();
        playRockPaperScissorsWithUndo();

        List<String> finished = replayer.finishedPlaythroughs();
        assertThat(finished).hasSizeGreaterThanOrEqualTo(2);
        int replayed = 0;
        for (String id : finished) {
            String session = store.playthrough(id).orElseThrow().sessionId();
            if (!eventLog.verify(session).intact()) {
                // A test tampered with this log on purpose (the research chain alarm); replay must notice too.
                assertThat(replayer.replay(id).exact()).as("replay of tampered play-through %s", id).isFalse();
                continue;
            }
            PlaythroughReplayer.Replay replay = replayer.replay(id);
            assertThat(replay.mismatches()).as("play-through %s", id).isEmpty();
            assertThat(replay.stepsReplayed()).isGreaterThan(1);
            replayed++;
        }
        assertThat(replayed).isGreaterThanOrEqualTo(2);
    }

    private void playGuessMyAgeToTheEnd() throws Exception {
        LaunchResponse launched = server.launch("GuessMyAge");
        try (PlayClient olga = server.owner(launched)) {
            olga.ack(olga.send("type", "take_role", "role", 0));
            olga.ack(olga.send("type", "start_game"));
            int low = 1, high = (int) olga.stateAt(0).path("operators").get(0).path("params").get(0).path("max").asDouble();
            for (int step = 1; step < 40; step++) {
                int guess = (low + high) / 2;
                olga.ack(olga.send("type", "apply_operator", "op_index", 0, "args", new Object[] {guess}));
                var state = olga.stateAt(step);
                if (state.path("goal").asBoolean()) {
                    return;
                }
                String text = state.path("text").asText().toLowerCase();
                if (text.contains("older") || text.contains("higher") || text.contains("more")) {
                    low = guess + 1;
                } else {
                    high = guess - 1;
                }
                if (low > high) { // the text did not tell; scan instead
                    low = 1;
                    high = 200;
                }
            }
            olga.ack(olga.send("type", "end_game"));
        }
    }

    private void playRockPaperScissorsWithUndo() throws Exception {
        LaunchResponse launched = server.launch("RockPaperScissors", java.util.Map.of("wins_needed", 1), false, null);
        try (PlayClient one = server.owner(launched); PlayClient two = server.guest(launched, "Tess")) {
            one.ack(one.send("type", "take_role", "role", 0));
            two.ack(two.send("type", "take_role", "role", 1));
            one.ack(one.send("type", "start_game"));
            for (int round = 0; round < 6; round++) {
                one.ack(one.send("type", "apply_operator", "op_index", 0));          // rock
                two.ack(two.send("type", "apply_operator", "op_index", 3 + (round % 2 == 0 ? 0 : 2))); // rock, then scissors
                if (round == 0) {
                    two.ack(two.send("type", "request_undo"));
                    two.ack(two.send("type", "apply_operator", "op_index", 3));
                }
                var ack = one.ack(one.send("type", "apply_operator", "op_index", 6));
                var state = one.await("state_update", m -> m.path("step").asInt() == ack.path("step").asInt());
                if (state.path("goal").asBoolean()) {
                    return;
                }
            }
            one.ack(one.send("type", "end_game"));
        }
    }
}
