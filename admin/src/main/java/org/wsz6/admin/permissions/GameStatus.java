package org.wsz6.admin.permissions;

import java.util.Locale;

/** A game's lifecycle: dev → beta → published → deprecated. Deprecated games start no new sessions. */
public enum GameStatus {
    DEV, BETA, PUBLISHED, DEPRECATED;

    /** The lower-case word used in URLs, the contract and the pages. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static GameStatus fromWord(String word) {
        try {
            return valueOf(word.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Unknown game status '" + word
                    + "'; use one of dev, beta, published, deprecated");
        }
    }
}
