package org.wsz6.play.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Redis pub/sub bus against the real Redis at 127.0.0.1:6379, with a channel prefix of its own. */
class RedisBusTest {

    private static final String REDIS = "redis://127.0.0.1:6379";

    @Test
    void messagesReachTheAddressedNodeInOrderAndASendToANodeNobodyListensOnIsReportedUndelivered() throws Exception {
        String prefix = "wsz6-test-" + UUID.randomUUID() + ":";
        try (RedisBus a = new RedisBus(REDIS, prefix); RedisBus b = new RedisBus(REDIS, prefix)) {
            List<BusMessage> atB = new ArrayList<>();
            CountDownLatch all = new CountDownLatch(100);
            b.listen("node-b", m -> {
                synchronized (atB) {
                    atB.add(m);
                }
                all.countDown();
            });
            List<BusMessage> atA = new ArrayList<>();
            a.listen("node-a", atA::add); // node a must not get node b's messages

            for (int i = 0; i < 100; i++) {
                boolean delivered = a.send("node-b", BusMessage.toProxy(BusMessage.Type.TO_CLIENT, "node-a", "socket-1",
                        "{\"n\":" + i + "}")).get(5, TimeUnit.SECONDS);
                assertThat(delivered).isTrue();
            }
            assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
            synchronized (atB) {
                assertThat(atB).extracting(BusMessage::body).containsExactly(
                        java.util.stream.IntStream.range(0, 100).mapToObj(i -> "{\"n\":" + i + "}").toArray(String[]::new));
                assertThat(atB.get(0).fromNode()).isEqualTo("node-a");
                assertThat(atB.get(0).connectionId()).isEqualTo("socket-1");
                assertThat(atB.get(0).type()).isEqualTo(BusMessage.Type.TO_CLIENT);
            }
            assertThat(atA).isEmpty();

            // A node that died (nobody subscribed to its channel): the sender learns it at once.
            assertThat(a.send("node-dead", BusMessage.toOwner(BusMessage.Type.CONNECT, "node-a", "s1", "socket-2", null))
                    .get(5, TimeUnit.SECONDS)).isFalse();
        }
    }

    @Test
    void aBusMessageSurvivesTheRoundTripThroughJson() {
        BusMessage m = new BusMessage(BusMessage.Type.CONNECT, "node-a", "s1", "c1", "p1", 2, "{\"x\":\"é\\n\"}", "r1");
        assertThat(BusMessage.decode(m.encode())).isEqualTo(m);
    }
}
