package org.wsz6.play.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the server → client messages of docs/protocol.md as JSON text. */
public final class Messages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Messages() {
    }

    /** {@code fields} are name/value pairs; values may be null. */
    public static Map<String, Object> of(String type, Object... fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        for (int i = 0; i < fields.length; i += 2) {
            m.put((String) fields[i], fields[i + 1]);
        }
        return m;
    }

    public static Map<String, Object> map(Object... fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            m.put((String) fields[i], fields[i + 1]);
        }
        return m;
    }

    public static String json(Object message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String error(String code, String message, Object ref) {
        return json(of("error", "code", code, "message", message, "ref", ref));
    }
}
