package org.wsz6.admin.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.wsz6.contract.InternalHttpClient;
import org.wsz6.contract.v1.InternalApiV1;

/**
 * A stand-in for WSZ6-play's side of the internal API v1, on a real HTTP port, for admin's tests
 * (admin's tests run without play). It checks the shared secret like play does, answers with the
 * contract's shapes, and remembers what admin sent.
 */
public class FakePlay implements AutoCloseable {

    public record Call(String path, JsonNode body) {
    }

    private final HttpServer server;
    private final String secret;
    public final List<Call> calls = new CopyOnWriteArrayList<>();
    public volatile String activeSessionsJson = "{\"sessions\": []}";

    public FakePlay(String secret) throws IOException {
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/internal/v1/play/", this::handle);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Call> callsTo(String path) {
        return calls.stream().filter(c -> c.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!secret.equals(exchange.getRequestHeaders().getFirst(InternalApiV1.SECRET_HEADER))) {
                send(exchange, 403, "{\"error\":\"forbidden\"}");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            calls.add(new Call(path, body.length == 0 ? null : InternalHttpClient.JSON.readTree(body)));
            if (path.equals(InternalApiV1.PLAY_LAUNCH) || path.equals(InternalApiV1.PLAY_DEBUG_LAUNCH)) {
                int n = calls.size();
                send(exchange, 200, "{\"sessionId\":\"s-" + n + "\",\"ownerUrl\":\"/play/owner/tok-" + n
                        + "\",\"inviteUrl\":\"/play/join/inv-" + n + "\"}");
            } else if (path.equals(InternalApiV1.PLAY_ACTIVE_SESSIONS)) {
                send(exchange, 200, activeSessionsJson);
            } else if (path.endsWith("/observer-token")) {
                send(exchange, 200, "{\"url\":\"/play/observe/watch-token\"}");
            } else {
                exchange.sendResponseHeaders(204, -1);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
