package org.wsz6.admin.catalogue;

import java.time.Instant;

/** One installed version of a game, in its own folder {@code <data-dir>/games/<slug>/<version>/}. */
public record GameVersion(String slug, String version, String folder, String pff, GameDescription description,
                          int minPlayers, int maxPlayers, Instant installedAt, String installedBy, Instant retiredAt) {

    public boolean retired() {
        return retiredAt != null;
    }
}
