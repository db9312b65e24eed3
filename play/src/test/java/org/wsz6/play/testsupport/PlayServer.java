package org.wsz6.play.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.wsz6.contract.v1.InternalApiV1;
import org.wsz6.contract.v1.LaunchRequest;
import org.wsz6.contract.v1.LaunchResponse;
import org.wsz6.contract.v1.UserRef;

/** Calls a running play server the way admin does (internal API with the shared secret). */
public final class PlayServer {

    public static final String SECRET = "test-internal-secret-0123456789";
    public static final UserRef OWNER = new UserRef(7, "olga", "Olga Owner", "REGULAR");

    private final String base;

    public PlayServer(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public String base() {
        return base;
    }

    public static Path repoRoot() {
        String root = System.getProperty("wsz6.root");
        return (root != null ? Path.of(root) : Path.of("..")).toAbsolutePath().normalize();
    }

    public static Path game(String name) {
        return repoRoot().resolve("games").resolve(name);
    }

    /** A test fixture game under play/src/test/resources/games/. */
    public static Path fixtureGame(String name) {
        try {
            return Path.of(PlayServer.class.getResource("/games/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public LaunchResponse launch(String game, Map<String, Object> options, boolean debug, String continueFrom) throws Exception {
        Path folder = java.nio.file.Files.isDirectory(game(game)) ? game(game) : fixtureGame(game);
        LaunchRequest request = new LaunchRequest(game.toLowerCase(), "1", game, folder.toString(), OWNER,
                options, debug, continueFrom, Map.of(), false);
        HttpResponse<String> r = post(debug ? InternalApiV1.PLAY_DEBUG_LAUNCH : InternalApiV1.PLAY_LAUNCH, request);
        assertThat(r.statusCode()).as("launch: %s", r.body()).isEqualTo(200);
        return PlayClient.JSON.readValue(r.body(), LaunchResponse.class);
    }

    public LaunchResponse launch(String game) throws Exception {
        return launch(game, Map.of(), false, null);
    }

    public HttpResponse<String> post(String path, Object body) throws Exception {
        return PlayClient.http().send(HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .header(InternalApiV1.SECRET_HEADER, SECRET)
                        .POST(HttpRequest.BodyPublishers.ofString(org.wsz6.contract.InternalHttpClient.JSON.writeValueAsString(body)))
                        .build(), HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode get(String path) throws Exception {
        HttpResponse<String> r = PlayClient.http().send(HttpRequest.newBuilder(URI.create(base + path))
                .header(InternalApiV1.SECRET_HEADER, SECRET).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return PlayClient.JSON.readTree(r.body());
    }

    public HttpResponse<String> page(String path, String cookie) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return PlayClient.http().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public PlayClient owner(LaunchResponse launched) throws Exception {
        return PlayClient.viaLink(base, launched.ownerUrl()).connect();
    }

    public PlayClient guest(LaunchResponse launched, String name) throws Exception {
        return PlayClient.join(base, launched.inviteUrl(), name).connect();
    }
}
