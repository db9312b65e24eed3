package org.wsz6.app.twoprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.wsz6.app.e2e.PortalProcess;

/**
 * A player as a browser would be one, with nothing but the JDK: opens the owner's claim link or
 * joins through the invite link (keeping the seat cookie), then speaks play's WebSocket protocol
 * (docs/protocol.md).
 */
final class WsPlayer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final String base;
    final String sessionId;
    final String cookie;
    final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private WebSocket socket;
    private int refs;

    private WsPlayer(String base, HttpResponse<String> redirect) {
        this.base = base;
        String location = redirect.headers().firstValue("Location").orElseThrow(
                () -> new AssertionError("expected a redirect, got " + redirect.statusCode() + ": " + redirect.body()));
        this.sessionId = location.substring(location.lastIndexOf('/') + 1);
        String setCookie = redirect.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("wsz6_p_" + sessionId + "=")).findFirst().orElseThrow();
        this.cookie = setCookie.substring(0, setCookie.indexOf(';'));
    }

    static WsPlayer claim(String base, String ownerPath) throws Exception {
        return new WsPlayer(base, HTTP.send(HttpRequest.newBuilder(URI.create(base + ownerPath)).GET().build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    /** Opens the invite page like a browser (its form carries a CSRF token bound to the page's session) and joins. */
    static WsPlayer join(String base, String invitePath, String name) throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(base + invitePath)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(page.body());
        String form = "name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + (csrf.find() ? "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) : "");
        String sessionCookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse("");
        return new WsPlayer(base, HTTP.send(HttpRequest.newBuilder(URI.create(base + invitePath))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", sessionCookie)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    WsPlayer connect() throws Exception {
        String ws = base.replace("http://", "ws://") + "/play/ws?session=" + sessionId;
        socket = HTTP.newWebSocketBuilder().header("Cookie", cookie).buildAsync(URI.create(ws), new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        received.add(JSON.readTree(partial.toString()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        await("welcome", m -> true);
        return this;
    }

    /** Sends a message and waits for its ack; fails on an error reply. */
    JsonNode act(Object... fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            m.put((String) fields[i], fields[i + 1]);
        }
        String ref = "r" + (++refs);
        m.put("ref", ref);
        try {
            socket.sendText(JSON.writeValueAsString(m), true).join();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        JsonNode reply = await(null, r -> ref.equals(r.path("ref").asText(null)));
        if (!"ack".equals(reply.path("type").asText())) {
            throw new AssertionError("refused " + m + ": " + reply);
        }
        return reply;
    }

    JsonNode await(String type, Predicate<JsonNode> test) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (JsonNode m : received) {
                if ((type == null || m.path("type").asText().equals(type)) && test.test(m)) {
                    return m;
                }
            }
            PortalProcess.sleep(10);
        }
        throw new AssertionError("no " + (type == null ? "reply" : type) + " arrived; got " + received);
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
