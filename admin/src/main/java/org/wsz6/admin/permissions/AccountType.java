package org.wsz6.admin.permissions;

/** The seven kinds of portal account. Guests have no account (see {@link Actor#guest()}). */
public enum AccountType {
    GENERAL_ADMIN("General admin", true),
    ACCOUNTS_ADMIN("Accounts admin", true),
    GAMES_ADMIN("Games admin", true),
    RESEARCH_ADMIN("Research admin", true),
    SESSION_OWNER("Session owner", false),
    GAME_OWNER("Game owner", false),
    PLAYER("Player", false);

    private final String label;
    private final boolean admin;

    AccountType(String label, boolean admin) {
        this.label = label;
        this.admin = admin;
    }

    public String label() {
        return label;
    }

    /** Admin types may only be granted by a general admin. */
    public boolean isAdmin() {
        return admin;
    }
}
