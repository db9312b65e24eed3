package org.wsz6.admin.sessions;

/** Play could not be reached or refused; the message is shown to the person as is. */
public class PlayUnavailable extends RuntimeException {

    public PlayUnavailable(String message) {
        super(message);
    }
}
