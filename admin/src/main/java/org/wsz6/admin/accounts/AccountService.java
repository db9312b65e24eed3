package org.wsz6.admin.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.wsz6.admin.mail.MailOutbox;
import org.wsz6.admin.permissions.AccessLevel;
import org.wsz6.admin.permissions.AccountType;
import org.wsz6.admin.permissions.Action;
import org.wsz6.admin.permissions.Actor;
import org.wsz6.admin.permissions.Permissions;
import org.wsz6.admin.permissions.Target;

/**
 * Everything that changes an account: creation with an invitation mail, type and access changes,
 * deactivation, password change and reset. Each change asks {@link Permissions} first.
 */
@Service
public class AccountService {

    public static final Duration RESET_LINK_VALIDITY = Duration.ofHours(1);
    public static final Duration INVITATION_VALIDITY = Duration.ofDays(7);
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final AccountRepository accounts;
    private final AccountTokens tokens;
    private final MailOutbox mail;
    private final PasswordEncoder passwords;
    private final Permissions permissions;
    private final TransactionTemplate tx;

    public AccountService(AccountRepository accounts, AccountTokens tokens, MailOutbox mail,
                          PasswordEncoder passwords, Permissions permissions,
                          @Qualifier("uardTransactions") TransactionTemplate tx) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.mail = mail;
        this.passwords = passwords;
        this.permissions = permissions;
        this.tx = tx;
    }

    /** An admin creates an account; the person gets an invitation mail with a link to set a password. */
    public Account create(Actor actor, NewAccount form, String baseUrl) {
        permissions.require(actor, Action.MANAGE_USER, new Target.Account(-1, form.type()));
        permissions.require(actor, Action.grantOf(form.type()), new Target.Account(-1, form.type()));
        String username = AccountRepository.normalise(form.username());
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new AccountException("A username has 2 to 64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
        if (form.email() == null || !EMAIL.matcher(form.email().trim()).matches()) {
            throw new AccountException("Please give a valid e-mail address: the invitation is sent there.");
        }
        if (form.displayName() == null || form.displayName().isBlank()) {
            throw new AccountException("Please give the person's name.");
        }
        return tx.execute(status -> {
            if (accounts.usernameTaken(username)) {
                throw new AccountException("The username '" + username + "' is taken.");
            }
            if (accounts.emailTaken(form.email())) {
                throw new AccountException("An account with the e-mail address " + form.email().trim() + " exists already.");
            }
            long id = accounts.insert(username, form.displayName().trim(), form.email(), null, form.type(),
                    form.accessLevel(), Instant.now());
            accounts.updateAccess(id, form.accessLevel(), form.customGames() == null ? Set.of() : form.customGames());
            String token = tokens.issue(id, AccountTokens.Purpose.INVITE, INVITATION_VALIDITY);
            mail.enqueue(form.email().trim(), "Your WSZ6 portal account",
                    "Hello " + form.displayName().trim() + ",\n\n"
                            + "an account was created for you on the WSZ6 portal (username: " + username + ").\n"
                            + "Choose your password here (the link works once, for 7 days):\n\n"
                            + baseUrl + "/account/invite/" + token + "\n");
            return accounts.findById(id).orElseThrow();
        });
    }

    /** Sets the password from an invitation link (single use). */
    public void acceptInvitation(String token, String password, String confirmation) {
        PasswordPolicy.check(password, confirmation);
        tx.executeWithoutResult(status -> {
            long id = tokens.consume(token, AccountTokens.Purpose.INVITE);
            accounts.updatePasswordHash(id, passwords.encode(password));
        });
    }

    /**
     * Sends a reset link if an active account has this address. The answer is the same either way,
     * so the form does not tell strangers which addresses have accounts.
     */
    public void requestPasswordReset(String email, String baseUrl) {
        if (email == null || email.isBlank()) {
            throw new AccountException("Please give your e-mail address.");
        }
        tx.executeWithoutResult(status -> accounts.findByEmail(email).filter(Account::active).ifPresent(account -> {
            String token = tokens.issue(account.id(), AccountTokens.Purpose.RESET, RESET_LINK_VALIDITY);
            mail.enqueue(account.email(), "Reset your WSZ6 password",
                    "Hello " + account.displayName() + ",\n\n"
                            + "someone (hopefully you) asked to reset the password of '" + account.username() + "'.\n"
                            + "Choose a new one here (the link works once, for one hour):\n\n"
                            + baseUrl + "/account/reset/" + token + "\n\n"
                            + "If you did not ask for this, ignore this mail; your password stays as it is.\n");
        }));
    }

    public void resetPassword(String token, String password, String confirmation) {
        PasswordPolicy.check(password, confirmation);
        tx.executeWithoutResult(status -> {
            long id = tokens.consume(token, AccountTokens.Purpose.RESET);
            accounts.updatePasswordHash(id, passwords.encode(password));
            accounts.findById(id).ifPresent(a -> accounts.forgetRememberMe(a.username()));
        });
    }

    public void changePassword(Actor actor, String current, String password, String confirmation) {
        permissions.require(actor, Action.CHANGE_OWN_PASSWORD, Target.NONE);
        String hash = accounts.passwordHash(actor.username()).orElse(null);
        if (hash == null || current == null || !passwords.matches(current, hash)) {
            throw new AccountException("The current password is not right.");
        }
        PasswordPolicy.check(password, confirmation);
        accounts.updatePasswordHash(actor.id(), passwords.encode(password));
    }

    public void changeType(Actor actor, long userId, AccountType newType) {
        Account account = existing(userId);
        permissions.require(actor, Action.grantOf(newType), new Target.Account(userId, account.type()));
        accounts.updateType(userId, newType);
    }

    public void changeAccess(Actor actor, long userId, AccessLevel level, Set<String> customGames) {
        Account account = existing(userId);
        permissions.require(actor, Action.MANAGE_USER, new Target.Account(userId, account.type()));
        if (actor.id() != null && actor.id() == userId && account.type() != AccountType.GENERAL_ADMIN) {
            throw new AccountException("Nobody can change their own access level.");
        }
        tx.executeWithoutResult(s -> accounts.updateAccess(userId, level, customGames == null ? Set.of() : customGames));
    }

    public void updateProfile(Actor actor, long userId, String displayName, String email) {
        Account account = existing(userId);
        permissions.require(actor, Action.MANAGE_USER, new Target.Account(userId, account.type()));
        if (displayName == null || displayName.isBlank()) {
            throw new AccountException("Please give the person's name.");
        }
        if (email != null && !email.isBlank()) {
            if (!EMAIL.matcher(email.trim()).matches()) {
                throw new AccountException("'" + email + "' is not a valid e-mail address.");
            }
            accounts.findByEmail(email).filter(other -> other.id() != userId).ifPresent(other -> {
                throw new AccountException("Another account uses " + email.trim() + ".");
            });
        }
        accounts.updateProfile(userId, displayName.trim(), email);
    }

    public void setActive(Actor actor, long userId, boolean active) {
        Account account = existing(userId);
        permissions.require(actor, Action.MANAGE_USER, new Target.Account(userId, account.type()));
        if (actor.id() != null && actor.id() == userId) {
            throw new AccountException("You cannot deactivate your own account.");
        }
        accounts.updateActive(userId, active);
        if (!active) {
            accounts.forgetRememberMe(account.username());
        }
    }

    private Account existing(long userId) {
        return accounts.findById(userId).orElseThrow(() -> new AccountException("There is no account #" + userId + "."));
    }
}
