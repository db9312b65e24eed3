package org.wsz6.play.gamehost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a binary record of protocol 3 (docs/gamehost-protocol.md, "Binary records"): one value in
 * Python's {@code marshal} format, version 4, holding only what JSON can hold (dicts with string
 * keys, lists, tuples, strings, ints, floats, booleans, None), as the Jackson tree its JSON form
 * would parse to.
 *
 * <p>The bytes come from a worker that runs untrusted game code, so everything is checked: type
 * codes, lengths against the bytes left, back-references (only to values already complete, so no
 * cycles), nesting depth. Anything else is a {@link Malformed} record and the caller treats it as
 * a protocol break.
 */
final class MarshalReader {

    /** Deeper than any response (state_json stops at depth 40), shallow enough for the Java stack. */
    static final int MAX_DEPTH = 500;
    /**
     * 15-bit digits of the largest int read: 3,315 bits, under 1,000 decimal digits, the most
     * Jackson reads from a JSON line (StreamReadConstraints), so both forms accept the same ints.
     */
    static final int MAX_INT_DIGITS = 221;
    private static final int FLAG_REF = 0x80;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** A reserved back-reference slot whose value is still being read (a reference to it would be a cycle). */
    private static final JsonNode IN_PROGRESS = NODES.missingNode();

    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    private final byte[] b;
    private final int end;
    private int pos;
    private final List<JsonNode> refs = new ArrayList<>();

    private MarshalReader(byte[] b, int offset, int length) {
        this.b = b;
        this.pos = offset;
        this.end = offset + length;
    }

    /** The one value held by {@code b[offset..offset+length)}. */
    static JsonNode read(byte[] b, int offset, int length) throws Malformed {
        MarshalReader r = new MarshalReader(b, offset, length);
        JsonNode value = r.value(0);
        if (r.pos != r.end) {
            throw new Malformed((r.end - r.pos) + " bytes after the value");
        }
        return value;
    }

    private JsonNode value(int depth) throws Malformed {
        if (depth > MAX_DEPTH) {
            throw new Malformed("nested deeper than " + MAX_DEPTH);
        }
        int code = u8();
        int slot = -1;
        if ((code & FLAG_REF) != 0) {
            code &= ~FLAG_REF;
            slot = refs.size();
            refs.add(IN_PROGRESS); // marshal numbers flagged values in the order they start
        }
        JsonNode node = switch (code) {
            case 'N' -> NODES.nullNode();
            case 'T' -> NODES.booleanNode(true);
            case 'F' -> NODES.booleanNode(false);
            case 'i' -> NODES.numberNode(i32());
            case 'l' -> bigInt();
            case 'g' -> NODES.numberNode(Double.longBitsToDouble(i64()));
            case 'z', 'Z' -> NODES.textNode(ascii(u8()));
            case 'a', 'A' -> NODES.textNode(ascii(length()));
            case 'u', 't' -> NODES.textNode(utf8(length()));
            case '[', '(' -> array(length(), depth);
            case ')' -> array(u8(), depth);
            case '{' -> object(depth);
            case 'r' -> reference();
            default -> throw new Malformed(String.format("type code 0x%02x at byte %d is not allowed", code, pos - 1));
        };
        if (slot >= 0) {
            refs.set(slot, node);
        }
        return node;
    }

    private ArrayNode array(int n, int depth) throws Malformed {
        if (n > end - pos) {
            throw new Malformed("a list of " + n + " items in " + (end - pos) + " bytes");
        }
        ArrayNode out = NODES.arrayNode(n);
        for (int i = 0; i < n; i++) {
            out.add(value(depth + 1));
        }
        return out;
    }

    private ObjectNode object(int depth) throws Malformed {
        ObjectNode out = NODES.objectNode();
        while (true) {
            if (pos < end && b[pos] == '0') { // the end of a dict
                pos++;
                return out;
            }
            JsonNode key = value(depth + 1);
            if (!key.isTextual()) {
                throw new Malformed("a dict key that is not a string: " + key.getNodeType());
            }
            out.set(key.textValue(), value(depth + 1));
        }
    }

