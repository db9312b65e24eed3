package org.wsz6.app.twoprocess;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.wsz6.app.e2e.PortalProcess;
import org.wsz6.contract.InternalHttpClient;
import org.wsz6.contract.v1.InternalApiV1;
import org.wsz6.contract.v1.LaunchRequest;
import org.wsz6.contract.v1.LaunchResponse;
import org.wsz6.contract.v1.UserRef;

/**
 * WSZ6-admin and WSZ6-play as two OS processes with separate data folders, each told the other's
 * URL ({@code wsz6.internal.play-url} / {@code admin-url}) and sharing only the internal secret.
 * A whole Tic-Tac-Toe session runs through them: launched over the internal API, played by two
 * JDK WebSocket clients, ended by the owner; its summary reaches admin (UARD), and admin's
 * research panel reads the verified log back from play's GDM across the process boundary.
 */
class TwoProcessSessionIT {

    static final String SECRET = "two-process-secret-" + Long.toHexString(System.nanoTime());

    @Test
    @Timeout(900)
    void aWholeSessionRunsThroughAdminAndPlayInSeparateProcesses() throws Exception {
        Path data = Path.of("target/twoprocess-" + System.nanoTime());
        try (PortalProcess play = PortalProcess.component("play", data.resolve("play"), SECRET);
             PortalProcess admin = PortalProcess.component("admin", data.resolve("admin"), SECRET)) {
            play.launch("--wsz6.internal.admin-url=" + admin.baseUrl());
            admin.launch("--wsz6.internal.play-url=" + play.baseUrl(), "--wsz6.install.sample-games=false");
            play.awaitHealthy(Duration.ofSeconds(360));
            admin.awaitHealthy(Duration.ofSeconds(360));

            // Each side refuses the other's calls without the shared secret.
            assertThat(get(play.baseUrl() + InternalApiV1.PLAY_ACTIVE_SESSIONS, null).statusCode()).isEqualTo(403);
            assertThat(get(play.baseUrl() + InternalApiV1.PLAY_ACTIVE_SESSIONS, SECRET).statusCode()).isEqualTo(200);

            LaunchResponse launched = launch(play, "TicTacToe");
            String sessionId = launched.sessionId();
            try (WsPlayer owner = WsPlayer.claim(play.baseUrl(), launched.ownerUrl()).connect();
                 WsPlayer guest = WsPlayer.join(play.baseUrl(), launched.inviteUrl(), "Bea").connect()) {
                owner.act("type", "take_role", "role", 0);
                guest.act("type", "take_role", "role", 1);
                owner.await("lobby_update", m -> m.path("can_start").asBoolean());
                owner.act("type", "start_game");
                int[] moves = {0, 3, 1, 4, 2}; // X wins on the top row
                for (int i = 0; i < moves.length; i++) {
                    int step = i;
                    WsPlayer mover = i % 2 == 0 ? owner : guest;
                    mover.await("state_update", m -> m.path("step").asInt() >= step);
                    mover.act("type", "apply_operator", "op_index", moves[i]);
                }
                JsonNode goal = guest.await("goal_reached", m -> true);
                assertThat(goal.path("message").asText()).contains("X wins");
                owner.act("type", "end_session");
            }

            // The summary reaches admin's UARD: the research dashboard (signed in as the first admin) lists it.
            HttpClient browser = signIn(admin);
            String dashboard = "";
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (System.nanoTime() < deadline && !dashboard.contains(sessionId)) {
                dashboard = page(browser, admin.baseUrl() + "/research?game=tictactoe");
                PortalProcess.sleep(500);
            }
            assertThat(dashboard).as("research dashboard of admin\n" + admin.log()).contains(sessionId);

            // Admin reads play's GDM over the internal API: verified chain, players, the replay and the log.
            String detail = page(browser, admin.baseUrl() + "/research/sessions/" + sessionId);
            assertThat(detail).contains("Log verified").contains("Bea").contains("X wins");
            String ptId = matcher("/playthroughs/([A-Za-z0-9_-]+)/replay", detail);
            String replay = page(browser, admin.baseUrl() + "/research/sessions/" + sessionId + "/playthroughs/" + ptId + "/replay?i=3");
            assertThat(replay).contains("What each role saw").contains("sandbox=\"\"");
            String jsonl = page(browser, admin.baseUrl() + "/research/sessions/" + sessionId + "/playthroughs/" + ptId + "/log.jsonl");
            assertThat(jsonl.lines().filter(l -> l.contains("\"event\":\"move\"")).count()).isEqualTo(5);

            if (org.wsz6.app.e2e.HeadlessChromium.available()) {
                ResearchBrowserTour.run(admin, matcher("password: (\\S+)", admin.log()), sessionId, ptId);
            }
        }
    }

    static LaunchResponse launch(PortalProcess play, String game) throws Exception {
        Path folder = PortalProcess.repoRoot().resolve("games").resolve(game);
        LaunchRequest request = new LaunchRequest(game.toLowerCase(), "1", game, folder.toString(),
                new UserRef(1, "admin", "Portal admin", "GENERAL_ADMIN"), Map.of(), false, null, Map.of(), false);
        HttpResponse<String> r = WsPlayer.HTTP.send(HttpRequest.newBuilder(URI.create(play.baseUrl() + InternalApiV1.PLAY_LAUNCH))
                .header("Content-Type", "application/json").header(InternalApiV1.SECRET_HEADER, SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(InternalHttpClient.JSON.writeValueAsString(request))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("launch: %s", r.body()).isEqualTo(200);
        return InternalHttpClient.JSON.readValue(r.body(), LaunchResponse.class);
    }

    /** Signs in as the first general admin, whose password admin printed once on its first start. */
    static HttpClient signIn(PortalProcess admin) throws Exception {
        String password = matcher("password: (\\S+)", admin.log());
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        String login = page(browser, admin.baseUrl() + "/login");
        String csrf = matcher("name=\"_csrf\" value=\"([^\"]+)\"", login);
        HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create(admin.baseUrl() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                        + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Location").orElse("")).as("login").doesNotContain("error");
        return browser;
    }

    static String page(HttpClient browser, String url) throws Exception {
        HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", url, r.body()).isEqualTo(200);
        return r.body();
    }

    static HttpResponse<String> get(String url, String secret) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (secret != null) {
            b.header(InternalApiV1.SECRET_HEADER, secret);
        }
        return WsPlayer.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String matcher(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new AssertionError("no match for " + regex + " in:\n" + text.substring(0, Math.min(3000, text.length())));
        }
        return m.group(1);
    }
}
