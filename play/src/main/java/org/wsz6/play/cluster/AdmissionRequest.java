package org.wsz6.play.cluster;

import java.util.concurrent.CompletableFuture;
import org.wsz6.contract.v1.UserRef;
import org.wsz6.play.session.SessionActor;

/**
 * An HTTP action that needs the session's actor and may run on another node: a guest (or signed-in
 * person) joining by invite, the owner claiming the owner link, an admin observing.
 */
public record AdmissionRequest(Kind kind, String name, boolean loggedIn, UserRef user, boolean mayTakeOver) {

    public enum Kind { GUEST, OWNER, OBSERVER }

    public static AdmissionRequest guest(String name, boolean loggedIn) {
        return new AdmissionRequest(Kind.GUEST, name, loggedIn, null, false);
    }

    public static AdmissionRequest owner(UserRef owner) {
        return new AdmissionRequest(Kind.OWNER, null, true, owner, false);
    }

    public static AdmissionRequest observer(UserRef admin, boolean mayTakeOver) {
        return new AdmissionRequest(Kind.OBSERVER, null, true, admin, mayTakeOver);
    }

    CompletableFuture<SessionActor.Admission> applyTo(SessionActor actor) {
        return switch (kind) {
            case GUEST -> actor.joinAsGuest(name, loggedIn);
            case OWNER -> actor.claimOwnership(user);
            case OBSERVER -> actor.admitAdminObserver(user, mayTakeOver);
        };
    }
}
