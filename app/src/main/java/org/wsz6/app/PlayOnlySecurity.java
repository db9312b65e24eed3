package org.wsz6.app;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * When this process runs WSZ6-play without WSZ6-admin ({@code ./wsz6 run play}), admin's security
 * configuration is absent and Spring Boot would lock every URL behind a generated password. Play
 * guards itself: unguessable invite/seat tokens for its pages and WebSocket, the shared-secret
 * guard for {@code /internal/**}, its own Content-Security-Policy. So here the chain lets requests
 * through to those guards, as admin's {@code playAndInternalChain} does in the all-in-one portal.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${wsz6.components:admin,play}'.contains('admin')")
public class PlayOnlySecurity {

    @Bean
    SecurityFilterChain playOnlyChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/internal/**", "/play/ws", "/play/ws/**"))
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .requestCache(cache -> cache.disable());
        return http.build();
    }
}
