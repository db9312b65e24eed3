package org.wsz6.play.gamehost;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Builds requests and reads responses of docs/gamehost-protocol.md (version 3). */
final class WorkerProtocol {

    static final int VERSION = 3;
    private static final Pattern PT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    final ObjectMapper mapper;

    WorkerProtocol() {
        this.mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    static void checkPt(String pt) {
        if (pt == null || !PT.matcher(pt).matches()) {
            throw new GameHostException("bad_request", "a play-through id must be 1 to 64 letters, digits, '_' or '-'; got "
                    + (pt == null ? "none" : "'" + pt + "'"));
        }
    }

    ObjectNode describe() {
        return op("describe");
    }

    ObjectNode start(Playthrough p) {
        ObjectNode req = op("start").put("pt", p.pt).put("seed", p.seed).put("base_url", p.baseUrl);
        req.set("config", mapper.valueToTree(p.config));
        return req;
    }

    /** Rebuilds {@code p} from its last snapshot (after a worker restart). */
    ObjectNode restore(Playthrough p) {
        return restore(p.pt, p.snapshot, p.seed, p.step, p.config, p.baseUrl);
    }

    ObjectNode restore(String pt, String snapshot, long seed, int step, Map<String, Object> config, String baseUrl) {
        ObjectNode req = op("restore").put("pt", pt).put("snapshot", snapshot).put("seed", seed)
                .put("step", step).put("base_url", baseUrl == null ? "" : baseUrl);
        req.set("config", mapper.valueToTree(config == null ? Map.of() : config));
        return req;
    }

    ObjectNode apply(String pt, int role, int opIndex, List<Object> args) {
        ObjectNode req = op("apply").put("pt", pt).put("role", role).put("op_index", opIndex);
        if (args == null) {
            req.putNull("args");
        } else {
            req.set("args", mapper.valueToTree(args));
        }
        return req;
    }

    ObjectNode view(String pt) {
        return op("view").put("pt", pt);
    }

    ObjectNode close(String pt) {
        return op("close").put("pt", pt);
    }

    ObjectNode ping() {
        return op("ping");
    }

    private ObjectNode op(String name) {
        return mapper.createObjectNode().put("op", name);
    }

    /**
     * The {@code result} of a response as {@code type}, or the worker's refusal as a
     * GameHostException with the worker's code, message, exception, file, line and traceback.
     */
    <T> T resultOf(WorkerResponse response, Class<T> type) {
        if (!response.ok()) {
            JsonNode error = response.error() == null ? mapper.createObjectNode() : response.error();
            String code = error.path("code").asText("game_error");
            String message = error.path("message").asText("the game host refused the request (" + code + ")");
            JsonNode line = error.path("line");
            throw new GameHostException(code, message, text(error, "exception"), text(error, "file"),
                    line.isInt() ? line.asInt() : null, text(error, "traceback"));
        }
        Object result = response.result();
        if (result == null || type.isInstance(result)) {
            return type.cast(result);
        }
        // The reader could not bind it: say what does not fit, without killing a healthy worker.
        try {
            return mapper.treeToValue((JsonNode) result, type);
        } catch (Exception e) {
            throw new GameHostException("worker_protocol", "the worker's " + type.getSimpleName()
                    + " could not be read: " + e.getMessage());
        }
    }

    /**
     * True when the worker said it stops after this answer (game code kept catching its
     * deadline). Read from an explicit {@code worker_exits} flag when the worker sends one, else
     * from the wording of worker protocol 1 ("... the worker stops").
     */
    static boolean workerIsExiting(WorkerResponse response) {
        JsonNode error = response.error();
        if (response.ok() || error == null || !"timeout".equals(error.path("code").asText())) {
            return false;
        }
        return error.path("worker_exits").asBoolean(false) || error.path("message").asText().contains("the worker stops");
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> copyOf(Map<String, Object> config) {
        return config == null ? Map.of() : mapper.convertValue(config, Map.class);
    }
}
