package org.wsz6.admin.accounts;

import java.time.Instant;
import java.util.Set;
import org.wsz6.admin.permissions.AccessLevel;
import org.wsz6.admin.permissions.AccountType;
import org.wsz6.admin.permissions.Actor;

/** A portal account as stored in UARD (without its password hash). */
public record Account(long id, String username, String displayName, String email, AccountType type,
                      AccessLevel accessLevel, Set<String> customGames, boolean active, boolean hasPassword,
                      Instant createdAt, Instant lastLoginAt) {

    public Actor actor() {
        return new Actor(id, username, type, accessLevel, customGames);
    }
}
