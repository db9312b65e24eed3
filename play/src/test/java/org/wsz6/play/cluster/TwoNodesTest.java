package org.wsz6.play.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.wsz6.contract.v1.InternalApiV1;
import org.wsz6.contract.v1.LaunchResponse;
import org.wsz6.contract.v1.ObserverTokenRequest;
import org.wsz6.contract.v1.ObserverTokenResponse;
import org.wsz6.contract.v1.UserRef;
import org.wsz6.play.gdm.EventLog;
import org.wsz6.play.gdm.GdmTestDatabase;
import org.wsz6.play.gdm.LogEvent;
import org.wsz6.play.session.SessionRegistry;
import org.wsz6.play.testsupport.PlayClient;
import org.wsz6.play.testsupport.StandalonePlay;

/**
 * Two play nodes in one JVM sharing a PostgreSQL GDM schema and Redis (a channel prefix of their own).
 * Node A holds its lease for long (it renews only every minute), so the test can play a frozen
 * owner: B takes the session over while A still believes it owns it, and A's next write is refused
 * by the log's key instead of forking the chain.
 */
class TwoNodesTest {

    private static final String PG = GdmTestDatabase.PG_URL;

    private static String[] nodeProperties(String schema, String prefix, String ttl, String renewEvery) {
        return new String[]{
                "wsz6.gdm.url=" + PG, "wsz6.gdm.username=postgres", "wsz6.gdm.password=", "wsz6.gdm.schema=" + schema,
                "wsz6.redis.url=redis://127.0.0.1:6379", "wsz6.redis.channel-prefix=" + prefix,
                "wsz6.cluster.lease-ttl=" + ttl, "wsz6.cluster.renew-every=" + renewEvery};
    }

    @Test
    void playersOnEitherNodePlayOneSessionAndAFrozenOwnerIsFencedOffWhenAnotherNodeTakesOver() throws Exception {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        String prefix = "wsz6-test-" + UUID.randomUUID() + ":";
        Path data = Path.of("target/test-data/two-nodes-" + UUID.randomUUID());
        List<AutoCloseable> open = new ArrayList<>();
        try (StandalonePlay a = StandalonePlay.start(data.resolve("a"), nodeProperties(schema, prefix, "120s", "60s"));
             StandalonePlay b = StandalonePlay.start(data.resolve("b"), nodeProperties(schema, prefix, "1s", "250ms"))) {
            String nodeA = a.bean(SessionRegistry.class).nodeId();
            String nodeB = b.bean(SessionRegistry.class).nodeId();

            // Launched on A. X claims the owner link at B and O joins by B's invite page (both are
            // forwarded to A, the owner); X plays through B, O through A.
            LaunchResponse launched = a.server.launch("TicTacToe");
            PlayClient xLink = PlayClient.viaLink(b.server.base(), launched.ownerUrl());
            PlayClient oLink = PlayClient.join(b.server.base(), launched.inviteUrl(), "Gus");
            String sessionId = xLink.sessionId;
            PlayClient x = PlayClient.returning(b.server.base(), xLink).connect();
            PlayClient o = PlayClient.returning(a.server.base(), oLink).connect();
            open.add(x);
            open.add(o);
            assertThat(a.bean(ClusterRouter.class).remoteSockets()).isEqualTo(1);
            assertThat(b.bean(ClusterRouter.class).proxiedSockets()).isEqualTo(1);

            x.ack(x.send("type", "take_role", "role", 0));
            o.ack(o.send("type", "take_role", "role", 1));
            x.ack(x.send("type", "start_game"));
            assertThat(x.ack(x.send("type", "apply_operator", "op_index", 4)).path("step").asInt()).isEqualTo(1);
            assertThat(o.stateAt(1).path("text").asText()).contains("X");
            // Only X's own view crossed the bus to X: its perspective is role 0.
            assertThat(x.stateAt(1).path("perspective_role").asInt()).isEqualTo(0);

            // Admin's live list, asked at B, includes the session A runs; an admin observes through B.
            JsonNode active = b.server.get(InternalApiV1.PLAY_ACTIVE_SESSIONS);
            assertThat(active.toString()).contains(sessionId).contains("Gus");
            var token = b.server.post("/internal/v1/play/sessions/" + sessionId + "/observer-token",
                    new ObserverTokenRequest(new UserRef(1, "ada", "Ada Admin", "ADMIN"), false));
            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
            PlayClient ada = PlayClient.viaLink(b.server.base(),
                    PlayClient.JSON.readValue(token.body(), ObserverTokenResponse.class).url()).connect();
            open.add(ada);
            assertThat(ada.last("welcome").path("you").path("name").asText()).isEqualTo("Ada Admin (admin)");
            assertThat(ada.stateAt(1).path("step").asInt()).isEqualTo(1);

            // A freezes past its TTL (simulated: its lease is made to expire): B takes the session over.
            expireLease(schema, sessionId);
            waitFor(() -> nodeB.equals(leaseOwner(schema, sessionId)) && x.isClosed());
            assertThat(x.closeCode()).as("X's proxied socket is told to reconnect").isEqualTo(1012);

            // A wakes up and still thinks it owns the session: O's move there is not acknowledged;
            // A's write collides with B's node_takeover, so A hands the session over.
            o.skipAll();
            String lateMove = o.send("type", "apply_operator", "op_index", 0);
            waitFor(o::isClosed);
            assertThat(o.closeCode()).isEqualTo(1012);
            assertThat(o.messages().stream().filter(m -> lateMove.equals(m.path("ref").asText(null)))
                    .map(m -> m.path("type").asText())).doesNotContain("ack");
            assertThat(a.bean(SessionRegistry.class).find(sessionId)).isEmpty();

            // Both come back through B, see the same acknowledged state, and play on.
            PlayClient x2 = PlayClient.returning(b.server.base(), x).connectWhileSessionMoves();
            PlayClient o2 = PlayClient.returning(a.server.base(), o).connectWhileSessionMoves(); // A now proxies O to B
            open.add(x2);
            open.add(o2);
            assertThat(o2.stateAt(1).path("step").asInt()).isEqualTo(1);
            assertThat(o2.ack(o2.send("type", "apply_operator", "op_index", 0)).path("step").asInt()).isEqualTo(2);
            assertThat(x2.stateAt(2).path("text").asText()).contains("O").contains("X");

            // Continued from A while B runs it: B ends the parent (its players are told), A runs the child.
            LaunchResponse child = a.server.launch("TicTacToe", java.util.Map.of(), false, sessionId);
            assertThat(x2.await("game_ended").path("message").asText()).contains("continues");
            assertThat(leaseOwner(schema, sessionId)).isNull();
            assertThat(leaseOwner(schema, child.sessionId())).isEqualTo(nodeA);

            EventLog log = b.bean(EventLog.class);
            assertThat(log.verify(sessionId).intact()).isTrue();
            List<LogEvent> events = log.events(sessionId);
            assertThat(events.stream().filter(e -> e.type().equals("move")).count()).isEqualTo(2);
            List<LogEvent> fences = events.stream().filter(e -> e.type().equals("node_takeover")).toList();
            assertThat(fences).hasSize(1);
            assertThat(fences.get(0).payload()).contains(nodeB).contains("\"epoch\":2").doesNotContain(nodeA);
        } finally {
            closeAll(open, schema);
        }
    }

