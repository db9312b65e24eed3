package org.wsz6.play.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads fields of client messages; a missing or wrongly typed field is a {@code bad_message} refusal. */
public final class ClientMessages {

    private ClientMessages() {
    }

    public static Object ref(JsonNode msg) {
        JsonNode ref = msg.get("ref");
        if (ref == null || ref.isNull()) {
            return null;
        }
        return ref.isNumber() ? ref.numberValue() : ref.asText();
    }

    public static String type(JsonNode msg) {
        JsonNode type = msg.get("type");
        if (type == null || !type.isTextual()) {
            throw new Refusal("bad_message", "Every message needs a \"type\" string.");
        }
        return type.asText();
    }

    public static int requiredInt(JsonNode msg, String field) {
        JsonNode v = msg.get(field);
        if (v == null || v.isNull()) {
            throw new Refusal("bad_message", "\"" + field + "\" is missing.");
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new Refusal("bad_message", "\"" + field + "\" must be a whole number.");
        }
        return v.asInt();
    }

    public static Integer optionalInt(JsonNode msg, String field) {
        JsonNode v = msg.get(field);
        return v == null || v.isNull() ? null : requiredInt(msg, field);
    }

    public static String requiredString(JsonNode msg, String field) {
        JsonNode v = msg.get(field);
        if (v == null || v.isNull()) {
            throw new Refusal("bad_message", "\"" + field + "\" is missing.");
        }
        if (!v.isTextual()) {
            throw new Refusal("bad_message", "\"" + field + "\" must be a string.");
        }
        return v.asText();
    }

    /** Operator arguments: a JSON array of numbers and strings (the game host checks types and ranges). */
    public static List<Object> args(JsonNode msg) {
        JsonNode v = msg.get("args");
        List<Object> args = new ArrayList<>();
        if (v == null || v.isNull()) {
            return args;
        }
        if (!v.isArray()) {
            throw new Refusal("bad_message", "\"args\" must be an array.");
        }
        for (JsonNode a : v) {
            if (a.isIntegralNumber()) {
                args.add(a.longValue());
            } else if (a.isNumber()) {
                args.add(a.doubleValue());
            } else if (a.isTextual()) {
                args.add(a.asText());
            } else if (a.isBoolean()) {
                args.add(a.booleanValue());
            } else {
                throw new Refusal("bad_args", "Arguments must be numbers or text.");
            }
        }
        return args;
    }

    public static Map<String, Object> options(JsonNode msg) {
        JsonNode v = msg.get("options");
        if (v == null || v.isNull()) {
            return Map.of();
        }
        if (!v.isObject()) {
            throw new Refusal("bad_message", "\"options\" must be an object.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = org.wsz6.play.gdm.CanonicalJson.MAPPER.convertValue(v, LinkedHashMap.class);
        return map;
    }
}
