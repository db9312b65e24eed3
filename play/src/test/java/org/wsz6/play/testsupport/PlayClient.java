package org.wsz6.play.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A browser stand-in: joins through the real pages (keeping the participant cookie) and plays over
 * a real WebSocket (JDK client). Every message received is kept, in order, for assertions.
 */
public final class PlayClient implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    final String base;
    public final String sessionId;
    public final String cookie;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<String> raw = new CopyOnWriteArrayList<>();
    private volatile WebSocket socket;
    private volatile boolean closed;
    private volatile int closeCode;
    private int cursor;
    private int refs;

    PlayClient(String base, String sessionId, String cookie) {
        this.base = base;
        this.sessionId = sessionId;
        this.cookie = cookie;
    }

    /** The same browser coming back (same cookie), e.g. after a server restart. */
    public static PlayClient returning(String base, PlayClient before) {
        return new PlayClient(base, before.sessionId, before.cookie);
    }

    public static HttpClient http() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Opens a one-time link (owner claim or observer) and keeps the cookie it sets. */
    public static PlayClient viaLink(String base, String path) throws Exception {
        HttpResponse<String> r = http().send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(302);
        return fromRedirect(base, r);
    }

    /** True when the link no longer admits anyone (used, expired or unknown). */
    public static boolean viaLinkFails(String base, String path) throws Exception {
        HttpResponse<String> r = http().send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() != 302 && r.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("wsz6_p_"));
    }

    /** Tries to join and expects the page to refuse with {@code status}; true when it did and set no cookie. */
    public static boolean join(String base, String invitePath, String name, int status) throws Exception {
        HttpResponse<String> r = http().send(HttpRequest.newBuilder(URI.create(base + invitePath))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("name=" + java.net.URLEncoder.encode(name, "UTF-8"))).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == status && r.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("wsz6_p_"));
    }

    /** Joins with a name through the invite page. */
    public static PlayClient join(String base, String invitePath, String name) throws Exception {
        HttpResponse<String> r = http().send(HttpRequest.newBuilder(URI.create(base + invitePath))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("name=" + java.net.URLEncoder.encode(name, "UTF-8"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("POST %s: %s", invitePath, r.body()).isEqualTo(302);
        return fromRedirect(base, r);
    }

    private static PlayClient fromRedirect(String base, HttpResponse<String> r) {
        String location = r.headers().firstValue("Location").orElseThrow();
        String sessionId = location.substring(location.lastIndexOf('/') + 1);
        String setCookie = r.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("wsz6_p_" + sessionId + "=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Lax");
        return new PlayClient(base, sessionId, setCookie.substring(0, setCookie.indexOf(';')));
    }

    public PlayClient connect() throws Exception {
        return connect(null);
    }

    public PlayClient connect(Integer role) throws Exception {
        String ws = base.replace("http://", "ws://") + "/play/ws?session=" + sessionId + (role == null ? "" : "&role=" + role);
        closed = false;
        connectSocket(ws);
        await("welcome");
        return this;
    }

    private void connectSocket(String ws) throws Exception {
        socket = http().newWebSocketBuilder().header("Cookie", cookie).connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(ws), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            String text = partial.toString();
                            partial.setLength(0);
                            raw.add(text);
                            try {
                                received.add(JSON.readTree(text));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed = true;
                        closeCode = statusCode;
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closed = true;
                    }
                }).get(10, TimeUnit.SECONDS);
    }

    /**
     * Connects as the game page does after a session changed nodes: a socket the server closes with
     * 1012 ("session moving; reconnect", the takeover is still under way) before its welcome is
     * opened again after 200 ms, for up to 10 s.
     */
    public PlayClient connectWhileSessionMoves() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            String ws = base.replace("http://", "ws://") + "/play/ws?session=" + sessionId;
            closed = false;
            closeCode = 0;
            int before = received.size();
            connectSocket(ws);
            long welcomeBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < welcomeBy && !closed) {
                if (received.subList(before, received.size()).stream().anyMatch(m -> m.path("type").asText().equals("welcome"))) {
                    await("welcome");
                    return this;
                }
                Thread.sleep(5);
            }
            if (closeCode != 1012 || System.nanoTime() > deadline) {
                await("welcome"); // fails with what arrived
                return this;
            }
            Thread.sleep(200);
        }
    }

    /** Sends a message with a fresh {@code ref}; returns the ref. */
    public String send(Object... fields) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            m.put((String) fields[i], fields[i + 1]);
        }
        String ref = "r" + (++refs);
        m.put("ref", ref);
        sendRaw(write(m));
        return ref;
    }

    public void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next message (after those already consumed) of this type matching {@code test}. */
    public JsonNode await(String type, Predicate<JsonNode> test) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            while (cursor < received.size()) {
                JsonNode m = received.get(cursor++);
                if (m.path("type").asText().equals(type) && test.test(m)) {
                    return m;
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no " + type + " message arrived; received: " + summary());
    }

    public JsonNode await(String type) {
        return await(type, m -> true);
    }

    /** The ack or error answering {@code ref}. */
    public JsonNode reply(String ref) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (JsonNode m : received) {
                if (ref.equals(m.path("ref").asText(null))) {
                    return m;
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no reply to " + ref + "; received: " + summary());
    }

    /** The error answering {@code ref}; fails if it was acknowledged instead. */
    public JsonNode error(String ref) {
        JsonNode reply = reply(ref);
        assertThat(reply.path("type").asText()).as("reply to %s: %s", ref, reply).isEqualTo("error");
        return reply;
    }

    public JsonNode ack(String ref) {
        JsonNode reply = reply(ref);
        assertThat(reply.path("type").asText()).as("reply to %s: %s", ref, reply).isEqualTo("ack");
        return reply;
    }

    /** The most recent state_update received so far (waits for one to exist at {@code step} or later). */
    public JsonNode stateAt(int step) {
        return await("state_update", m -> m.path("step").asInt() >= step);
    }

    public JsonNode last(String type) {
        JsonNode found = null;
        for (JsonNode m : received) {
            if (m.path("type").asText().equals(type)) {
                found = m;
            }
        }
        return found;
    }

    public List<String> rawMessages() {
        return new ArrayList<>(raw);
    }

    public List<JsonNode> messages() {
        return new ArrayList<>(received);
    }

    public boolean isClosed() {
        return closed;
    }

    public int closeCode() {
        return closeCode;
    }

    public void skipAll() {
        cursor = received.size();
    }

    String summary() {
        StringBuilder sb = new StringBuilder();
        for (JsonNode m : received) {
            String s = m.toString();
            sb.append(s, 0, Math.min(s.length(), 300)).append('\n');
        }
        return sb.toString();
    }

    @Override
    public void close() {
        if (socket != null && !closed) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                socket.abort();
            }
        }
    }

    public void abort() {
        if (socket != null) {
            socket.abort();
        }
    }
}
