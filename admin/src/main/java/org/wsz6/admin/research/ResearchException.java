package org.wsz6.admin.research;

/** A research request that cannot be served as asked; the message is shown to the researcher. */
public class ResearchException extends RuntimeException {

    public ResearchException(String message) {
        super(message);
    }
}
