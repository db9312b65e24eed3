package org.wsz6.play.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/** The per-connection send queue: in order, never blocking the sender, and a client that stalls is dropped. */
class WsConnectionTest {

    /** A socket whose writes block until released (a client that stopped reading). */
    static final class StalledSocket implements WebSocketSession {
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> sent = new CopyOnWriteArrayList<>();
        volatile CloseStatus closed;

        @Override public void sendMessage(WebSocketMessage<?> message) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sent.add(((TextMessage) message).getPayload());
        }
        @Override public void close(CloseStatus status) { closed = status; }
        @Override public void close() { closed = CloseStatus.NORMAL; }
        @Override public boolean isOpen() { return closed == null; }
        @Override public String getId() { return "stalled"; }
        @Override public URI getUri() { return null; }
        @Override public HttpHeaders getHandshakeHeaders() { return new HttpHeaders(); }
        @Override public Map<String, Object> getAttributes() { return new HashMap<>(); }
        @Override public Principal getPrincipal() { return null; }
        @Override public InetSocketAddress getLocalAddress() { return null; }
        @Override public InetSocketAddress getRemoteAddress() { return null; }
        @Override public String getAcceptedProtocol() { return null; }
        @Override public void setTextMessageSizeLimit(int limit) { }
        @Override public int getTextMessageSizeLimit() { return 0; }
        @Override public void setBinaryMessageSizeLimit(int limit) { }
        @Override public int getBinaryMessageSizeLimit() { return 0; }
        @Override public List<WebSocketExtension> getExtensions() { return List.of(); }
    }

    @Test
    void aStalledClientNeverBlocksTheSenderAndIsDroppedWhenTooFarBehind() throws Exception {
        StalledSocket socket = new StalledSocket();
        WsConnection connection = new WsConnection(socket);
        long t0 = System.nanoTime();
        for (int i = 0; i < WsConnection.MAX_QUEUED + 50; i++) {
            connection.send("{\"n\":" + i + "}");
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(1000);
        socket.release.countDown();
        long deadline = System.currentTimeMillis() + 5000;
        while (socket.closed == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(socket.closed).isNotNull();
        assertThat(socket.closed.getCode()).isEqualTo(CloseStatus.SESSION_NOT_RELIABLE.getCode());
    }

    @Test
    void messagesLeaveInTheOrderTheyWereQueued() throws Exception {
        StalledSocket socket = new StalledSocket();
        socket.release.countDown();
        WsConnection connection = new WsConnection(socket);
        for (int i = 0; i < 100; i++) {
            connection.send(Integer.toString(i));
        }
        connection.close("done");
        long deadline = System.currentTimeMillis() + 5000;
        while (socket.closed == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(socket.sent).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(socket.sent.get(i)).isEqualTo(Integer.toString(i));
        }
        assertThat(socket.closed.getCode()).isEqualTo(CloseStatus.NORMAL.getCode());
    }
}
