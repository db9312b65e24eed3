package org.wsz6.admin.research;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.wsz6.contract.v1.InternalApiV1;

/**
 * Play's research endpoints as the contract's example files describe them: a tiny HTTP server
 * that answers with {@code contract/v1/examples/*.json} (so admin's client is proven to parse
 * exactly what the contract promises), streams small JSONL/CSV/artifact bodies, and refuses any
 * call without the shared secret, as play's guard does.
 */
final class StubPlay implements AutoCloseable {

    static final String SECRET = "test-secret-0123456789abcdef"; // the one AdminIntegrationTest configures
    static final String SESSION = "s-7d1e";
    static final String PT = "pt-1";
    static final String JSONL = "{\"t\":\"2026-11-25T09:01:00.120Z\",\"event\":\"start\",\"step\":0,\"op_index\":null,\"args\":null,\"state\":{\"board\":\"---\"}}\n"
            + "{\"t\":\"2026-11-25T09:01:04.002Z\",\"event\":\"move\",\"step\":1,\"op_index\":4,\"args\":[],\"state\":{\"board\":\"-X-\"}}\n";
    static final String CSV_HEADER = "session_id,playthrough_id,seq,t,event,step,role,player,op_index,op_name,args,transition,seed,game_slug,game_version,game_version_hash,hash\r\n";
    static final String CSV_ROW = "s-7d1e,pt-1,5,2026-11-25T09:01:04.002Z,move,1,0,p_5c0e91a2b7d4,4,Place X,[],,5512,tic-tac-toe,1.0,9f2c,4e07\r\n";

    final HttpServer server;
    final AtomicBoolean chainIntact = new AtomicBoolean(true);
    final Map<String, Integer> calls = new ConcurrentHashMap<>();

    StubPlay() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(InternalApiV1.PLAY_RESEARCH, this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath().substring(InternalApiV1.PLAY_RESEARCH.length());
        calls.merge(path, 1, Integer::sum);
        if (!SECRET.equals(x.getRequestHeaders().getFirst(InternalApiV1.SECRET_HEADER))) {
            send(x, 403, "application/json", "{\"error\":\"forbidden\"}");
            return;
        }
        switch (path) {
            case "/sessions/" + SESSION -> send(x, 200, "application/json", example("ResearchSession"));
            case "/sessions/" + SESSION + "/verify" -> send(x, 200, "application/json", chainIntact.get()
                    ? "{\"sessionId\":\"s-7d1e\",\"intact\":true,\"events\":9,\"brokenAtSeq\":-1,\"problem\":null}"
                    : example("ChainReport"));
            case "/playthroughs/" + PT + "/events" -> send(x, 200, "application/json", eventPage(x.getRequestURI().getQuery()));
            case "/playthroughs/" + PT + "/steps/4/views", "/playthroughs/" + PT + "/steps/5/views" ->
                    send(x, 200, "application/json", example("StepViews"));
            case "/playthroughs/" + PT + "/log.jsonl" -> send(x, 200, "application/x-ndjson", JSONL);
            case "/playthroughs/" + PT + "/moves.csv" -> send(x, 200, "text/csv",
                    (x.getRequestURI().getQuery().contains("header=true") ? CSV_HEADER : "") + CSV_ROW);
            case "/artifacts/12" -> send(x, 200, "application/octet-stream", "abc");
            default -> send(x, 404, "application/json", "{\"error\":\"not_found\",\"message\":\"no such thing\"}");
        }
    }

    /** The example page, or (for {@code index=i}) just its i-th event, as play answers the replay viewer. */
    static String eventPage(String query) throws IOException {
        String page = example("ResearchEventPage");
        if (query == null || !query.contains("index=")) {
            return page;
        }
        int index = Integer.parseInt(query.replaceAll(".*index=(\\d+).*", "$1"));
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) org.wsz6.contract.InternalHttpClient.JSON.readTree(page);
        var events = (com.fasterxml.jackson.databind.node.ArrayNode) tree.get("events");
        var one = org.wsz6.contract.InternalHttpClient.JSON.createArrayNode();
        if (index < events.size()) {
            one.add(events.get(index));
        }
        tree.set("events", one);
        return tree.toString();
    }

    static String example(String name) throws IOException {
        try (InputStream in = StubPlay.class.getResourceAsStream("/contract/v1/examples/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
