package org.wsz6.admin.research;

import java.time.Instant;

/**
 * A researcher's note on a session, a play-through ({@code playthroughId} set) or one event of it
 * ({@code eventSeq} set too). Private to its author unless {@code shared}.
 */
public record Annotation(long id, long authorId, String authorName, String sessionId, String playthroughId, Long eventSeq,
                         String body, boolean shared, Instant createdAt) {

    public String scope() {
        return eventSeq != null ? "event " + eventSeq : playthroughId != null ? "play-through" : "session";
    }
}