    @Test
    void aNodeThatCannotRenewItsLeasesStopsOwningItsSessionsAndAnotherNodeCarriesOn() throws Exception {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        String prefix = "wsz6-test-" + UUID.randomUUID() + ":";
        Path data = Path.of("target/test-data/two-nodes-fence-" + UUID.randomUUID());
        List<AutoCloseable> open = new ArrayList<>();
        try (StandalonePlay a = StandalonePlay.start(data.resolve("a"), nodeProperties(schema, prefix, "1s", "250ms"));
             StandalonePlay b = StandalonePlay.start(data.resolve("b"), nodeProperties(schema, prefix, "1s", "250ms"))) {
            LaunchResponse launched = a.server.launch("TicTacToe");
            PlayClient x = a.server.owner(launched);
            open.add(x);
            x.ack(x.send("type", "take_role", "role", 0));
            x.ack(x.send("type", "seat_bot", "role", 1, "kind", "first"));
            x.ack(x.send("type", "start_game"));
            assertThat(x.ack(x.send("type", "apply_operator", "op_index", 4)).path("step").asInt()).isEqualTo(1);
            x.stateAt(2); // the bot answered

            // Node A loses its database (simulated: its GDM pool is closed): it cannot renew, so after
            // the lease's TTL it stops owning the session and tells its player to reconnect.
            long cut = System.nanoTime();
            a.context.getBean("gdmDataSource", com.zaxxer.hikari.HikariDataSource.class).close();
            waitFor(x::isClosed);
            long fencedMs = (System.nanoTime() - cut) / 1_000_000;
            assertThat(x.closeCode()).isEqualTo(1012);
            assertThat(fencedMs).as("ms until A stopped owning the session").isBetween(700L, 5000L);
            assertThat(a.bean(SessionRegistry.class).find(launched.sessionId())).isEmpty();

            // B (which reaches the database) takes it over; the player carries on there.
            PlayClient x2 = PlayClient.returning(b.server.base(), x).connectWhileSessionMoves();
            open.add(x2);
            assertThat(x2.stateAt(2).path("step").asInt()).isEqualTo(2);
            assertThat(x2.ack(x2.send("type", "apply_operator", "op_index", 3)).path("step").asInt()).isEqualTo(3);
            assertThat(leaseOwner(schema, launched.sessionId())).isEqualTo(b.bean(SessionRegistry.class).nodeId());
            assertThat(b.bean(EventLog.class).verify(launched.sessionId()).intact()).isTrue();
        } finally {
            closeAll(open, schema);
        }
    }

    private static void expireLease(String schema, String sessionId) throws Exception {
        try (Connection c = DriverManager.getConnection(PG + "?currentSchema=" + schema, "postgres", "");
             var st = c.prepareStatement(
                     "UPDATE session_leases SET expires_at = CURRENT_TIMESTAMP - INTERVAL '1' SECOND WHERE session_id = ?")) {
            st.setString(1, sessionId);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
    }

    private static String leaseOwner(String schema, String sessionId) {
        try (Connection c = DriverManager.getConnection(PG + "?currentSchema=" + schema, "postgres", "");
             var st = c.prepareStatement("SELECT owner_node FROM session_leases WHERE session_id = ?")) {
            st.setString(1, sessionId);
            try (var rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 15 s");
            }
            Thread.sleep(50);
        }
    }

    /** Closes the test's clients and nodes (some already closed by the server) and drops the schema. */
    private static void closeAll(List<AutoCloseable> open, String schema) throws Exception {
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception ignored) {
                // already closed by the server
            }
        }
        GdmTestDatabase.dropSchema(schema);
    }
}
