package org.wsz6.admin.accounts;

/** A request about an account that cannot be carried out; the message is shown to the person as is. */
public class AccountException extends RuntimeException {

    public AccountException(String message) {
        super(message);
    }
}
