package org.wsz6.admin.catalogue;

import java.util.Map;
import java.util.TreeMap;

/**
 * What an admin set for one game only: environment variables for its workers (for example a
 * language model's URL and key) and whether those workers may reach the network — both sent to play
 * with every announcement and launch — and whether admins watching a session may take over a role.
 */
public record GameSettings(Map<String, String> env, boolean allowNetwork, boolean adminsMayTakeOver) {

    public static final GameSettings NONE = new GameSettings(Map.of(), false, true);

    public GameSettings {
        env = Map.copyOf(env);
    }

    /** The variable names in alphabetical order, for the page (values are never shown). */
    public java.util.List<String> names() {
        return new TreeMap<>(env).keySet().stream().toList();
    }
}
