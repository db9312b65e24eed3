package org.wsz6.admin.accounts;

/** The one rule for new passwords, so every form refuses the same things with the same words. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;

    private PasswordPolicy() {
    }

    public static void check(String password, String confirmation) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new AccountException("The password must have at least " + MIN_LENGTH + " characters.");
        }
        if (password.length() > 200) {
            throw new AccountException("The password must have at most 200 characters.");
        }
        if (confirmation != null && !password.equals(confirmation)) {
            throw new AccountException("The two passwords differ.");
        }
    }
}
