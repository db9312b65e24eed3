package org.wsz6.play.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.wsz6.contract.v1.LaunchResponse;
import org.wsz6.play.gdm.EventLog;
import org.wsz6.play.testsupport.PlayClient;
import org.wsz6.play.testsupport.StandalonePlay;

/**
 * A portal running alone (embedded default, no Redis) cannot lose a session to another node, so a
 * lease renewal that stalls or fails for longer than the lease's lifetime (a busy embedded database
 * under load did exactly that in the 1,000-session load test) must not tear down live games: no
 * player is sent away, no takeover is logged, and the game goes on.
 */
class SingleNodeKeepsItsGamesWhenLeaseRenewalStallsTest {

    @Test
    void renewalBlockedLongerThanTheLeaseLeavesTheGameAlone() throws Exception {
        try (StandalonePlay play = StandalonePlay.start(Path.of("target/test-data/single-lease-" + UUID.randomUUID()),
                "wsz6.cluster.lease-ttl=1s", "wsz6.cluster.renew-every=250ms")) {
            LaunchResponse launched = play.server.launch("TicTacToe");
            try (PlayClient olga = play.server.owner(launched); PlayClient bob = play.server.guest(launched, "Bob")) {
                olga.ack(olga.send("type", "take_role", "role", 0));
                bob.ack(bob.send("type", "take_role", "role", 1));
                olga.ack(olga.send("type", "start_game"));
                olga.ack(olga.send("type", "apply_operator", "op_index", 4));

                // Another transaction holds every lease row for three lease lifetimes: renewals fail.
                HikariDataSource gdm = play.context.getBean("gdmDataSource", HikariDataSource.class);
                try (Connection blocker = gdm.getConnection()) {
                    blocker.setAutoCommit(false);
                    blocker.createStatement().executeQuery("SELECT * FROM session_leases FOR UPDATE").close();
                    Thread.sleep(3_000);
                    blocker.rollback();
                }
                Thread.sleep(1_000); // renewals work again

                assertThat(olga.isClosed()).as("owner's socket closed").isFalse();
                assertThat(bob.isClosed()).as("guest's socket closed").isFalse();
                assertThat(bob.ack(bob.send("type", "apply_operator", "op_index", 0)).path("step").asInt()).isEqualTo(2);
                olga.stateAt(2);
                EventLog log = play.bean(EventLog.class);
                assertThat(log.events(launched.sessionId())).noneMatch(e -> e.type().equals("node_takeover"));
                assertThat(log.verify(launched.sessionId()).intact()).isTrue();
            }
        }
    }
}
