package org.wsz6.play.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Play's own strict Content-Security-Policy on its pages (admin's security sets none under
 * {@code /play/**}). Game vis HTML is untrusted and shown in {@code srcdoc} iframes sandboxed without
 * same-origin; a srcdoc frame inherits this policy, so inline scripts in vis HTML never run.
 * Inline styles are allowed because vis HTML (SVG especially) uses them.
 */
@Configuration(proxyBeanMethods = false)
public class PlayContentSecurityPolicy {

    public static final String POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "media-src 'self'",
            "font-src 'self'",
            "connect-src 'self'",
            "frame-src 'self'",
            "frame-ancestors 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'");

    @Bean
    FilterRegistrationBean<HttpFilter> playCspFilter() {
        HttpFilter filter = new HttpFilter() {
            @Override
            protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                if (!request.getRequestURI().startsWith("/play/assets/")) {
                    response.setHeader("Content-Security-Policy", POLICY);
                    response.setHeader("X-Content-Type-Options", "nosniff");
                    response.setHeader("Referrer-Policy", "same-origin");
                }
                chain.doFilter(request, response);
            }
        };
        var registration = new FilterRegistrationBean<HttpFilter>(filter);
        registration.addUrlPatterns("/play/*");
        registration.setName("playContentSecurityPolicy");
        return registration;
    }
}
