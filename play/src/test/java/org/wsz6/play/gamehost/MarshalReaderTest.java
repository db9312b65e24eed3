package org.wsz6.play.gamehost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A binary record reads to the tree its JSON form parses to. The records are written by the real
 * Python {@code marshal} module, the same values as JSON by its {@code json} module, and the two
 * trees compared.
 */
class MarshalReaderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Python expressions of response-like values: every type a record may hold, and shared values. */
    private static final List<String> VALUES = List.of(
            "None", "True", "False", "0", "-1", "2**31 - 1", "-2**31", "2**31", "-2**31 - 1", "2**63 - 1", "-2**63",
            "2**63", "-(10**40)", "7**1000", "-(3**2000)", "2**3314", "3.25", "-0.0", "1e300", "5e-324", "''", "'ascii'", "'x' * 300", "'é ♥ 😀 \\u0000 \\n\"'",
            "'lone \\ud800 and \\udfff surrogates'", "'\\ud83d\\ude00'", "[]", "{}", "[1, [2, [3, []]], {}]",
            "{'a': 1, 'b': [True, None], 'c': {'d': 'e'}}",
            "(lambda shared: {'views': [{'operators': shared}, {'operators': shared}], 'k': 'interned', 'j': 'interned'})"
                    + "([{'index': 0, 'name': 'Play', 'params': [{'name': 'card', 'min': 1, 'max': 5}]}])",
            "{'tuple': (1, 'two', (3,)), 'long tuple': tuple(range(300))}",
            "[sys.intern('same'), sys.intern('same'), 7, 7, 10**20, 10**20]");

    @Test
    void recordsReadToTheTreesOfTheirJson() throws Exception {
        for (String value : VALUES) {
            String[] out = python("v = " + value + "\n"
                    + "print(base64.b64encode(marshal.dumps(v, 4)).decode())\n"
                    + "print(json.dumps(v))").split("\n");
            byte[] record = Base64.getDecoder().decode(out[0]);
            JsonNode expected = MAPPER.readTree(out[1]);
            assertThat(MarshalReader.read(record, 0, record.length)).as(value).isEqualTo(expected);
            assertThat(MarshalReader.read(record, 0, record.length).toString()).as(value).isEqualTo(expected.toString());
        }
    }

    @Test
    void whatIsNotAResponseValueIsRefused() throws Exception {
        String[] bad = python(String.join("\n",
                "for v in [b'bytes', {1: 'int key'}, {1, 2}, frozenset(), 1j, ..., compile('1', 's', 'eval')]:",
                "    print(base64.b64encode(marshal.dumps(v, 4)).decode())",
                "loop = []; loop.append(loop); print(base64.b64encode(marshal.dumps(loop, 4)).decode())",
                "print(base64.b64encode(marshal.dumps([1, 2, 3], 4)[:-2]).decode())",
                "print(base64.b64encode(marshal.dumps('x', 4) + b'N').decode())",
                "print(base64.b64encode(b'[' * 2000 + b'\\x00\\x00\\x00\\x00').decode())",
                "print(base64.b64encode(b'r\\x05\\x00\\x00\\x00').decode())",
                "print(base64.b64encode(b'[\\xff\\xff\\xff\\x7f').decode())",
                "print(base64.b64encode(marshal.dumps(2**3400, 4)).decode())")).split("\n");
        for (String b64 : bad) {
            byte[] record = Base64.getDecoder().decode(b64);
            assertThatThrownBy(() -> MarshalReader.read(record, 0, record.length)).as(b64)
                    .isInstanceOf(MarshalReader.Malformed.class);
        }
    }

    @Test
    void aRecordIsReadFromTheMiddleOfABuffer() throws Exception {
        byte[] record = Base64.getDecoder().decode(python("print(base64.b64encode(marshal.dumps({'id': 7}, 4)).decode())").strip());
        byte[] padded = new byte[record.length + 6];
        System.arraycopy(record, 0, padded, 3, record.length);
        assertThat(MarshalReader.read(padded, 3, record.length)).isEqualTo(MAPPER.readTree("{\"id\":7}"));
    }

    private static String python(String code) throws Exception {
        Process p = new ProcessBuilder(RealWorker.python(), "-I", "-c", "import base64, json, marshal, sys\n" + code)
                .redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text.strip();
    }
}
