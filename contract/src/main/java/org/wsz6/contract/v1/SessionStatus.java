package org.wsz6.contract.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * Play → admin on every lobby or game change (feeds the live sessions panel).
 * {@code state} is one of {@code lobby}, {@code playing}, {@code paused}, {@code ended}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionStatus(String sessionId, String gameSlug, String gameVersion, String gameTitle,
                            String ownerName, String state, List<Seat> seats, int observers, int step,
                            boolean debug, Instant startedAt, Instant updatedAt) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Seat(int roleIndex, String roleName, String playerName, boolean bot, boolean connected) {
    }
}
