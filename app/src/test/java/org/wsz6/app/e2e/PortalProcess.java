package org.wsz6.app.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged portal ({@code app/target/wsz6-app.jar}) running as a separate OS process, the way
 * {@code ./wsz6 run} starts it (all in one, or one component as {@code ./wsz6 run admin|play} does).
 * End-to-end tests use it to kill the server for real (SIGKILL) and start it again on the same data
 * folder and port. The port is chosen up front, so two components can be told of each other before
 * either has started.
 */
public final class PortalProcess implements AutoCloseable {

    private final String components;
    private final Path dataDir;
    private final int port;
    private final String secret;
    private final List<String> extraArgs;
    private Process process;
    private int starts;

    public PortalProcess(Path dataDir, String... extraArgs) {
        this("admin,play", dataDir, "e2e-secret-" + Long.toHexString(System.nanoTime()), extraArgs);
    }

    private PortalProcess(String components, Path dataDir, String secret, String... extraArgs) {
        this.components = components;
        this.dataDir = dataDir.toAbsolutePath();
        this.port = freePort();
        this.secret = secret;
        this.extraArgs = new ArrayList<>(List.of(extraArgs));
    }

    /** One component ({@code admin} or {@code play}) alone, sharing {@code secret} with the other. */
    public static PortalProcess component(String component, Path dataDir, String secret, String... extraArgs) {
        return new PortalProcess(component, dataDir, secret, extraArgs);
    }

    /** The JVM's process id (to tell which node is which in logs). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public static Path repoRoot() {
        return Path.of(System.getProperty("wsz6.root", "..")).toAbsolutePath().normalize();
    }

    /** Starts the process and waits until it is healthy. */
    public PortalProcess start() {
        launch();
        awaitHealthy(Duration.ofSeconds(120));
        return this;
    }

    /** Starts the process without waiting; {@code moreArgs} are kept for later restarts too. */
    public PortalProcess launch(String... moreArgs) {
        extraArgs.addAll(List.of(moreArgs));
        Path jar = repoRoot().resolve("app/target/wsz6-app.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Missing " + jar + ": end-to-end tests run after 'mvn package' (failsafe)");
        }
        try {
            Files.createDirectories(dataDir);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-jar", jar.toString(),
                    "--wsz6.components=" + components,
                    "--server.port=" + port,
                    "--wsz6.data-dir=" + dataDir,
                    "--wsz6.root=" + repoRoot(),
                    "--wsz6.python=" + System.getProperty("wsz6.python", "python3"),
                    "--wsz6.internal.secret=" + secret));
            command.addAll(extraArgs);
            starts++;
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("portal-" + starts + ".log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the portal: " + e.getMessage(), e);
        }
        return this;
    }

    /** SIGKILL: no shutdown hooks, no flush — what a power cut or the OOM killer does. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * Launches a Tic-Tac-Toe session through play's internal API (as admin does) with this portal's
     * shared secret; returns the answer ({@code sessionId}, {@code ownerUrl}, {@code inviteUrl}).
     */
    public com.fasterxml.jackson.databind.JsonNode launchTicTacToe(HttpClient http, String ownerName) throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("gameSlug", "tictactoe");
        body.put("gameVersion", "1");
        body.put("gameTitle", "Tic-Tac-Toe");
        body.put("gameFolder", repoRoot().resolve("games/TicTacToe").toString());
        body.put("owner", java.util.Map.of("id", 1, "username", "owner", "displayName", ownerName, "accountType", "REGULAR"));
        body.put("options", java.util.Map.of());
        body.put("debug", false);
        body.put("gameEnv", java.util.Map.of());
        body.put("allowNetwork", false);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/internal/v1/play/sessions/launch"))
                .header("Content-Type", "application/json").header("X-WSZ6-Internal-Secret", secret)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("launch answered " + r.statusCode() + ": " + r.body());
        }
        return json.readTree(r.body());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String secret() {
        return secret;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String log() {
        try {
            return Files.readString(dataDir.resolve("portal-" + starts + ".log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public void awaitHealthy(Duration limit) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The portal exited during start-up:\n" + log());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                // Healthy and ready: the banner is printed when start-up work (the first admin's
                // password, printed just before it) is done; health alone answers UP a moment earlier.
                if (r.statusCode() == 200 && r.body().contains("UP") && log().contains("WSZ6 portal is running at")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException("The portal did not become healthy within " + limit + ":\n" + log());
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
