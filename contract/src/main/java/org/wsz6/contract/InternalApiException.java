package org.wsz6.contract;

/** A call over the internal API failed: the other side was unreachable or answered with an error. */
public class InternalApiException extends RuntimeException {

    private final int status;

    public InternalApiException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status the other side answered with, or 0 when it could not be reached. */
    public int status() {
        return status;
    }
}
