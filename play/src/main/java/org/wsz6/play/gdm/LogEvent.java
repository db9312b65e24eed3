package org.wsz6.play.gdm;

/**
 * One entry of a session's log, as stored. {@code payload} and {@code stateJson} are canonical JSON
 * text; {@code snapshot} is the game host's opaque base64 snapshot (null when the event has no state).
 */
public record LogEvent(String sessionId, long seq, String playthroughId, String type, Integer step,
                       Integer role, String participantId, String payload, String stateJson,
                       String snapshot, String createdAt, String prevHash, String hash) {
}
