package org.wsz6.play.testsupport;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * WSZ6-play running alone on a random port with an embedded GDM (H2 file in target/), real Python
 * workers and admin unreachable (play must tolerate it). Test classes that extend this share one
 * server (Spring's context cache), which keeps the suite fast.
 */
@SpringBootTest(classes = PlayTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wsz6.components=play", "wsz6.data-dir=target/test-data/play-${random.uuid}",
                "wsz6.internal.secret=" + PlayServer.SECRET, "wsz6.internal.admin-url=http://127.0.0.1:9",
                "wsz6.bots.move-delay=20ms", "wsz6.play.rate-limit.per-second=20", "wsz6.play.rate-limit.burst=40",
                "wsz6.play.reconnect-window=2s"})
public abstract class PlayServerTestBase {

    @LocalServerPort
    protected int port;

    protected PlayServer server;

    @BeforeEach
    void server() {
        server = new PlayServer(port);
    }
}
