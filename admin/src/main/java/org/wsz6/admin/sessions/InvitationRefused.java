package org.wsz6.admin.sessions;

/** An e-mail invitation was not sent (bad addresses, too many, ended session); the message is shown as is. */
public class InvitationRefused extends RuntimeException {

    public InvitationRefused(String message) {
        super(message);
    }
}
