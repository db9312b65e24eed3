package org.wsz6.admin.research;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.wsz6.admin.accounts.AccountRepository;

/**
 * The research REST API's own security chain, ahead of the portal's: token only (no cookies, no
 * session, so no CSRF to guard), read-only, and the OpenAPI document open to anyone.
 */
@Configuration(proxyBeanMethods = false)
public class ResearchApiSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain researchApiChain(HttpSecurity http, ApiTokenService tokens, AccountRepository accounts)
            throws Exception {
        http.securityMatcher("/api/v1/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(org.springframework.http.HttpMethod.GET, ApiTokenAuthenticationFilter.OPENAPI).permitAll()
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/api/v1/**").authenticated()
                        .anyRequest().denyAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> ApiTokenAuthenticationFilter.unauthorized(res,
                                "Send your research API token as 'Authorization: Bearer <token>'."))
                        .accessDeniedHandler((req, res, ex) -> {
                            res.setStatus(405);
                            res.setContentType("application/json;charset=UTF-8");
                            res.getWriter().write("{\"error\":\"read_only\",\"message\":\"The research API is read-only: only GET is allowed.\"}");
                        }))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")))
                .addFilterBefore(new ApiTokenAuthenticationFilter(tokens, accounts), AnonymousAuthenticationFilter.class);
        return http.build();
    }
}