    private JsonNode reference() throws Malformed {
        int index = i32();
        JsonNode node = index >= 0 && index < refs.size() ? refs.get(index) : null;
        if (node == null || node == IN_PROGRESS) {
            throw new Malformed("a back-reference to " + index + " of " + refs.size() + " values read");
        }
        return node;
    }

    /**
     * An int outside 32 bits: a signed count of 15-bit digits, least significant first, at most
     * {@link #MAX_INT_DIGITS} of them; assembled in one pass, so a long one costs no more than its bytes.
     */
    private JsonNode bigInt() throws Malformed {
        int n = i32();
        int digits = Math.abs(n);
        if (n == Integer.MIN_VALUE || digits > MAX_INT_DIGITS || 2L * digits > end - pos) {
            throw new Malformed("an int of " + n + " digits in " + (end - pos) + " bytes");
        }
        byte[] magnitude = new byte[(15 * digits + 7) / 8]; // little-endian while filling
        long acc = 0;
        int bits = 0;
        int at = 0;
        for (int i = 0; i < digits; i++) {
            int digit = u8() | (u8() << 8);
            if (digit > 0x7fff) {
                throw new Malformed("an int digit over 15 bits");
            }
            acc |= (long) digit << bits;
            bits += 15;
            while (bits >= 8) {
                magnitude[at++] = (byte) acc;
                acc >>>= 8;
                bits -= 8;
            }
        }
        if (bits > 0) {
            magnitude[at] = (byte) acc;
        }
        for (int i = 0, j = magnitude.length - 1; i < j; i++, j--) { // to big-endian
            byte t = magnitude[i];
            magnitude[i] = magnitude[j];
            magnitude[j] = t;
        }
        BigInteger value = new BigInteger(n < 0 ? -1 : 1, magnitude);
        return value.bitLength() < 64 ? NODES.numberNode(value.longValue()) : NODES.numberNode(value);
    }

    private String ascii(int n) throws Malformed {
        need(n);
        String s = new String(b, pos, n, StandardCharsets.ISO_8859_1);
        pos += n;
        return s;
    }

    /**
     * UTF-8 as Python's marshal writes it ("surrogatepass": a lone surrogate, which JSON would
     * write as a \\u escape, is a three-byte sequence that strict UTF-8 decoders replace).
     */
    private String utf8(int n) throws Malformed {
        need(n);
        int from = pos;
        pos += n;
        for (int i = from; i < from + n - 1; i++) {
            if ((b[i] & 0xff) == 0xed && (b[i + 1] & 0xff) >= 0xa0) {
                return withSurrogates(from, n);
            }
        }
        return new String(b, from, n, StandardCharsets.UTF_8);
    }

    private String withSurrogates(int from, int n) throws Malformed {
        StringBuilder out = new StringBuilder(n);
        int i = from;
        int to = from + n;
        while (i < to) {
            int c = b[i] & 0xff;
            int extra = c < 0x80 ? 0 : c >= 0xf8 ? -1 : c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : -1;
            if (extra < 0 || i + extra >= to) {
                throw new Malformed("bad UTF-8 in a string");
            }
            int cp = extra == 0 ? c : c & (0x3f >> extra);
            for (int k = 1; k <= extra; k++) {
                if ((b[i + k] & 0xc0) != 0x80) {
                    throw new Malformed("bad UTF-8 in a string");
                }
                cp = (cp << 6) | (b[i + k] & 0x3f);
            }
            out.appendCodePoint(cp);
            i += extra + 1;
        }
        return out.toString();
    }

    private int length() throws Malformed {
        int n = i32();
        if (n < 0) {
            throw new Malformed("a negative length");
        }
        return n;
    }

    private void need(int n) throws Malformed {
        if (n > end - pos) {
            throw new Malformed("a value of " + n + " bytes with " + (end - pos) + " left");
        }
    }

    private int u8() throws Malformed {
        need(1);
        return b[pos++] & 0xff;
    }

    private int i32() throws Malformed {
        need(4);
        int v = (b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8 | (b[pos + 2] & 0xff) << 16 | (b[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    private long i64() throws Malformed {
        need(8);
        long lo = i32() & 0xffffffffL;
        long hi = i32() & 0xffffffffL;
        return lo | hi << 32;
    }
}
