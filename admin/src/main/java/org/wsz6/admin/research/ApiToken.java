package org.wsz6.admin.research;

import java.time.Instant;

/** A research API token as listed to its owner (never the token itself: only its first characters). */
public record ApiToken(long id, long userId, String name, String prefix, Instant createdAt, Instant lastUsedAt,
                       Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
