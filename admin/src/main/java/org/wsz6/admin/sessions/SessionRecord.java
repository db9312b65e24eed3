package org.wsz6.admin.sessions;

import java.time.Instant;

/** A session summary kept in UARD (what play sent when the session paused or ended). */
public record SessionRecord(String sessionId, String parentSessionId, String gameSlug, String gameVersion, Long ownerId,
                            String ownerName, Instant createdAt, Instant endedAt, String status, boolean debug,
                            int playthroughs, int completed) {
}
