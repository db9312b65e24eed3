package org.wsz6.admin.catalogue;

import java.time.Instant;
import org.wsz6.admin.permissions.GameStatus;
import org.wsz6.admin.permissions.Target;

/** A catalogue entry; its versions are {@link GameVersion}s, of which {@code currentVersion} starts new sessions. */
public record Game(String slug, String title, String summary, Long ownerId, String ownerName, GameStatus status,
                   String currentVersion, Instant createdAt, Instant statusChangedAt) {

    public Target.Game target() {
        return new Target.Game(slug, status, ownerId);
    }
}
