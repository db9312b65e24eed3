package org.wsz6.play.session;

import org.wsz6.contract.v1.SessionStatus;
import org.wsz6.contract.v1.SessionSummary;

/** Told of every session change (admin's live panel) and of summaries at pause and end. Must not block. */
public interface SessionListener {

    void status(SessionStatus status);

    void summary(SessionSummary summary);
}
