package org.wsz6.play.session;

/** A command the session refuses; becomes an {@code error} message to the sender. Nothing changed. */
public class Refusal extends RuntimeException {

    private final String code;

    public Refusal(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
