package org.wsz6.play.session;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.wsz6.contract.v1.LaunchResponse;
import org.wsz6.play.gdm.EventLog;
import org.wsz6.play.testsupport.PlayClient;
import org.wsz6.play.testsupport.StandalonePlay;

/**
 * The server is stopped while games are going on: moves still in flight, bots thinking, players
 * connected (their connections drop as the server stops, which would start reconnect timers).
 * Shutdown must be orderly: nothing reaches the game host or the database after they are closed,
 * no timer hits a stopped scheduler, so nothing is logged as an error, and every log chain is
 * intact when the next server starts on the same data.
 */
class OrderlyShutdownTest {

    @Test
    void stoppingMidGameLogsNoErrorAndLeavesEveryLogChainIntact() throws Exception {
        Path data = Path.of("target/test-data/shutdown-" + UUID.randomUUID());
        List<String> sessions = new ArrayList<>();
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

        try (StandalonePlay play = StandalonePlay.start(data)) {
            List<PlayClient> owners = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                LaunchResponse launched = play.server.launch("TicTacToe");
                sessions.add(launched.sessionId());
                PlayClient owner = play.server.owner(launched);
                PlayClient bob = play.server.guest(launched, "Bob");
                owner.ack(owner.send("type", "take_role", "role", 0));
                bob.ack(bob.send("type", "take_role", "role", 1));
                owner.ack(owner.send("type", "start_game"));
                owner.ack(owner.send("type", "apply_operator", "op_index", 0));
                bob.ack(bob.send("type", "apply_operator", "op_index", 3));
                owners.add(owner);
            }
            // A session where bots are about to move when the server stops.
            LaunchResponse withBot = play.server.launch("TicTacToe");
            sessions.add(withBot.sessionId());
            PlayClient olga = play.server.owner(withBot);
            olga.ack(olga.send("type", "take_role", "role", 0));
            olga.ack(olga.send("type", "seat_bot", "role", 1, "kind", "first"));
            olga.ack(olga.send("type", "start_game"));

            logged.start();
            root.addAppender(logged);
            // Each session is busy for a moment, as with a slow game step, so the moves sent now and the
            // disconnects the stopping server causes are still queued on the actors while it stops.
            SessionRegistry registry = play.bean(SessionRegistry.class);
            for (String id : sessions) {
                registry.find(id).orElseThrow().ask(() -> {
                    Thread.sleep(600);
                    return null;
                });
            }
            for (PlayClient owner : owners) {
                owner.send("type", "apply_operator", "op_index", 1);
            }
            olga.send("type", "apply_operator", "op_index", 4);
            Thread.sleep(150); // the server has read the moves and queued them
        }
        try {
            Thread.sleep(1000); // anything still running after the stop would log now
        } finally {
            root.detachAppender(logged);
        }

        List<String> problems = logged.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)
                        || e.getThrowableProxy() != null && e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : " / " + e.getThrowableProxy().getClassName()
                        + ": " + e.getThrowableProxy().getMessage()))
                .toList();
        assertThat(problems).as("errors logged while shutting down").isEmpty();

        try (StandalonePlay next = StandalonePlay.start(data)) {
            EventLog eventLog = next.bean(EventLog.class);
            for (String id : sessions) {
                assertThat(eventLog.verify(id).intact()).as("log chain of " + id).isTrue();
            }
            // The moves that reached the server before it stopped were played and logged, not lost.
            var gdm = next.context.getBean("gdmJdbc", org.springframework.jdbc.core.simple.JdbcClient.class);
            for (String id : sessions.subList(0, 3)) {
                assertThat(gdm.sql("SELECT COUNT(*) FROM events WHERE session_id = ? AND type = 'move'").param(id)
                        .query(Long.class).single()).as("moves of " + id).isEqualTo(3);
            }
            // The sessions were not ended by the shutdown: they are live again on the next server.
            SessionRegistry registry = next.bean(SessionRegistry.class);
            for (String id : sessions) {
                assertThat(registry.find(id)).as("session " + id + " recovered").isPresent();
            }
        }
    }
}
