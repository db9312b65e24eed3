package org.wsz6.play.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.wsz6.play.cluster.ClusterRouter;
import org.wsz6.play.session.Messages;
import org.wsz6.play.session.SessionRegistry;

/**
 * {@code /play/ws}: raw JSON text frames (docs/protocol.md). Checks what can be checked without the
 * session — frame size, rate, JSON shape — and hands everything else to the session actor: the one on
 * this node, or, when another node owns the session, to that node through the {@link ClusterRouter}.
 */
public class PlayWebSocketHandler extends TextWebSocketHandler {

    /** Largest client message accepted; larger ones get {@code too_large}. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;
    /** The container's text buffer per connection (chars); longer messages come in parts. */
    public static final int FRAGMENT_CHARS = 8 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SessionRegistry sessions;
    private final ClusterRouter router;
    private final long perSecond;
    private final long burst;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();

    /** Where a socket's messages go: the local actor or the owner node. */
    private interface Target {
        void receive(JsonNode message, String raw);

        void disconnect();
    }

    private record Client(WsConnection connection, Target target, Bucket bucket, long[] lastRateError,
                          StringBuilder parts) {
    }

    public PlayWebSocketHandler(SessionRegistry sessions, ClusterRouter router, long perSecond, long burst) {
        this.sessions = sessions;
        this.router = router;
        this.perSecond = perSecond;
        this.burst = burst;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession ws) throws Exception {
        String sessionId = (String) ws.getAttributes().get(PlayHandshakeInterceptor.SESSION);
        String participantId = (String) ws.getAttributes().get(PlayHandshakeInterceptor.PARTICIPANT);
        Integer perspective = (Integer) ws.getAttributes().get(PlayHandshakeInterceptor.PERSPECTIVE);
        SessionRegistry.Route route = sessions.route(sessionId);
        if (route.local() == null && route.remoteNode() == null) {
            if (sessions.liveInCluster(sessionId)) {
                // Its owner died a moment ago and the takeover is under way: the page tries again.
                ws.close(CloseStatus.SERVICE_RESTARTED.withReason("session moving; reconnect"));
            } else {
                ws.close(CloseStatus.POLICY_VIOLATION.withReason("session ended"));
            }
            return;
        }
        Bucket bucket = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build();
        WsConnection connection = new WsConnection(ws);
        Target target;
        if (route.local() != null) {
            var actor = route.local();
            target = new Target() {
                public void receive(JsonNode message, String raw) {
                    actor.receive(connection, message);
                }

                public void disconnect() {
                    actor.disconnect(connection);
                }
            };
            clients.put(ws.getId(), new Client(connection, target, bucket, new long[1], new StringBuilder()));
            actor.connect(connection, participantId, perspective);
        } else {
            // Registered before the proxy opens: the owner's first answer may arrive at once.
            ClusterRouter.Proxy[] proxy = new ClusterRouter.Proxy[1];
            target = new Target() {
                public void receive(JsonNode message, String raw) {
                    if (proxy[0] != null) {
                        proxy[0].receive(raw);
                    }
                }

                public void disconnect() {
                    if (proxy[0] != null) {
                        proxy[0].disconnect();
                    }
                }
            };
            clients.put(ws.getId(), new Client(connection, target, bucket, new long[1], new StringBuilder()));
            proxy[0] = router.openProxy(sessionId, route.remoteNode(), participantId, perspective, connection);
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession ws, TextMessage message) {
        Client client = clients.get(ws.getId());
        if (client == null) {
            return;
        }
        // Parts of one message are joined; past the limit the rest is only counted, not kept.
        StringBuilder parts = client.parts();
        boolean tooLarge = parts.length() > MAX_MESSAGE_BYTES || parts.length() + message.getPayloadLength() > MAX_MESSAGE_BYTES;
        if (tooLarge) {
            parts.setLength(MAX_MESSAGE_BYTES + 1);
        } else {
            parts.append(message.getPayload());
        }
        if (!message.isLast()) {
            return;
        }
        String payload = parts.toString();
        parts.setLength(0);
        if (tooLarge || (payload.length() > MAX_MESSAGE_BYTES / 3
                && payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES)) {
            client.connection().send(Messages.error("too_large",
                    "Messages may be at most " + (MAX_MESSAGE_BYTES / 1024) + " KiB.", null));
            return;
        }
        if (!client.bucket().tryConsume(1)) {
            long now = System.currentTimeMillis();
            if (now - client.lastRateError()[0] > 1000) { // one notice per second, not one per dropped message
                client.lastRateError()[0] = now;
                client.connection().send(Messages.error("rate_limited",
                        "Too many messages; at most " + perSecond + " a second. That message was ignored.", null));
            }
            return;
        }
        JsonNode json;
        try {
            json = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            client.connection().send(Messages.error("bad_json", "That message is not valid JSON.", null));
            return;
        }
        if (json == null || !json.isObject()) {
            client.connection().send(Messages.error("bad_json", "A message must be a JSON object.", null));
            return;
        }
        client.target().receive(json, payload);
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    public void afterConnectionClosed(WebSocketSession ws, CloseStatus status) {
        Client client = clients.remove(ws.getId());
        if (client != null) {
            client.connection().stop();
            client.target().disconnect();
        }
    }

    @Override
    public void handleTransportError(WebSocketSession ws, Throwable exception) {
        // afterConnectionClosed follows and cleans up.
    }

    public int openConnections() {
        return clients.size();
    }
}
