package org.wsz6.admin.permissions;

/** The answer of {@link Permissions#check}: allowed, or refused with a reason a person can read. */
public record Decision(boolean allowed, String reason) {

    public static final Decision ALLOW = new Decision(true, null);

    public static Decision deny(String reason) {
        return new Decision(false, reason);
    }
}
