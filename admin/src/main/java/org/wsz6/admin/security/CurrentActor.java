package org.wsz6.admin.security;

import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.wsz6.admin.accounts.Account;
import org.wsz6.admin.accounts.AccountRepository;
import org.wsz6.admin.permissions.Actor;

/**
 * The account behind the current request, read fresh from UARD on every request, so a changed type,
 * access level or deactivation takes effect at once rather than at the next login.
 */
@Component
public class CurrentActor {

    private final AccountRepository accounts;

    public CurrentActor(AccountRepository accounts) {
        this.accounts = accounts;
    }

    public Optional<Account> account() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        return accounts.findByUsername(auth.getName()).filter(Account::active);
    }

    /** The current actor; a guest when nobody (or a deactivated account) is signed in. */
    public Actor actor() {
        return account().map(Account::actor).orElseGet(Actor::guest);
    }
}
