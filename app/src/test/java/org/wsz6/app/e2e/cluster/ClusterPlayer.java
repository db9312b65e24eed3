package org.wsz6.app.e2e.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A scripted player over a real WebSocket that reconnects the way the game page does: when the
 * socket drops (or the server closes it with "reconnect", 1012) it tries again after a short pause,
 * at the first of its nodes that answers — what nginx's upstream failover gives a browser.
 */
final class ClusterPlayer implements WebSocket.Listener, AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final String name;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String sessionId;
    private final String cookie;
    private final List<String> nodes;
    private final StringBuilder partial = new StringBuilder();
    private final Map<String, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final List<JsonNode> states = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private volatile WebSocket socket;
    private final Object connectLock = new Object();
    private volatile String connectedTo;
    private volatile boolean closing;
    private volatile int welcomes;
    private volatile int lastCloseCode;
    /** The first {@code goal_reached} message. */
    final CompletableFuture<JsonNode> goal = new CompletableFuture<>();
    private int refs;
    private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

    ClusterPlayer(String name, String sessionId, String cookie, List<String> nodes) {
        this.name = name;
        this.sessionId = sessionId;
        this.cookie = cookie;
        this.nodes = new ArrayList<>(nodes);
    }

    /**
     * Connects to the first node that accepts, retrying for up to {@code limit}. Holds only its own
     * lock while waiting: the socket's listener (which takes the others) may already be receiving.
     */
    void connect(Duration limit) {
        synchronized (connectLock) {
            connectLoop(limit);
        }
    }

    private void connectLoop(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!closing) {
            for (String base : nodes) {
                try {
                    String url = base.replace("http://", "ws://") + "/play/ws?session=" + sessionId;
                    WebSocket opened = http.newWebSocketBuilder().header("Cookie", cookie).connectTimeout(Duration.ofSeconds(2))
                            .buildAsync(URI.create(url), this).get(5, TimeUnit.SECONDS);
                    synchronized (this) {
                        socket = opened;
                        sending = CompletableFuture.completedFuture(opened);
                    }
                    if (opened.isInputClosed()) {
                        // The server closed it (e.g. 1012, owner gone) before it became ours, so the
                        // listener ignored that close as a stale socket's: try again, as the page does.
                        note("closed by " + base + " before it was ours; again");
                        sleep(200);
                        continue;
                    }
                    connectedTo = base;
                    note("connected to " + base);
                    return;
                } catch (Exception e) {
                    note("connect to " + base + " failed: " + e.getMessage());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " could not connect within " + limit + ": " + log);
            }
            sleep(200);
        }
    }

    String connectedTo() {
        return connectedTo;
    }

    int welcomes() {
        return welcomes;
    }

    int lastCloseCode() {
        return lastCloseCode;
    }

    /** Sends a command and returns its ack (or fails with the server's error). */
    JsonNode command(String type, Object... fields) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        for (int i = 0; i < fields.length; i += 2) {
            m.put((String) fields[i], fields[i + 1]);
        }
        String ref;
        synchronized (this) {
            ref = name + "-" + (++refs);
        }
        m.put("ref", ref);
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        waiting.put(ref, reply);
        String text = JSON.writeValueAsString(m);
        note("sends " + text);
        synchronized (this) {
            sending = sending.thenCompose(ws -> ws.sendText(text, true));
        }
        JsonNode answer = reply.get(20, TimeUnit.SECONDS);
        if (answer.path("type").asText().equals("error")) {
            throw new IllegalStateException(name + ": " + type + " refused: " + answer);
        }
        return answer;
    }

    /** Waits for a state update that satisfies {@code test} (the latest one counts too). */
    JsonNode awaitState(Predicate<JsonNode> test, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (states) {
            while (true) {
                for (int i = states.size() - 1; i >= 0 && i >= states.size() - 3; i--) {
                    if (test.test(states.get(i))) {
                        return states.get(i);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException(name + ": no such state within " + limit + "; last: "
                            + (states.isEmpty() ? "none" : states.get(states.size() - 1)) + "\n" + String.join("\n", log()));
                }
                try {
                    states.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** The board from a state update's text view (" X | O |  " rows), as 9 characters. */
    static String board(JsonNode state) {
        StringBuilder cells = new StringBuilder();
        for (String line : state.path("text").asText().split("\n")) {
            if (line.contains("|") && cells.length() < 9) {
                for (String cell : line.split("\\|", -1)) {
                    String c = cell.strip();
                    cells.append(c.isEmpty() ? '.' : c.charAt(0));
                }
            }
        }
        return cells.toString();
    }

    List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    private void note(String line) {
        synchronized (log) {
            log.add(System.currentTimeMillis() % 100_000 + " " + name + " " + line);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            try {
                JsonNode msg = JSON.readTree(text);
                String type = msg.path("type").asText();
                if (!type.equals("state_update") && !type.equals("lobby_update")) {
                    note("got " + text);
                }
                switch (type) {
                    case "welcome" -> welcomes++;
                    case "goal_reached" -> goal.complete(msg);
                    case "state_update" -> {
                        note("got state step " + msg.path("step").asInt() + " board " + board(msg));
                        synchronized (states) {
                            states.add(msg);
                            states.notifyAll();
                        }
                    }
                    default -> { }
                }
                if (msg.hasNonNull("ref") && (type.equals("ack") || type.equals("error"))) {
                    CompletableFuture<JsonNode> f = waiting.remove(msg.path("ref").asText());
                    if (f != null) {
                        f.complete(msg);
                    }
                }
            } catch (Exception e) {
                note("bad message " + text + ": " + e);
            }
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        note("closed " + statusCode + " " + reason);
        lastCloseCode = statusCode;
        dropped(ws);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        note("socket error " + error);
        lastCloseCode = 1006;
        dropped(ws);
    }

    /** Like the page: anything but "session over" (1008, 4xxx) or our own close means reconnect. */
    private void dropped(WebSocket ws) {
        if (closing || ws != socket || lastCloseCode == 1008 || (lastCloseCode >= 4000 && lastCloseCode < 5000)) {
            return;
        }
        Thread.ofVirtual().start(() -> {
            sleep(250);
            connect(Duration.ofSeconds(30));
        });
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing = true;
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }
}
