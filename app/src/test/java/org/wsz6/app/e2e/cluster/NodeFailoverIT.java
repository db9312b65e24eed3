package org.wsz6.app.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import org.wsz6.app.e2e.HeadlessChromium;
import org.wsz6.app.e2e.PlayerPage;
import org.wsz6.app.e2e.PortalProcess;
import org.wsz6.play.gdm.ChainVerdict;
import org.wsz6.play.gdm.EventLog;
import org.wsz6.play.gdm.LogEvent;

/**
 * Two packaged portal processes (play component each) on loopback share the real PostgreSQL (a
 * fresh GDM schema) and the real Redis (a fresh channel prefix). A Tic-Tac-Toe session is launched
 * on node A; X plays through A, O through B (B proxies O's socket to A over Redis). Mid-game A is
 * killed with SIGKILL: within 5 s B holds the session's lease, both players are back (X reconnects
 * to B) and see every acknowledged move, they play on to the goal, and the log's hash chain verifies
 * with B's node_takeover fence in it. A second test lets the real game page in headless Chromium
 * live through the same failover behind a balancer, reconnecting by its own script.
 */
class NodeFailoverIT {

    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final Pattern NODE_ID = Pattern.compile("cluster node (node-[0-9a-f]+)");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final String run = Long.toHexString(System.nanoTime());
    private final String schema = "failover_" + run;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String secret = "cluster-secret-" + run;
    private PortalProcess nodeA;
    private PortalProcess nodeB;
    private String idA;
    private String idB;

    private PortalProcess node(String name, String secret) {
        return PortalProcess.component("play", Path.of("target/e2e-data/cluster-" + run + "-" + name), secret,
                "--wsz6.gdm.url=" + PG + "?currentSchema=" + schema,
                "--wsz6.gdm.username=postgres",
                "--wsz6.gdm.schema=" + schema,
                "--wsz6.redis.url=redis://127.0.0.1:6379",
                "--wsz6.redis.channel-prefix=wsz6-it-" + run + ":",
                "--wsz6.internal.admin-url=http://127.0.0.1:9", // no admin in this test: notifications are only logged
                "--logging.level.org.wsz6.play.cluster=DEBUG");
    }

    @BeforeEach
    void startTwoNodes() throws Exception {
        try (Connection c = DriverManager.getConnection(PG, "postgres", "")) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
        nodeA = node("a", secret).launch();
        nodeB = node("b", secret).launch();
        nodeA.awaitHealthy(Duration.ofSeconds(180));
        nodeB.awaitHealthy(Duration.ofSeconds(180));
        idA = nodeId(nodeA);
        idB = nodeId(nodeB);
        assertThat(idA).isNotEqualTo(idB);
    }

