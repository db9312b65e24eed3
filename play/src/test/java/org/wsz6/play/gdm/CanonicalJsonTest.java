package org.wsz6.play.gdm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Canonical JSON is what the hash chain is computed over: it must stay byte for byte what it was
 * when existing logs were written (a sorted copy of the tree written by the mapper), or their chains
 * would no longer verify.
 */
class CanonicalJsonTest {

    /** The original way: build a key-sorted copy of the tree, then let the mapper write it. */
    static String reference(Object value) throws Exception {
        JsonNode tree = value instanceof JsonNode node ? node : CanonicalJson.MAPPER.valueToTree(value);
        return CanonicalJson.MAPPER.writeValueAsString(sortedCopy(tree));
    }

    static JsonNode sortedCopy(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = CanonicalJson.MAPPER.createObjectNode();
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            names.sort(null);
            for (String name : names) {
                out.set(name, sortedCopy(node.get(name)));
            }
            return out;
        }
        if (node.isArray()) {
            var out = CanonicalJson.MAPPER.createArrayNode();
            node.forEach(child -> out.add(sortedCopy(child)));
            return out;
        }
        return node;
    }

    @Test
    void writesExactlyWhatTheOriginalSortedCopyWrote() throws Exception {
        String state = """
                {"z":1,"board":[["X",null," "],[true,false,-0.0]],"ünï":"quote \\" and \\\\ and \\u0001 and 😀",
                 "big":123456789012345678901234567890,"dec":1.50,"neg":-42,"long":9007199254740993,"f":1e-7,
                 "nested":{"b":{"d":[],"c":{}},"a":[{"y":1,"x":2}]},"__set__":[3,1,2],"A":"upper before lower"}""";
        JsonNode tree = CanonicalJson.read(state);
        assertThat(CanonicalJson.write(tree)).isEqualTo(reference(tree));

        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("op_index", 4);
        payload.put("args", List.of("a", 2, 3.25, new BigDecimal("10.000"), BigInteger.TEN.pow(30)));
        payload.put("goal", null);
        payload.put("outcome", Map.of("winners", List.of(0), "draw", false));
        payload.put("by", "guest");
        assertThat(CanonicalJson.write(payload)).isEqualTo(reference(payload));
        assertThat(CanonicalJson.write(List.of(1, 0))).isEqualTo("[1,0]");
        assertThat(CanonicalJson.write(Map.of())).isEqualTo("{}");
    }
}
