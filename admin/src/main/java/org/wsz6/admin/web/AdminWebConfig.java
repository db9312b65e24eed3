package org.wsz6.admin.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Web settings of admin: background jobs (mail outbox, play notifications) and the session cookie.
 * The session cookie is always HttpOnly and SameSite=Lax (application.yml); it is Secure whenever
 * the request came over HTTPS, and always when {@code wsz6.cookies.secure=true} (production behind TLS).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class AdminWebConfig {

    /**
     * Uploads (game zips) up to 64 MiB reach the installer, which applies its own, smaller limit
     * with a clear message. Resolved lazily, so an even larger upload is reported on the form page.
     */
    @Bean
    jakarta.servlet.MultipartConfigElement multipartConfigElement() {
        return new jakarta.servlet.MultipartConfigElement(null, 64L << 20, 65L << 20, 1 << 20);
    }

    @Bean
    org.springframework.web.multipart.support.StandardServletMultipartResolver multipartResolver() {
        var resolver = new org.springframework.web.multipart.support.StandardServletMultipartResolver();
        resolver.setResolveLazily(true);
        return resolver;
    }

    @Bean
    ServletContextInitializer adminSessionCookie(@Value("${wsz6.cookies.secure:false}") boolean secure) {
        return servletContext -> {
            servletContext.getSessionCookieConfig().setHttpOnly(true);
            if (secure) {
                servletContext.getSessionCookieConfig().setSecure(true);
            }
        };
    }
}
