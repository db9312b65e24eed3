package org.wsz6.admin.web;

/** Something a URL names does not exist (or must not be revealed); pages answer 404 with the message. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
