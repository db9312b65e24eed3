package org.wsz6.play.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One message between two portal nodes. A player's socket on a node that does not own the session
 * (the proxy node) and the session's owner node talk in these:
 * <ul>
 * <li>proxy → owner: {@link Type#CONNECT}, {@link Type#CLIENT_MESSAGE}, {@link Type#DISCONNECT};</li>
 * <li>owner → proxy: {@link Type#TO_CLIENT} (a message already computed for that connection's role
 *     only), {@link Type#CLOSE} and {@link Type#RECONNECT} (close; the page reconnects);</li>
 * <li>any → owner and back: {@link Type#REQUEST} / {@link Type#REPLY} for HTTP actions that need the
 *     session's actor (joining by invite, claiming the owner link, admin observing).</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BusMessage(Type type, String fromNode, String sessionId, String connectionId, String participantId,
                         Integer perspective, String body, String requestId) {

    public enum Type { CONNECT, CLIENT_MESSAGE, DISCONNECT, TO_CLIENT, CLOSE, RECONNECT, REQUEST, REPLY }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public static BusMessage toOwner(Type type, String fromNode, String sessionId, String connectionId, String body) {
        return new BusMessage(type, fromNode, sessionId, connectionId, null, null, body, null);
    }

    public static BusMessage toProxy(Type type, String fromNode, String connectionId, String body) {
        return new BusMessage(type, fromNode, null, connectionId, null, null, body, null);
    }

    public String encode() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static BusMessage decode(String json) {
        try {
            return JSON.readValue(json, BusMessage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a bus message: " + e.getOriginalMessage(), e);
        }
    }
}
