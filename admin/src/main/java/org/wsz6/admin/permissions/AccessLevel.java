package org.wsz6.admin.permissions;

/** Which games an account may reach (list, detail, sessions, invite joins). */
public enum AccessLevel {
    PUBLISHED("Published games"),
    BETA("Published and beta games"),
    ALL("All games, in development too"),
    CUSTOM("A custom list of games");

    private final String label;

    AccessLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
