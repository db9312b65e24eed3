package org.wsz6.admin.security;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.wsz6.admin.accounts.Account;
import org.wsz6.admin.accounts.AccountRepository;

/** Spring Security's view of a UARD account: its hash, whether it is active, and its type as authority. */
@Service
public class PortalUserDetailsService implements UserDetailsService {

    private final AccountRepository accounts;

    public PortalUserDetailsService(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Account account = accounts.findByUsername(username)
                .orElseThrow(() -> new UsernameNotFoundException("No such account"));
        // An invited account without a password yet cannot sign in.
        String hash = accounts.passwordHash(username)
                .orElseThrow(() -> new UsernameNotFoundException("No password set yet"));
        return User.withUsername(account.username())
                .password(hash)
                .disabled(!account.active())
                .authorities(List.of(new SimpleGrantedAuthority(account.type().name())))
                .build();
    }
}
