package org.wsz6.play.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.slf4j.MDC;
import org.wsz6.contract.v1.LaunchResponse;
import org.wsz6.play.session.SessionActor;
import org.wsz6.play.session.SessionRegistry;
import org.wsz6.play.testsupport.PlayClient;
import org.wsz6.play.testsupport.PlayServer;
import org.wsz6.play.testsupport.PlayTestApplication;

/** The metrics an operator watches move when people play: sessions, sockets, moves, latency. */
@SpringBootTest(classes = {PlayTestApplication.class, PlayMetricsTest.Meters.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wsz6.components=play", "wsz6.data-dir=target/test-data/metrics-${random.uuid}",
                "wsz6.internal.secret=" + PlayServer.SECRET, "wsz6.internal.admin-url=http://127.0.0.1:9"})
class PlayMetricsTest {

    /** The portal gets its registry from the actuator; play's tests have none, so this one stands in. */
    @TestConfiguration
    static class Meters {
        @Bean
        MeterRegistry meterRegistry() {
            return REGISTRY;
        }
    }

    static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

    @BeforeAll
    static void joinGlobalRegistry() {
        Metrics.addRegistry(REGISTRY); // as Spring Boot's actuator does with its registry
    }

    @AfterAll
    static void leaveGlobalRegistry() {
        Metrics.removeRegistry(REGISTRY);
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    SessionRegistry sessions;

    @Test
    void aPlayedGameMovesTheMetrics() throws Exception {
        double movesBefore = meters.get("wsz6.play.moves").counter().count();
        long timedBefore = meters.get("wsz6.play.move.latency").timer().count();
        double liveBefore = gauge("wsz6.play.sessions.live");

        PlayServer server = new PlayServer(port);
        LaunchResponse launched = server.launch("TicTacToe");
        assertThat(gauge("wsz6.play.sessions.live")).isEqualTo(liveBefore + 1);
        try (PlayClient olga = server.owner(launched); PlayClient bob = server.guest(launched, "Bob")) {
            assertThat(gauge("wsz6.play.websockets.open")).isGreaterThanOrEqualTo(2);
            olga.ack(olga.send("type", "take_role", "role", 0));
            bob.ack(bob.send("type", "take_role", "role", 1));
            olga.ack(olga.send("type", "start_game"));
            int[] moves = {0, 3, 1, 4, 2}; // X wins on the top row
            for (int i = 0; i < moves.length; i++) {
                PlayClient mover = i % 2 == 0 ? olga : bob;
                mover.ack(mover.send("type", "apply_operator", "op_index", moves[i]));
            }
            bob.await("goal_reached");
            // A refused move is not a move.
            bob.error(bob.send("type", "apply_operator", "op_index", 8));
        }
        assertThat(meters.get("wsz6.play.moves").counter().count()).isEqualTo(movesBefore + 5);
        var latency = meters.get("wsz6.play.move.latency").timer();
        assertThat(latency.count()).isEqualTo(timedBefore + 5);
        assertThat(latency.max(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
        assertThat(gauge("wsz6.play.actor.queued")).isGreaterThanOrEqualTo(0);
        assertThat(meters.find("wsz6.gamehost.worker.starts").functionCounter().count()).isGreaterThanOrEqualTo(1);
        assertThat(meters.find("wsz6.gamehost.worker.restarts").functionCounter()).isNotNull();
    }

    @Test
    void everyActorCommandLogsWithItsSessionId() throws Exception {
        LaunchResponse launched = new PlayServer(port).launch("TicTacToe");
        SessionActor actor = sessions.find(launched.sessionId()).orElseThrow();
        // What a log line written inside a session command carries (structured logs show MDC fields).
        assertThat(actor.ask(() -> MDC.get("session_id")).get(10, java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo(launched.sessionId());
        assertThat(MDC.get("session_id")).isNull(); // not leaked to the caller's thread
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }
}
