package org.wsz6.play.gdm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** An event about to be appended: what happened, by whom, and (for moves) the resulting state. */
public record NewEvent(String playthroughId, String type, Integer step, Integer role, String participantId,
                       Map<String, Object> payload, JsonNode stateJson, String snapshot) {

    public static NewEvent of(String playthroughId, String type, String participantId, Map<String, Object> payload) {
        return new NewEvent(playthroughId, type, null, null, participantId, payload, null, null);
    }
}
