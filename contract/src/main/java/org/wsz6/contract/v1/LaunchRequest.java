package org.wsz6.contract.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * Admin → play: create a session. Admin has already checked that {@code owner} may start a session
 * of this game in its current status. {@code options} are the values the owner chose for the game's
 * config keys. {@code continueFromSessionId} names a paused session to continue (its state, undo
 * history and seats are restored; the new session links to it as its parent).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LaunchRequest(String gameSlug, String gameVersion, String gameTitle, String gameFolder,
                            UserRef owner, Map<String, Object> options, boolean debug,
                            String continueFromSessionId, Map<String, String> gameEnv,
                            boolean allowNetwork) {
}
