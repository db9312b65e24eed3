package org.wsz6.play.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.wsz6.contract.v1.SessionStatus;
import org.wsz6.play.gamehost.GameHostException;
import org.wsz6.play.session.ClientConnection;
import org.wsz6.play.session.Refusal;
import org.wsz6.play.session.SessionActor;
import org.wsz6.play.session.SessionRegistry;
import org.wsz6.play.lease.LeaseRepository;
import org.wsz6.play.lease.ClusterSettings;
import org.wsz6.play.lease.ClusterMeters;

/**
 * Connects players and HTTP actions on any node to the session's owner node over the
 * {@link ClusterBus}. Two roles, often on the same node for different sessions:
 * <ul>
 * <li><b>proxy</b> — a player's socket is open here but another node owns the session: the socket's
 *     messages go to the owner; what the owner sends to that connection is written to the socket.
 *     When the owner node dies or the session moves, the socket is closed with "reconnect".</li>
 * <li><b>owner</b> — remote sockets appear to the session's actor as {@link RemoteClientConnection}s,
 *     so views are still computed here, per connection and role; no other role's view crosses the bus.</li>
 * </ul>
 */
@Service
public class ClusterRouter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ClusterRouter.class);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final SessionRegistry sessions;
    private final LeaseRepository leases;
    private final ClusterBus bus;
    private final ClusterSettings settings;
    /** Owner side: sockets on other nodes, by proxy node and socket id. */
    private final Map<String, RemoteClientConnection> remoteClients = new ConcurrentHashMap<>();
    /** Proxy side: sockets here whose session another node owns, by socket id. */
    private final Map<String, Proxy> proxies = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<JsonNode>> pendingRequests = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watcher =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("cluster-proxies").factory());

    public ClusterRouter(SessionRegistry sessions, LeaseRepository leases, ClusterBus bus, ClusterSettings settings) {
        this.sessions = sessions;
        this.leases = leases;
        this.bus = bus;
        this.settings = settings;
        bus.listen(settings.nodeId(), this::onMessage);
        sessions.onAdoption(this::reconnectProxiesOf);
        sessions.onRemoteEnd(this::endForContinuation);
        long ms = settings.renewEvery().toMillis();
        watcher.scheduleWithFixedDelay(this::checkProxies, ms, ms, TimeUnit.MILLISECONDS);
    }

    // =============================================================================================
    // Proxy side
    // =============================================================================================

    /** A socket here for a session another node owns; its messages go to that node. */
    public final class Proxy {
        private final String sessionId;
        private final String ownerNode;
        private final ClientConnection socket;

        private Proxy(String sessionId, String ownerNode, ClientConnection socket) {
            this.sessionId = sessionId;
            this.ownerNode = ownerNode;
            this.socket = socket;
        }

        /** A client message already checked for size, rate and JSON shape. */
        public void receive(String json) {
            forward(BusMessage.toOwner(BusMessage.Type.CLIENT_MESSAGE, settings.nodeId(), sessionId, socket.id(), json));
        }

        /** The socket closed. */
        public void disconnect() {
            if (proxies.remove(socket.id(), this)) {
                bus.send(ownerNode, BusMessage.toOwner(BusMessage.Type.DISCONNECT, settings.nodeId(), sessionId, socket.id(), null));
            }
        }

        private void forward(BusMessage message) {
            bus.send(ownerNode, message).thenAccept(delivered -> {
                if (!delivered) {
                    ClusterMeters.busError();
                    reconnect(this, "the session's server is gone");
                }
            });
        }
    }

    /** Opens {@code socket} as a connection of {@code participantId} to the session on {@code ownerNode}. */
    public Proxy openProxy(String sessionId, String ownerNode, String participantId, Integer perspective,
                           ClientConnection socket) {
        Proxy proxy = new Proxy(sessionId, ownerNode, socket);
        proxies.put(socket.id(), proxy);
        proxy.forward(new BusMessage(BusMessage.Type.CONNECT, settings.nodeId(), sessionId, socket.id(), participantId,
                perspective, null, null));
        return proxy;
    }

    private void reconnect(Proxy proxy, String reason) {
        if (proxies.remove(proxy.socket.id(), proxy)) {
            proxy.socket.closeForReconnect(reason);
        }
    }

    /** This node now owns the session: its proxied sockets reconnect, and come back to the local actor. */
    private void reconnectProxiesOf(String sessionId) {
        for (Proxy p : List.copyOf(proxies.values())) {
            if (p.sessionId.equals(sessionId)) {
                reconnect(p, "session moved to this server");
            }
        }
    }

    /** Proxies whose owner's lease expired or moved reconnect (their owner may be dead and silent). */
    private void checkProxies() {
        try {
            Map<String, List<Proxy>> bySession = proxies.values().stream().collect(Collectors.groupingBy(p -> p.sessionId));
            for (var entry : bySession.entrySet()) {
                Optional<LeaseRepository.Lease> lease = leases.lease(entry.getKey());
                for (Proxy p : entry.getValue()) {
                    if (lease.isPresent() && (lease.get().expired() || !lease.get().ownerNode().equals(p.ownerNode))) {
                        reconnect(p, "the session's server changed");
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("proxy check failed: {}", e.toString());
        }
    }

    public int proxiedSockets() {
        return proxies.size();
    }

    public int remoteSockets() {
        return remoteClients.size();
    }

    // =============================================================================================
    // HTTP actions that need the actor
    // =============================================================================================

    /** Joins, claims or observes on whichever node owns the session; refusals keep their code and text. */
    public SessionActor.Admission admit(String sessionId, AdmissionRequest request) {
        SessionRegistry.Route route = sessions.route(sessionId);
        if (route.local() != null) {
            return sessions.await(request.applyTo(route.local()));
        }
        if (route.remoteNode() == null) {
            throw new Refusal("worker_unavailable", "This session is not available right now; please try again in a moment.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", "admit");
        body.put("session_id", sessionId);
        body.put("request", request);
        JsonNode reply = request(route.remoteNode(), body);
        if (reply.hasNonNull("error")) {
            throw new Refusal(reply.path("error").asText(), reply.path("message").asText());
        }
        return new SessionActor.Admission(reply.path("participant_id").asText(), reply.path("token").asText());
    }

    /** Ends a session another node runs, because a new session here continues it. */
    private void endForContinuation(String node, String sessionId) {
        JsonNode reply = request(node, Map.of("action", "end_continued", "session_id", sessionId));
        if (reply.hasNonNull("error")) {
            throw new Refusal(reply.path("error").asText(), reply.path("message").asText());
        }
    }

    /** Live sessions of every node (admin's live panel); a node that does not answer in time is left out. */
    public List<SessionStatus> activeSessionsEverywhere() {
        List<SessionStatus> all = new ArrayList<>(sessions.activeSessions());
        for (String node : sessions.otherOwnerNodes()) {
            try {
                JsonNode reply = request(node, Map.of("action", "statuses"));
                for (JsonNode s : reply.path("sessions")) {
                    all.add(JSON.treeToValue(s, SessionStatus.class));
                }
            } catch (RuntimeException | JsonProcessingException e) {
                log.warn("node {} did not list its sessions: {}", node, e.getMessage());
            }
        }
        return all;
    }

    private JsonNode request(String node, Object body) {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pendingRequests.put(requestId, reply);
        try {
            boolean delivered = bus.send(node, new BusMessage(BusMessage.Type.REQUEST, settings.nodeId(), null, null, null,
                    null, JSON.writeValueAsString(body), requestId)).get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!delivered) {
                throw new Refusal("worker_unavailable", "The server running this session is not reachable; please try again in a moment.");
            }
            return reply.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            ClusterMeters.busError();
            throw new Refusal("worker_unavailable", "The server running this session did not answer in time; please try again.");
        } catch (ExecutionException | JsonProcessingException e) {
            ClusterMeters.busError();
            throw new Refusal("internal", "The request could not reach the session's server: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pendingRequests.remove(requestId);
        }
    }

    // =============================================================================================
    // Messages from other nodes (on the bus's thread: nothing here may block)
    // =============================================================================================

    void onMessage(BusMessage m) {
        switch (m.type()) {
            case CONNECT -> {
                SessionActor actor = sessions.find(m.sessionId()).orElse(null);
                if (actor == null) {
                    bus.send(m.fromNode(), BusMessage.toProxy(BusMessage.Type.RECONNECT, settings.nodeId(), m.connectionId(),
                            "session not on this server"));
                    return;
                }
                String key = RemoteClientConnection.key(m.fromNode(), m.connectionId());
                RemoteClientConnection link = new RemoteClientConnection(m.fromNode(), m.connectionId(), settings.nodeId(),
                        actor, bus, () -> remoteClients.remove(key));
                remoteClients.put(key, link);
                actor.connect(link, m.participantId(), m.perspective());
            }
            case CLIENT_MESSAGE -> {
                RemoteClientConnection link = remoteClients.get(RemoteClientConnection.key(m.fromNode(), m.connectionId()));
                if (link == null) {
                    bus.send(m.fromNode(), BusMessage.toProxy(BusMessage.Type.RECONNECT, settings.nodeId(), m.connectionId(),
                            "connection unknown here"));
                    return;
                }
                try {
                    link.actor().receive(link, JSON.readTree(m.body()));
                } catch (JsonProcessingException e) {
                    ClusterMeters.busError(); // the proxy checked it; this is a bus fault
                }
            }
            case DISCONNECT -> {
                RemoteClientConnection link = remoteClients.get(RemoteClientConnection.key(m.fromNode(), m.connectionId()));
                if (link != null) {
                    link.proxyGone();
                }
            }
            case TO_CLIENT -> {
                Proxy p = proxies.get(m.connectionId());
                if (p != null) {
                    p.socket.send(m.body());
                }
            }
            case CLOSE -> {
                Proxy p = proxies.remove(m.connectionId());
                if (p != null) {
                    p.socket.close(m.body());
                }
            }
            case RECONNECT -> {
                Proxy p = proxies.remove(m.connectionId());
                if (p != null) {
                    p.socket.closeForReconnect(m.body());
                }
            }
            case REQUEST -> Thread.ofVirtual().name("cluster-request").start(() -> answer(m));
            case REPLY -> {
                CompletableFuture<JsonNode> waiting = pendingRequests.remove(m.requestId());
                if (waiting != null) {
                    try {
                        waiting.complete(JSON.readTree(m.body()));
                    } catch (JsonProcessingException e) {
                        waiting.completeExceptionally(e);
                    }
                }
            }
        }
    }

    private void answer(BusMessage m) {
        Map<String, Object> reply = new LinkedHashMap<>();
        try {
            JsonNode body = JSON.readTree(m.body());
            switch (body.path("action").asText()) {
                case "admit" -> {
                    AdmissionRequest request = JSON.treeToValue(body.path("request"), AdmissionRequest.class);
                    SessionActor actor = sessions.find(body.path("session_id").asText()).orElseThrow(() ->
                            new Refusal("worker_unavailable", "The session is moving between servers; please try again in a moment."));
                    SessionActor.Admission admission = sessions.await(request.applyTo(actor));
                    reply.put("participant_id", admission.participantId());
                    reply.put("token", admission.token());
                }
                case "statuses" -> reply.put("sessions", sessions.activeSessions());
                case "end_continued" -> sessions.find(body.path("session_id").asText())
                        .ifPresent(sessions::endForContinuation); // already gone: nothing to end

                default -> throw new Refusal("bad_message", "unknown request " + body.path("action").asText());
            }
        } catch (Refusal r) {
            reply.put("error", r.code());
            reply.put("message", r.getMessage());
        } catch (GameHostException e) {
            reply.put("error", "worker_unavailable");
            reply.put("message", e.getMessage());
        } catch (RuntimeException | JsonProcessingException e) {
            log.warn("request from {} failed", m.fromNode(), e);
            reply.put("error", "internal");
            reply.put("message", "The session's server could not do that.");
        }
        try {
            bus.send(m.fromNode(), new BusMessage(BusMessage.Type.REPLY, settings.nodeId(), null, null, null, null,
                    JSON.writeValueAsString(reply), m.requestId()));
        } catch (JsonProcessingException e) {
            log.warn("reply to {} not sent: {}", m.fromNode(), e.getMessage());
        }
    }

    @Override
    public void destroy() {
        watcher.shutdownNow();
    }
}
