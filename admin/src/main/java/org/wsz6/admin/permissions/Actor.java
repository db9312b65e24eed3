package org.wsz6.admin.permissions;

import java.util.Set;

/**
 * Who is asking: an account, or a guest (no account; {@code id} null). Everything the permission
 * rules need is here, so {@link Permissions} never has to look anything up.
 */
public record Actor(Long id, String username, AccountType type, AccessLevel accessLevel, Set<String> customGames) {

    public Actor {
        customGames = customGames == null ? Set.of() : Set.copyOf(customGames);
    }

    public static Actor guest() {
        return new Actor(null, "guest", null, AccessLevel.PUBLISHED, Set.of());
    }

    public boolean isGuest() {
        return id == null;
    }

    public boolean is(AccountType... types) {
        for (AccountType t : types) {
            if (t == type) {
                return true;
            }
        }
        return false;
    }

    /** Whether this account's access level lets it reach a game (regardless of its type). */
    public boolean mayReach(String slug, GameStatus status) {
        return switch (accessLevel) {
            case PUBLISHED -> status == GameStatus.PUBLISHED || status == GameStatus.DEPRECATED;
            case BETA -> status != GameStatus.DEV;
            case ALL -> true;
            case CUSTOM -> customGames.contains(slug);
        };
    }
}
