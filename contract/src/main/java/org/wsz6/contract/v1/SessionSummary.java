package org.wsz6.contract.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * Play → admin when a session ends or pauses: the summary (schema version 1) that admin keeps in
 * UARD for dashboards and research. {@code status}: {@code ended}, {@code paused}, {@code abandoned}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionSummary(int schemaVersion, String sessionId, String parentSessionId,
                             String gameSlug, String gameVersion, UserRef owner, Instant createdAt,
                             Instant endedAt, String status, boolean debug,
                             List<Participant> participants, List<PlaythroughSummary> playthroughs) {

    public static final int SCHEMA_VERSION = 1;

    /** A person or bot in the session; {@code userId} is null for guests and bots. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Participant(String name, Long userId, boolean guest, boolean bot, Integer roleIndex,
                              String roleName) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PlaythroughSummary(String id, int ordinal, Instant startedAt, Instant endedAt, int steps,
                                     boolean goalReached, String goalMessage, List<Integer> winners,
                                     boolean draw, long seed) {
    }
}