    @AfterEach
    void stopNodesAndDropSchema() throws Exception {
        for (PortalProcess p : new PortalProcess[]{nodeA, nodeB}) {
            if (p != null) {
                p.close();
            }
        }
        try (Connection c = DriverManager.getConnection(PG, "postgres", "")) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void playersOnTwoNodesPlayTogetherAndTheGameSurvivesTheOwnerNodesSigkill() throws Exception {
        // Launched on A (A owns it); X is the owner (claims on A), O joins by the invite link on B.
        Map<String, String> launched = launch(nodeA);
        String sessionId = launched.get("sessionId");
        String xCookie = claim(nodeA, launched.get("ownerUrl"));
        String oCookie = join(nodeB, launched.get("inviteUrl"), "Olga");
        assertThat(leaseOwner(sessionId)).isEqualTo(idA);

        try (ClusterPlayer x = new ClusterPlayer("X", sessionId, xCookie, List.of(nodeA.baseUrl(), nodeB.baseUrl()));
             ClusterPlayer o = new ClusterPlayer("O", sessionId, oCookie, List.of(nodeB.baseUrl(), nodeA.baseUrl()))) {
            x.connect(Duration.ofSeconds(10));
            o.connect(Duration.ofSeconds(10));
            assertThat(x.connectedTo()).isEqualTo(nodeA.baseUrl());
            assertThat(o.connectedTo()).isEqualTo(nodeB.baseUrl()); // proxied to A over Redis

            x.command("take_role", "role", 0);
            o.command("take_role", "role", 1);
            x.command("start_game");
            o.awaitState(s -> s.path("step").asInt() == 0, Duration.ofSeconds(20));

            // Each acknowledged move is seen by the other player, across the two nodes.
            play(x, o, 4, 1, "....X....");
            play(o, x, 0, 2, "O...X....");
            play(x, o, 3, 3, "O..XX....");
            play(o, x, 1, 4, "OO.XX....");

            long killedAt = System.nanoTime();
            nodeA.kill(); // SIGKILL mid-game: no shutdown hook, no lease released

            long ownedAfter = awaitLeaseOwner(sessionId, idB, Duration.ofSeconds(10));
            // X held step 4 before the kill too: only a state after a fresh welcome shows X is back.
            JsonNode xBack = x.awaitState(s -> s.path("step").asInt() == 4 && x.welcomes() >= 2, Duration.ofSeconds(10));
            JsonNode oBack = o.awaitState(s -> s.path("step").asInt() == 4 && o.welcomes() >= 2, Duration.ofSeconds(10));
            long bothBackMs = (System.nanoTime() - killedAt) / 1_000_000;
            System.out.printf("failover: B owned the session %d ms after the kill; both players back after %d ms%n",
                    (ownedAfter - killedAt) / 1_000_000, bothBackMs);
            assertThat((ownedAfter - killedAt) / 1_000_000).as("ms until node B owns the session").isLessThanOrEqualTo(5000);
            assertThat(bothBackMs).as("ms until both players are back with the state").isLessThanOrEqualTo(5000);
            assertThat(x.connectedTo()).isEqualTo(nodeB.baseUrl());
            assertThat(ClusterPlayer.board(xBack)).isEqualTo("OO.XX....");
            assertThat(ClusterPlayer.board(oBack)).isEqualTo("OO.XX....");
            assertThat(x.welcomes()).isEqualTo(2);

            // They play on, on node B, to the goal.
            x.command("apply_operator", "op_index", 5);
            JsonNode xEnd = x.awaitState(s -> s.path("goal").asBoolean(), Duration.ofSeconds(20));
            JsonNode oEnd = o.awaitState(s -> s.path("goal").asBoolean(), Duration.ofSeconds(20));
            assertThat(ClusterPlayer.board(oEnd)).isEqualTo("OO.XXX...");
            assertThat(ClusterPlayer.board(xEnd)).isEqualTo("OO.XXX...");
            for (ClusterPlayer p : List.of(x, o)) {
                JsonNode goal = p.goal.get(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(goal.path("message").asText()).contains("X wins");
                assertThat(goal.path("winners").toString()).contains("X");
            }
        }

        // B's meters tell an operator what happened.
        String metrics = http.send(HttpRequest.newBuilder(URI.create(nodeB.baseUrl() + "/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern("wsz6_cluster_takeovers_total(\\{[^}]*\\})? 1\\.0")
                .containsPattern("wsz6_cluster_leases_held(\\{[^}]*\\})? 1\\.0")
                .containsPattern("wsz6_cluster_bus_received_total(\\{[^}]*\\})? [1-9]");

        // The log: every move once, B's fence after A's last write, and an unbroken chain.
        DriverManagerDataSource ds = new DriverManagerDataSource(PG + "?currentSchema=" + schema, "postgres", "");
        EventLog events = new EventLog(JdbcClient.create(ds), new TransactionTemplate(new DataSourceTransactionManager(ds)));
        ChainVerdict verdict = events.verify(sessionId);
        assertThat(verdict.intact()).as("chain: %s", verdict).isTrue();
        List<LogEvent> log = events.events(sessionId);
        assertThat(log.stream().filter(e -> e.type().equals("move")).count()).isEqualTo(5);
        LogEvent fence = log.stream().filter(e -> e.type().equals("node_takeover")).findFirst().orElseThrow();
        assertThat(fence.payload()).contains(idB).contains("\"epoch\":2");
        assertThat(log.stream().filter(e -> e.type().equals("move") && e.seq() < fence.seq()).count()).isEqualTo(4);
    }

    /**
     * The same failover as the game page lives it: X's browser reaches the nodes through one address
     * (a balancer that, like nginx, sends each new connection to the first node that answers). When
     * node A dies, the page's own script reconnects, lands on B and carries on, with nobody reloading.
     */
    @Test
    void theGamePageReconnectsByItselfToTheSurvivingNodeAndPlaysOn() throws Exception {
        assumeTrue(HeadlessChromium.available(), "chromium and chromedriver are needed (see .ci/run)");
        Map<String, String> launched = launch(nodeA);
        String sessionId = launched.get("sessionId");
        try (LoopbackBalancer balancer = new LoopbackBalancer(List.of(nodeA.port(), nodeB.port()));
             PlayerPage x = new PlayerPage(balancer.baseUrl(), 1280, 900);
             ClusterPlayer o = new ClusterPlayer("O", sessionId, join(nodeB, launched.get("inviteUrl"), "Olga"),
                     List.of(nodeB.baseUrl(), nodeA.baseUrl()))) {
            x.open(launched.get("ownerUrl")); // through the balancer: node A
            x.waitFor(By.id("lobby"));
            o.connect(Duration.ofSeconds(10));
            x.clickTestId("take-role-0");
            o.command("take_role", "role", 1);
            x.click(By.id("start-game"));
            o.awaitState(s -> s.path("step").asInt() == 0, Duration.ofSeconds(20));

            x.clickTestId("op-4");
            o.awaitState(s -> s.path("step").asInt() == 1, Duration.ofSeconds(10));
            o.command("apply_operator", "op_index", 0);
            awaitFrame(x, 1, 2);
            x.clickTestId("op-3");
            o.awaitState(s -> s.path("step").asInt() == 3, Duration.ofSeconds(10));
            o.command("apply_operator", "op_index", 1);
            awaitFrame(x, 1, 4);

            long killedAt = System.nanoTime();
            nodeA.kill();
            awaitFrame(x, 2, 4); // a second welcome, then the state with every acknowledged move
            long backMs = (System.nanoTime() - killedAt) / 1_000_000;
            System.out.printf("failover (browser): the page was back with the state %d ms after the kill%n", backMs);
            assertThat(backMs).isLessThanOrEqualTo(5000);
            assertThat(leaseOwner(sessionId)).isEqualTo(idB);
            // O (proxied through B to A before) is back too before X moves: it must see the goal.
            o.awaitState(s -> s.path("step").asInt() == 4 && o.welcomes() >= 2, Duration.ofSeconds(10));

            x.waitUntilConnected();
            x.clickTestId("op-5");
            x.waitForText(By.id("goal-message"), "X wins");
            assertThat(o.goal.get(10, java.util.concurrent.TimeUnit.SECONDS).path("message").asText()).contains("X wins");
            x.screenshot("play-after-node-failover");
        }
    }

    /** Waits until the page has had its {@code welcomes}-th welcome and, after it, the state of {@code step}. */
    private static void awaitFrame(PlayerPage page, int welcomes, int step) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            int seen = 0;
            for (String frame : page.frames()) {
                if (frame.contains("\"type\":\"welcome\"")) {
                    seen++;
                } else if (seen == welcomes && frame.contains("\"type\":\"state_update\"") && frame.contains("\"step\":" + step + ",")) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the page did not get welcome #" + welcomes + " and then step " + step + ": " + page.frames());
    }

    private static void play(ClusterPlayer mover, ClusterPlayer other, int cell, int step, String board) throws Exception {
        JsonNode ack = mover.command("apply_operator", "op_index", cell);
        assertThat(ack.path("step").asInt()).isEqualTo(step);
        assertThat(ClusterPlayer.board(other.awaitState(s -> s.path("step").asInt() == step, Duration.ofSeconds(10))))
                .isEqualTo(board);
        assertThat(ClusterPlayer.board(mover.awaitState(s -> s.path("step").asInt() == step, Duration.ofSeconds(10))))
                .isEqualTo(board);
    }

    // --- the cluster's state in GDM -------------------------------------------------------------

    private String leaseOwner(String sessionId) throws Exception {
        try (Connection c = DriverManager.getConnection(PG + "?currentSchema=" + schema, "postgres", "");
             var st = c.prepareStatement("SELECT owner_node FROM session_leases WHERE session_id = ?")) {
            st.setString(1, sessionId);
            try (var rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Polls until {@code node} holds the lease; returns System.nanoTime() at that moment. */
    private long awaitLeaseOwner(String sessionId, String node, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (node.equals(leaseOwner(sessionId))) {
                return System.nanoTime();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("node " + node + " did not take the session over within " + limit + "; B's log:\n"
                + nodeB.log());
    }

    private static String nodeId(PortalProcess p) {
        Matcher m = NODE_ID.matcher(p.log());
        assertThat(m.find()).as("the node logs its id:\n%s", p.log()).isTrue();
        return m.group(1);
    }

    // --- HTTP: launch (internal API), claim the owner link, join by invite -----------------------

    private Map<String, String> launch(PortalProcess node) throws Exception {
        JsonNode j = node.launchTicTacToe(http, "Xavier");
        return Map.of("sessionId", j.path("sessionId").asText(), "ownerUrl", j.path("ownerUrl").asText(),
                "inviteUrl", j.path("inviteUrl").asText());
    }

    private String claim(PortalProcess node, String ownerUrl) throws Exception {
        return participantCookie(http.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + ownerUrl)).GET().build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    private String join(PortalProcess node, String inviteUrl, String name) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + inviteUrl)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        String form = "name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
        Matcher csrf = CSRF.matcher(page.body());
        if (csrf.find()) {
            form += "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        }
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(node.baseUrl() + inviteUrl))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().ifPresent(j -> post.header("Cookie", j));
        return participantCookie(http.send(post.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static String participantCookie(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("wsz6_p_"))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
    }
}
