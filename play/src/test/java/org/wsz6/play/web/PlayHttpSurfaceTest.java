package org.wsz6.play.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.wsz6.contract.v1.GameInstalled;
import org.wsz6.contract.v1.GameRetired;
import org.wsz6.contract.v1.LaunchRequest;
import org.wsz6.play.testsupport.PlayClient;
import org.wsz6.play.testsupport.PlayServer;
import org.wsz6.play.testsupport.PlayServerTestBase;

/** The internal API, the pages' access rules, game assets, CSP, and the socket options. */
class PlayHttpSurfaceTest extends PlayServerTestBase {

    @Autowired
    ServletWebServerApplicationContext context;

    @Test
    void tcpNoDelayIsOnSoSmallMessagesAreNotHeldBack() {
        Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        assertThat(connector.getProperty("tcpNoDelay")).isEqualTo(true);
    }

    @Test
    void theInternalApiRefusesCallsWithoutTheSecretAndListsLiveSessions() throws Exception {
        var noSecret = PlayClient.http().send(HttpRequest.newBuilder(URI.create(server.base() + "/internal/v1/play/sessions/active"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noSecret.statusCode()).isEqualTo(403);
        var launched = server.launch("TicTacToe");
        try (PlayClient olga = server.owner(launched)) {
            olga.ack(olga.send("type", "take_role", "role", 0));
            JsonNode active = server.get("/internal/v1/play/sessions/active");
            JsonNode mine = null;
            for (JsonNode s : active.path("sessions")) {
                if (s.path("sessionId").asText().equals(launched.sessionId())) {
                    mine = s;
                }
            }
            assertThat(mine).isNotNull();
            assertThat(mine.path("state").asText()).isEqualTo("lobby");
            assertThat(mine.path("ownerName").asText()).isEqualTo("Olga Owner");
            assertThat(mine.path("seats").get(0).path("roleName").asText()).isEqualTo("X");
            olga.ack(olga.send("type", "end_session"));
            olga.await("game_ended");
        }
        JsonNode after = server.get("/internal/v1/play/sessions/active");
        assertThat(after.toString()).contains(launched.sessionId()); // recently ended stay listed, greyed by admin
        assertThat(PlayClient.join(server.base(), launched.inviteUrl(), "Late", 404)).isTrue();
    }

    @Test
    void aRetiredGameVersionStartsNoNewSessionAndAGameThatCannotLoadIsRefused() throws Exception {
        String folder = PlayServer.game("Counting").toString();
        assertThat(server.post("/internal/v1/play/games", new GameInstalled("counting-r", "2", "Counting", folder,
                "active", Map.of(), false)).statusCode()).isEqualTo(204);
        assertThat(server.post("/internal/v1/play/games/retired", new GameRetired("counting-r", "2")).statusCode()).isEqualTo(204);
        var refused = server.post("/internal/v1/play/sessions/launch", new LaunchRequest("counting-r", "2", "Counting",
                folder, PlayServer.OWNER, Map.of(), false, null, Map.of(), false));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("retired");
        var broken = server.post("/internal/v1/play/sessions/launch", new LaunchRequest("nope", "1", "Nope",
                "/nonexistent/game", PlayServer.OWNER, Map.of(), false, null, Map.of(), false));
        assertThat(broken.statusCode()).isBetween(400, 499);
    }

    @Test
    void pagesNeedTheCookieAndCarryAStrictContentSecurityPolicy() throws Exception {
        var launched = server.launch("TicTacToe");
        var join = server.page(launched.inviteUrl(), null);
        assertThat(join.statusCode()).isEqualTo(200);
        assertThat(join.body()).contains("TicTacToe").contains("Olga Owner");
        assertThat(join.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'").contains("frame-ancestors 'self'").doesNotContain("unsafe-eval");
        assertThat(server.page("/play/s/" + launched.sessionId(), null).statusCode()).isEqualTo(403);
        assertThat(server.page("/play/join/not-a-real-token-at-all-0000000", null).statusCode()).isEqualTo(404);
        // A name that is too long is refused with the form again; nothing is joined.
        assertThat(PlayClient.join(server.base(), launched.inviteUrl(), "x".repeat(41), 422)).isTrue();
        PlayClient olga = PlayClient.viaLink(server.base(), launched.ownerUrl());
        var page = server.page("/play/s/" + launched.sessionId() + "?role=1", olga.cookie);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/play/ws?session=" + launched.sessionId() + "&amp;role=1");
        // The owner link works once.
        assertThat(PlayClient.viaLinkFails(server.base(), launched.ownerUrl())).isTrue();
        // Coming back through the invite link with the cookie leads straight to the session.
        var again = server.page(launched.inviteUrl(), olga.cookie);
        assertThat(again.statusCode()).isEqualTo(302);
    }

    @Test
    void gameAssetsGoToParticipantsOnlyAndNeverPythonSourceOrFilesOutsideTheGame() throws Exception {
        var launched = server.launch("PondPicnic");
        PlayClient olga = PlayClient.viaLink(server.base(), launched.ownerUrl());
        String base = "/play/assets/" + launched.sessionId() + "/";
        var svg = server.page(base + "images/pond.svg", olga.cookie);
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/svg+xml");
        assertThat(svg.headers().firstValue("Content-Security-Policy").orElseThrow()).startsWith("sandbox");
        assertThat(server.page(base + "images/pond.svg", null).statusCode()).isEqualTo(403);
        assertThat(server.page(base + "PondPicnic_SZ6.py", olga.cookie).statusCode()).isEqualTo(404);
        assertThat(server.page(base + "pond_geometry.py", olga.cookie).statusCode()).isEqualTo(404);
        assertThat(server.page(base + "images/%2e%2e/PondPicnic_SZ6.py", olga.cookie).statusCode()).isIn(400, 404);
        assertThat(server.page(base + "../TicTacToe/TicTacToe_SZ6.py", olga.cookie).statusCode()).isIn(400, 403, 404);
        assertThat(server.page(base + "images/missing.png", olga.cookie).statusCode()).isEqualTo(404);
    }

    @Test
    void theBaseUrlCarriesAnAssetTokenThatLoadsAssetsWithoutACookieAndNothingElse() throws Exception {
        var launched = server.launch("PondPicnic");
        try (PlayClient olga = server.owner(launched)) {
            olga.ack(olga.send("type", "take_role", "role", 0));
            olga.ack(olga.send("type", "start_game"));
            String vis = olga.stateAt(0).path("vis_html").asText();
            Matcher img = Pattern.compile("src=\"([^\"]*)images/pond\\.svg\"").matcher(vis);
            assertThat(img.find()).as("the picture in the vis HTML: %s", vis).isTrue();
            String base = img.group(1);
            assertThat(base).matches("/play/assets/" + launched.sessionId() + "/[A-Za-z0-9_-]{43}/");

            // What a sandboxed vis frame does: no cookie at all.
            var svg = server.page(base + "images/pond.svg", null);
            assertThat(svg.statusCode()).isEqualTo(200);
            assertThat(svg.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/svg+xml");
            assertThat(svg.headers().firstValue("Content-Security-Policy").orElseThrow()).startsWith("sandbox");
            assertThat(svg.body()).contains("<svg");

            String wrong = "/play/assets/" + launched.sessionId() + "/" + "A".repeat(43) + "/";
            assertThat(server.page(wrong + "images/pond.svg", null).statusCode()).isEqualTo(403);
            var other = server.launch("PondPicnic");
            String otherSession = base.replace(launched.sessionId(), other.sessionId());
            assertThat(server.page(otherSession + "images/pond.svg", null).statusCode())
                    .as("a token opens its own session's folder only").isEqualTo(403);
            assertThat(server.page(base + "PondPicnic_SZ6.py", null).statusCode()).isEqualTo(404);
            assertThat(server.page(base + "images/%2e%2e/PondPicnic_SZ6.py", null).statusCode()).isIn(400, 404);
            assertThat(server.page(base + "../TicTacToe/TicTacToe_SZ6.py", null).statusCode()).isIn(400, 403, 404);
            assertThat(server.page(base + "..%2fPondPicnic_SZ6.py", null).statusCode()).isIn(400, 404);
            assertThat(server.page(base + ".hidden", null).statusCode()).isIn(400, 404);
        }
    }
}
