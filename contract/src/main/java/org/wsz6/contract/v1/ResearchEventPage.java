package org.wsz6.contract.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * Play → admin (research): one page of a play-through's log, oldest first. Ask for the next page
 * with {@code after = nextAfter}; {@code nextAfter} is null on the last page. {@code state} is the
 * logged JSON view of the state (never the opaque snapshot); {@code participant} is a pseudonym.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResearchEventPage(String sessionId, String playthroughId, List<Event> events, Long nextAfter) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Event(long seq, String t, String event, Integer step, Integer role, String participant,
                        Integer opIndex, String opName, List<Object> args, String transition,
                        Map<String, Object> payload, Object state, String hash, String prevHash) {
    }
}
