package org.wsz6.admin.research;

import java.time.Duration;
import java.time.Instant;

/** A session on the research dashboard: its UARD summary, reduced to what the list shows. */
public record ResearchSessionRow(String sessionId, String parentSessionId, String gameSlug, String gameVersion,
                                 String ownerName, Instant createdAt, Instant endedAt, String status, boolean debug,
                                 int playthroughs, int completed) {

    /** Null while the session has not ended. */
    public Duration duration() {
        return endedAt == null ? null : Duration.between(createdAt, endedAt);
    }

    public String durationText() {
        return Durations.text(duration());
    }
}
