package org.wsz6.admin.accounts;

import java.util.Set;
import org.wsz6.admin.permissions.AccessLevel;
import org.wsz6.admin.permissions.AccountType;

/** What an admin fills in to create an account; the person sets a password from the invitation mail. */
public record NewAccount(String username, String displayName, String email, AccountType type,
                         AccessLevel accessLevel, Set<String> customGames) {
}
