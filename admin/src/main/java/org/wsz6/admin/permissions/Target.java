package org.wsz6.admin.permissions;

/** What an action is done to. */
public sealed interface Target {

    /** Actions that concern no particular thing (see the user list, change own password...). */
    record None() implements Target {
    }

    /** A game; {@code ownerId} is the game owner's account id, or null. */
    record Game(String slug, GameStatus status, Long ownerId) implements Target {
    }

    /** A session of a game; {@code ownerId} is the session owner's account id, or null. */
    record Session(Long ownerId, Game game) implements Target {
    }

    /** An account being managed, with its current type. */
    record Account(long userId, AccountType currentType) implements Target {
    }

    Target NONE = new None();
}
