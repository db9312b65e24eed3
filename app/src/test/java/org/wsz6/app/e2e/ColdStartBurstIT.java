package org.wsz6.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A class arriving at once on a freshly started portal: hundreds of first requests that render pages
 * (sign-in, invite pages, owner links) while sessions are being launched. With requests served on
 * virtual threads this froze the packaged portal for good: a thread reading a template from the jar
 * held the jar's lock and was unmounted, while the threads loading classes, pinned to both carriers,
 * waited for that lock. Every request must be answered.
 */
class ColdStartBurstIT {

    private static final int SESSIONS = 80;
    private static final int CLIENTS = 200;

    @Test
    void aBurstOfFirstRequestsIsAnsweredInFull() throws Exception {
        try (PortalProcess portal = new PortalProcess(Path.of("target/e2e-data/burst-" + System.nanoTime()))) {
            portal.start();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int i = 0; i < SESSIONS; i++) {
                    work.add(clients.submit(() -> {
                        try {
                            JsonNode launched = portal.launchTicTacToe(http, "Teacher");
                            expect(http, portal, launched.path("inviteUrl").asText(), 200, failures);
                            expect(http, portal, launched.path("ownerUrl").asText(), 302, failures);
                        } catch (Exception e) {
                            failures.add("launch: " + e);
                        }
                    }));
                    work.add(clients.submit(() -> expect(http, portal, "/login", 200, failures)));
                    work.add(clients.submit(() -> expect(http, portal, "/account/reset", 200, failures)));
                }
                for (Future<?> f : work) {
                    f.get(90, TimeUnit.SECONDS);
                }
            } finally {
                clients.shutdownNow();
            }
            assertThat(failures).as("requests that failed or were not answered within 30 s").isEmpty();
        }
    }

    private static void expect(HttpClient http, PortalProcess portal, String path, int status, ConcurrentLinkedQueue<String> failures) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(portal.baseUrl() + path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != status) {
                failures.add("GET " + path + " answered " + r.statusCode() + " (expected " + status + ")");
            }
        } catch (Exception e) {
            failures.add("GET " + path + ": " + e);
        }
    }
}
