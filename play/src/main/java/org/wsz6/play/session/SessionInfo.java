package org.wsz6.play.session;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.wsz6.contract.v1.UserRef;

/** What a session was created with; fixed for its lifetime. */
public record SessionInfo(String id, String parentSessionId, String gameSlug, String gameVersion, String gameTitle,
                          Path gameFolder, UserRef owner, Map<String, Object> options, Map<String, String> gameEnv,
                          boolean allowNetwork, boolean debug, Instant createdAt) {

    /** The {@code base_url} passed to the game: its assets, served to this session's participants only. */
    public String assetsBaseUrl() {
        return "/play/assets/" + id + "/";
    }

    public String ownerName() {
        if (owner == null) {
            return "the session owner";
        }
        return owner.displayName() != null && !owner.displayName().isBlank() ? owner.displayName() : owner.username();
    }
}
