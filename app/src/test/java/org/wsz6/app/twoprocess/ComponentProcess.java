package org.wsz6.app.twoprocess;

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
import java.util.concurrent.TimeUnit;

/**
 * One portal component ({@code admin} or {@code play}) as its own OS process, started from the
 * packaged jar exactly as {@code ./wsz6 run admin} / {@code ./wsz6 run play} start it. The port is
 * chosen up front, so each side can be told where the other lives before either has started.
 */
final class ComponentProcess implements AutoCloseable {

    final String component;
    final int port;
    final Path dataDir;
    private Process process;

    ComponentProcess(String component, Path dataDir) {
        this.component = component;
        this.port = freePort();
        this.dataDir = dataDir.toAbsolutePath();
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("wsz6.root", "..")).toAbsolutePath().normalize();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    Path logFile() {
        return dataDir.resolve(component + ".log");
    }

    String log() {
        try {
            return Files.readString(logFile());
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    ComponentProcess start(String secret, String... settings) throws IOException {
        Path jar = repoRoot().resolve("app/target/wsz6-app.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Missing " + jar + ": this test runs after 'mvn package' (failsafe)");
        }
        Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-jar", jar.toString(),
                "--wsz6.components=" + component,
                "--server.port=" + port,
                "--wsz6.data-dir=" + dataDir,
                "--wsz6.root=" + repoRoot(),
                "--wsz6.python=" + System.getProperty("wsz6.python", "python3"),
                "--wsz6.internal.secret=" + secret));
        command.addAll(List.of(settings));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile())).start();
        return this;
    }

    void awaitHealthy(Duration limit) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(component + " exited during start-up:\n" + log());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("UP")) {
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
        throw new IllegalStateException(component + " did not become healthy within " + limit + ":\n" + log());
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
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

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
