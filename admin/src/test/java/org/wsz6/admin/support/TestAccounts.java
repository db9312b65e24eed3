package org.wsz6.admin.support;

import java.time.Instant;
import java.util.Set;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.wsz6.admin.accounts.Account;
import org.wsz6.admin.accounts.AccountRepository;
import org.wsz6.admin.permissions.AccessLevel;
import org.wsz6.admin.permissions.AccountType;

/** Creates accounts with a known password for tests (all share {@link #PASSWORD}). */
@Component
public class TestAccounts {

    public static final String PASSWORD = "correct horse battery";

    private final AccountRepository accounts;
    private final PasswordEncoder passwords;

    public TestAccounts(AccountRepository accounts, PasswordEncoder passwords) {
        this.accounts = accounts;
        this.passwords = passwords;
    }

    public long id(String username) {
        return accounts.findByUsername(username).orElseThrow().id();
    }

    public Account create(String username, AccountType type) {
        return create(username, type, AccessLevel.ALL, Set.of());
    }

    public Account create(String username, AccountType type, AccessLevel level, Set<String> games) {
        String name = username.equals("ada") ? "Ada Lovelace" : username.substring(0, 1).toUpperCase() + username.substring(1);
        long id = accounts.insert(username, name,
                username + "@example.org", passwords.encode(PASSWORD), type, level, Instant.now());
        accounts.updateAccess(id, level, games);
        return accounts.findById(id).orElseThrow();
    }
}
