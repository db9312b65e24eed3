package org.wsz6.admin.security;

import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.rememberme.JdbcTokenRepositoryImpl;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.wsz6.admin.accounts.AccountRepository;
import org.wsz6.admin.permissions.Action;
import org.wsz6.admin.permissions.Permissions;
import org.wsz6.admin.permissions.Target;

/**
 * Spring Security for the whole server. Two chains:
 * <ol>
 * <li>{@code /play/**} and {@code /internal/**}: open (play checks its own unguessable tokens; the
 * internal API has its shared-secret guard); CSRF on, except for the internal API and play's
 * WebSocket; no Content-Security-Policy, because play sets its own for its pages and vis frames.
 * The session is still read there, so play sees a signed-in user as the request's principal.</li>
 * <li>everything else: form login, remember-me, logout, rate-limited login, strict CSP.</li>
 * </ol>
 * Fine-grained decisions (who may see which game, manage which account...) are not made here but by
 * {@link org.wsz6.admin.permissions.Permissions}, which every controller asks.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfig {

    /** No inline script or style anywhere in admin's pages, so the policy needs no exception. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            + "form-action 'self'%s";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder(); // bcrypt, upgradable by id prefix
    }

    @Bean
    PersistentTokenRepository rememberMeTokens(@Qualifier("uardDataSource") DataSource uardDataSource) {
        var repository = new JdbcTokenRepositoryImpl();
        repository.setDataSource(uardDataSource);
        return repository;
    }

    @Bean
    @Order(1)
    SecurityFilterChain playAndInternalChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/play/**", "/internal/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/internal/**", "/play/ws", "/play/ws/**"))
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain portalChain(HttpSecurity http, PortalUserDetailsService users,
                                    PersistentTokenRepository rememberMeTokens, AccountRepository accounts,
                                    Permissions permissions, CurrentActor current,
                                    @Value("${wsz6.login.attempts-per-minute:10}") int attemptsPerUser,
                                    @Value("${wsz6.login.attempts-per-minute-per-address:30}") int attemptsPerAddress,
                                    @Value("${wsz6.play.public-url:}") String playPublicUrl,
                                    @Value("${wsz6.cookies.secure:false}") boolean secureCookies) throws Exception {
        var success = new SavedRequestAwareAuthenticationSuccessHandler() {
            @Override
            public void onAuthenticationSuccess(jakarta.servlet.http.HttpServletRequest request,
                                                jakarta.servlet.http.HttpServletResponse response,
                                                org.springframework.security.core.Authentication authentication)
                    throws java.io.IOException, jakarta.servlet.ServletException {
                accounts.touchLogin(authentication.getName(), Instant.now());
                super.onAuthenticationSuccess(request, response, authentication);
            }
        };
        success.setDefaultTargetUrl("/games");
        String formAction = playPublicUrl.isBlank() ? "" : " " + playPublicUrl;
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/account/reset", "/account/reset/**", "/account/invite/**",
                                "/admin/assets/**", "/favicon.ico", "/error", "/actuator/health", "/actuator/health/**")
                        .permitAll()
                        // Metrics: the permission service decides, like everywhere else.
                        .requestMatchers("/actuator/**").access((authentication, context) ->
                                new AuthorizationDecision(permissions.allows(
                                        current.actor(), Action.VIEW_METRICS, Target.NONE)))
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").successHandler(success).failureUrl("/login?error").permitAll())
                .rememberMe(remember -> remember.tokenRepository(rememberMeTokens).userDetailsService(users)
                        .tokenValiditySeconds(30 * 24 * 3600).rememberMeCookieName("wsz6_remember")
                        .useSecureCookie(secureCookies))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
                        .deleteCookies("JSESSIONID", "wsz6_remember"))
                .addFilterBefore(new LoginRateLimiter(attemptsPerUser, attemptsPerAddress), UsernamePasswordAuthenticationFilter.class)
                .addFilterAfter(new DeactivatedAccountFilter(accounts), UsernamePasswordAuthenticationFilter.class)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CSP.formatted(formAction)))
                        .referrerPolicy(ref -> ref.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frame -> frame.deny()));
        return http.build();
    }
}
