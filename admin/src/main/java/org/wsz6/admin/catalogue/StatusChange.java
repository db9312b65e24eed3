package org.wsz6.admin.catalogue;

import java.time.Instant;
import org.wsz6.admin.permissions.GameStatus;

/** One step of a game's lifecycle, with its date. */
public record StatusChange(GameStatus status, Instant changedAt, String changedBy) {
}
