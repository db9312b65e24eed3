package org.wsz6.admin.sessions;

import java.time.Instant;
import java.util.List;
import org.wsz6.contract.v1.SessionStatus;

/** A session as the last status push from play described it; {@code ownerId} and {@code inviteUrl} (relative to play) are known for sessions admin launched. */
public record LiveSession(String sessionId, String gameSlug, String gameVersion, String gameTitle, Long ownerId,
                          String ownerName, String state, List<SessionStatus.Seat> seats, int observers, int step,
                          boolean debug, Instant startedAt, Instant updatedAt, String inviteUrl) {

    public boolean live() {
        return !"ended".equals(state);
    }

    public long humans() {
        return seats.stream().filter(s -> !s.bot() && s.playerName() != null).count();
    }
}
