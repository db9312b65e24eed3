package org.wsz6.play.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.wsz6.contract.v1.LaunchResponse;
import org.wsz6.play.gamehost.ProcessGameHost;
import org.wsz6.play.gamehost.WorkerStatus;
import org.wsz6.play.gdm.GdmTestDatabase;
import org.wsz6.play.testsupport.PlayClient;
import org.wsz6.play.testsupport.StandalonePlay;

/**
 * An earlier portal kept about 176 KB per finished game. Here many sessions are played to a win and
 * ended over real WebSockets, and what the server still holds afterwards is measured: heap after a
 * full collection (GDM on the real PostgreSQL, so no embedded database cache grows in this JVM), the
 * live-session registry, the game host's play-throughs and the workers' resident memory.
 */
class FinishedGamesLeaveNothingBehindTest {

    private static final int WARM_UP = 100; // until bounded caches (Tomcat processors, JDBC statements) are full
    private static final int MEASURED = 150;
    /**
     * What a finished game may still hold: its entry in the admin panel's "recently ended" list (kept
     * an hour) and measuring noise; measured here 5–14 KB. The earlier portal's leak (176 KB a game)
     * is more than five times this limit.
     */
    private static final long HEAP_BYTES_PER_GAME_LIMIT = 32 * 1024;
    private static final long WORKER_KB_PER_GAME_LIMIT = 8;

    @Test
    void aFinishedGameLeavesAlmostNothingBehind() throws Exception {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        // Admin takes every status and summary at once, as in a healthy deployment.
        HttpServer admin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        admin.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        admin.start();
        try (StandalonePlay play = StandalonePlay.start(Path.of("target/test-data/leak-" + UUID.randomUUID()),
                "wsz6.internal.admin-url=http://127.0.0.1:" + admin.getAddress().getPort(),
                "wsz6.gdm.url=" + GdmTestDatabase.PG_URL, "wsz6.gdm.username=postgres", "wsz6.gdm.password=",
                "wsz6.gdm.schema=" + schema, "logging.level.org.wsz6=WARN")) {
            SessionRegistry registry = play.bean(SessionRegistry.class);
            ProcessGameHost host = play.bean(ProcessGameHost.class);

            playFinishedGames(play, WARM_UP);
            long heapBefore = retainedHeap();
            long workersBefore = workerRssKb(host);

            playFinishedGames(play, MEASURED);
            long heapAfter = retainedHeap();
            long workersAfter = workerRssKb(host);

            double heapPerGame = (heapAfter - heapBefore) / (double) MEASURED;
            double workerKbPerGame = (workersAfter - workersBefore) / (double) MEASURED;
            System.out.printf("finished games: heap %+.0f bytes/game, workers %+.2f KB/game (%d games; heap %d -> %d KB,"
                            + " workers %d -> %d KB)%n", heapPerGame, workerKbPerGame, MEASURED,
                    heapBefore / 1024, heapAfter / 1024, workersBefore, workersAfter);

            assertThat(registry.liveCount()).as("sessions still live").isZero();
            assertThat(host.playthroughCount()).as("play-throughs still open in the game host").isZero();
            assertThat(heapPerGame).as("heap kept per finished game (bytes)").isLessThan(HEAP_BYTES_PER_GAME_LIMIT);
            assertThat(workerKbPerGame).as("worker memory kept per finished game (KB)").isLessThan(WORKER_KB_PER_GAME_LIMIT);
        } finally {
            admin.stop(0);
            GdmTestDatabase.dropSchema(schema);
        }
    }

    /** Each game: owner and guest join, X wins on the top row, the owner ends the session, both leave. */
    private static void playFinishedGames(StandalonePlay play, int games) throws Exception {
        for (int g = 0; g < games; g++) {
            LaunchResponse launched = play.server.launch("TicTacToe");
            try (PlayClient olga = play.server.owner(launched); PlayClient bob = play.server.guest(launched, "Bob")) {
                olga.ack(olga.send("type", "take_role", "role", 0));
                bob.ack(bob.send("type", "take_role", "role", 1));
                olga.ack(olga.send("type", "start_game"));
                int[] moves = {0, 3, 1, 4, 2};
                for (int i = 0; i < moves.length; i++) {
                    PlayClient mover = i % 2 == 0 ? olga : bob;
                    mover.ack(mover.send("type", "apply_operator", "op_index", moves[i]));
                }
                bob.await("goal_reached");
                olga.ack(olga.send("type", "end_session"));
                bob.await("game_ended");
            }
        }
    }

    private static long retainedHeap() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) { // until a full collection frees nothing more
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static long workerRssKb(ProcessGameHost host) {
        return host.workers().stream().map(WorkerStatus::rssKb).filter(java.util.Objects::nonNull)
                .mapToLong(Long::longValue).sum();
    }
}
