package org.wsz6.play.session;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.wsz6.contract.v1.UserRef;

/** What a session was created with; fixed for its lifetime. */
public record SessionInfo(String id, String parentSessionId, String gameSlug, String gameVersion, String gameTitle,
                          Path gameFolder, UserRef owner, Map<String, Object> options, Map<String, String> gameEnv,
                          boolean allowNetwork, boolean debug, Instant createdAt, String assetToken) {

    /**
     * The {@code base_url} passed to the game. The asset token in the path is what authorises a request:
     * vis HTML runs in sandboxed frames that send no cookie, so the URL itself must be the credential.
     */
    public String assetsBaseUrl() {
        return "/play/assets/" + id + "/" + assetToken + "/";
    }

    /** The same session with its asset token set (sessions stored before tokens existed get one late). */
    public SessionInfo withAssetToken(String token) {
        return new SessionInfo(id, parentSessionId, gameSlug, gameVersion, gameTitle, gameFolder, owner, options,
                gameEnv, allowNetwork, debug, createdAt, token);
    }

    /** Never prints the asset token: it is a credential and session infos end up in logs. */
    @Override
    public String toString() {
        return "SessionInfo[id=" + id + ", game=" + gameSlug + "@" + gameVersion + ", debug=" + debug + "]";
    }

    public String ownerName() {
        if (owner == null) {
            return "the session owner";
        }
        return owner.displayName() != null && !owner.displayName().isBlank() ? owner.displayName() : owner.username();
    }
}
