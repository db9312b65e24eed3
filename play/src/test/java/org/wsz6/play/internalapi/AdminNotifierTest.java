package org.wsz6.play.internalapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wsz6.contract.InternalHttpClient;
import org.wsz6.contract.v1.HttpAdminApi;
import org.wsz6.contract.v1.InternalApiV1;
import org.wsz6.contract.v1.SessionStatus;
import org.wsz6.contract.v1.SessionSummary;

/**
 * Play's pushes to admin over the real HTTP client, against a local stand-in for admin's endpoints:
 * they never block the caller, statuses are coalesced, and a summary is retried until admin takes it.
 */
class AdminNotifierTest {

    static final long ROUND_MILLIS = 200;
    static final long CHANGE_MILLIS = 1_000;
    static final long PROGRESS_MILLIS = 4_000;
    static final long SUMMARY_MILLIS = 3_000;

    private HttpServer admin;
    private final List<String> statuses = new CopyOnWriteArrayList<>();
    private final List<String> summaries = new CopyOnWriteArrayList<>();
    private final AtomicInteger summaryRefusals = new AtomicInteger(2);
    private AdminNotifier notifier;

    private AdminNotifier start(long statusDelayMs) throws Exception {
        admin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        admin.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        admin.createContext(InternalApiV1.ADMIN_SESSION_STATUS, exchange -> {
            try {
                Thread.sleep(statusDelayMs);
            } catch (InterruptedException ignored) {
                return;
            }
            statuses.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        admin.createContext(InternalApiV1.ADMIN_SESSION_SUMMARIES, exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (summaryRefusals.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(503, -1); // admin restarting
            } else {
                summaries.add(body);
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        admin.start();
        String url = "http://127.0.0.1:" + admin.getAddress().getPort();
        notifier = new AdminNotifier(new HttpAdminApi(new InternalHttpClient(() -> url, "secret-secret-secret", Duration.ofSeconds(5))),
                ROUND_MILLIS, CHANGE_MILLIS, PROGRESS_MILLIS, SUMMARY_MILLIS);
        return notifier;
    }

    @AfterEach
    void stop() {
        notifier.stop();
        admin.stop(0);
    }

    private static SessionStatus status(int step) {
        return status("playing", step);
    }

    private static SessionStatus status(String state, int step) {
        return new SessionStatus("s1", "ttt", "1", "Tic-Tac-Toe", "Olga", state, List.of(), 0, step, false,
                Instant.now(), Instant.now());
    }

    private static SessionSummary summary(String status) {
        return new SessionSummary(1, "s1", null, "ttt", "1", null, Instant.now(), Instant.now(), status,
                false, List.of(), List.of());
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition within 10 s").isTrue();
    }

    @Test
    void movesAlonePushTheStepRarelyButAStateChangeGoesOutSoon() throws Exception {
        start(0);
        notifier.status(status(1));
        waitFor(() -> statuses.size() == 1);
        for (int step = 2; step <= 50; step++) { // a busy game: only the step count moves
            notifier.status(status(step));
            Thread.sleep(10);
        }
        Thread.sleep(2 * ROUND_MILLIS);
        assertThat(statuses).as("step-only changes are held back").hasSize(1);

        long t0 = System.nanoTime();
        notifier.status(status("paused", 50));
        waitFor(() -> statuses.size() == 2);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(CHANGE_MILLIS + 500));
        assertThat(statuses.get(1)).contains("\"state\":\"paused\"").contains("\"step\":50");
    }

    @Test
    void aSummaryHeldBackForPacingIsSentWhenThePortalStops() throws Exception {
        summaryRefusals.set(0);
        start(0);
        // Play-throughs end one after another while the session goes on (no end time): paced.
        notifier.summary("s1", false, () -> liveSummary(1));
        waitFor(() -> summaries.size() == 1);
        notifier.summary("s1", false, () -> liveSummary(2)); // within the pacing interval: held back
        Thread.sleep(2 * ROUND_MILLIS);
        assertThat(summaries).hasSize(1);

        notifier.stop();
        assertThat(summaries).hasSize(2);
        assertThat(summaries.get(1)).contains("\"status\":\"lobby 2\"");
    }

    private static SessionSummary liveSummary(int playthroughs) {
        return new SessionSummary(1, "s1", null, "ttt", "1", null, Instant.now(), null, "lobby " + playthroughs,
                false, List.of(), List.of());
    }

    @Test
    void summariesOfABusySessionAreCoalescedToTheLatest() throws Exception {
        summaryRefusals.set(0);
        start(0);
        notifier.summary(summary("paused"));
        waitFor(() -> summaries.size() == 1);
        AtomicInteger built = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            String status = i == 9 ? "ended" : "paused";
            notifier.summary("s1", false, () -> {
                built.incrementAndGet();
                return summary(status);
            });
        }
        waitFor(() -> summaries.size() >= 2);
        Thread.sleep(SUMMARY_MILLIS + 500);
        assertThat(summaries).hasSize(2);
        assertThat(summaries.get(1)).contains("\"status\":\"ended\"");
        assertThat(built.get()).as("only the summary sent is built (it reads GDM)").isEqualTo(1);

        // The session is closed: its last summary goes out at once, not after the pacing interval.
        long t0 = System.nanoTime();
        notifier.summary("s1", true, () -> summary("abandoned"));
        waitFor(() -> summaries.size() == 3);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(SUMMARY_MILLIS));
        assertThat(summaries.get(2)).contains("\"status\":\"abandoned\"");
    }

    @Test
    void statusesNeverBlockTheSessionAndOnlyTheLatestMatters() throws Exception {
        start(300); // a slow admin
        long t0 = System.nanoTime();
        for (int step = 1; step <= 200; step++) {
            notifier.status(status(step));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(200));
        long deadline = System.currentTimeMillis() + 10_000;
        while ((statuses.isEmpty() || !statuses.get(statuses.size() - 1).contains("\"step\":200"))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(statuses.get(statuses.size() - 1)).contains("\"step\":200");
        assertThat(statuses.size()).isLessThan(20);
    }

    @Test
    void aSummaryIsRetriedUntilAdminTakesIt() throws Exception {
        start(0);
        notifier.summary(new SessionSummary(1, "s1", null, "ttt", "1", null, Instant.now(), Instant.now(), "ended",
                false, List.of(), List.of()));
        long deadline = System.currentTimeMillis() + 10_000;
        while (summaries.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(summaries).hasSize(1);
        assertThat(summaries.get(0)).contains("\"sessionId\":\"s1\"").contains("\"schemaVersion\":1");
        assertThat(summaryRefusals.get()).isNegative(); // it was refused twice first
    }
}
