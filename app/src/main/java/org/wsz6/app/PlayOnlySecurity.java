package org.wsz6.app;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.expression.WebExpressionAuthorizationManager;

/**
 * Web security when this process runs WSZ6-play without WSZ6-admin ({@code ./wsz6 run play}).
 * Admin's login lives in the other process, and play authenticates people by its own unguessable
 * tokens, so pages are open as they are behind admin's play chain in the all-in-one portal: same CSRF
 * rule for forms, same-origin frames for debug mode. Without this bean Spring Boot would put a default
 * password login in front of everything, including the internal API.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${wsz6.components:admin,play}'.contains('admin')")
class PlayOnlySecurity {

    @Bean
    SecurityFilterChain playOnlyChain(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/prometheus").access(
                                new WebExpressionAuthorizationManager("hasIpAddress('127.0.0.1') or hasIpAddress('::1')"))
                        .anyRequest().permitAll())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/internal/**", "/play/ws", "/play/ws/**"))
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .requestCache(cache -> cache.disable())
                .build();
    }
}
