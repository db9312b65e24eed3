package org.wsz6.play.session;

import org.wsz6.contract.v1.SessionStatus;
import org.wsz6.contract.v1.SessionSummary;

/** Told of every session change (admin's live panel) and of summaries at pause and end. Must not block. */
public interface SessionListener {

    void status(SessionStatus status);

    void summary(SessionSummary summary);

    /**
     * A summary built when the listener sends it: a busy session finishes a play-through every few
     * seconds, and building a summary reads every play-through of the session from GDM, so a
     * listener that coalesces summaries should build only the one it sends. {@code settled}: the
     * session is paused or closed, so this summary is the one that stays (send it soon).
     * {@code later} must be safe to call from any thread.
     */
    default void summary(String sessionId, boolean settled, java.util.function.Supplier<SessionSummary> later) {
        summary(later.get());
    }
}
