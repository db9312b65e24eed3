package org.wsz6.admin.accounts;

import java.security.SecureRandom;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.wsz6.admin.permissions.AccessLevel;
import org.wsz6.admin.permissions.AccountType;

/**
 * On the very first start (no account at all) creates the general admin {@code admin} with a
 * random password and prints it once; only its hash is kept, so it is never shown again.
 */
@Component
public class FirstAdmin {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final AccountRepository accounts;
    private final PasswordEncoder passwords;

    public FirstAdmin(AccountRepository accounts, PasswordEncoder passwords) {
        this.accounts = accounts;
        this.passwords = passwords;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    public void createIfNoAccountExists() {
        if (accounts.count() > 0) {
            return;
        }
        String password = randomPassword();
        accounts.insert("admin", "Portal admin", null, passwords.encode(password), AccountType.GENERAL_ADMIN,
                AccessLevel.ALL, Instant.now());
        log.warn("Created the first general admin 'admin'; its password is printed once on standard output.");
        System.out.println();
        System.out.println("  First start: a general admin account was created.");
        System.out.println("    username: admin");
        System.out.println("    password: " + password);
        System.out.println("  It is shown only this once. Sign in and change it under Account.");
        System.out.println();
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
