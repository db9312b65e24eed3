package org.wsz6.play.gamehost;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.List;

/**
 * A view string of protocol 2 (docs/gamehost-protocol.md, "Framing"): either inline JSON text or
 * the index of a raw string frame the worker sent before the response line. The reader hands the
 * frames of the response being parsed in as the {@link #FRAMES} context attribute.
 */
final class FramedString extends StdDeserializer<String> {

    static final String FRAMES = "wsz6.gamehost.frames";

    FramedString() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
            @SuppressWarnings("unchecked")
            List<String> frames = (List<String>) ctxt.getAttribute(FRAMES);
            int index = p.getIntValue();
            if (frames == null || index < 0 || index >= frames.size()) {
                return (String) ctxt.handleWeirdNumberValue(String.class, index,
                        "refers to string frame %d, but %d frame(s) came with this response",
                        index, frames == null ? 0 : frames.size());
            }
            return frames.get(index);
        }
        return (String) ctxt.handleUnexpectedToken(String.class, p);
    }
}
