package org.wsz6.play.gamehost;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an admin configured for one game: the environment variables its workers get (for example
 * an LLM key; never the portal's own) and whether its code may reach the network.
 */
public record GameSettings(Map<String, String> env, boolean allowNetwork) {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** A game nobody configured: no variables, no network. */
    public static final GameSettings NONE = new GameSettings(Map.of(), false);

    public GameSettings {
        env = env == null ? Map.of() : Map.copyOf(env);
        for (String name : env.keySet()) {
            if (!ENV_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a valid environment variable name");
            }
            if (name.equals("PATH") || name.equals("LANG")) {
                throw new IllegalArgumentException(name + " is set by the game host and cannot be configured per game");
            }
        }
    }
}
