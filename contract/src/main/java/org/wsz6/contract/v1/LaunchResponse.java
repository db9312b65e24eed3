package org.wsz6.contract.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Play → admin: the new session. {@code ownerUrl} is a one-time link (relative to the play base URL)
 * that makes the opening browser the session's owner; {@code inviteUrl} is the shareable invite link
 * holding an unguessable token.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LaunchResponse(String sessionId, String ownerUrl, String inviteUrl) {
}
