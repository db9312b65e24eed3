package org.wsz6.admin.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows down password guessing: each client address, and each username, gets a small bucket of
 * login attempts (bucket4j) that refills over time. A request past the limit is answered with the
 * login page's "too many attempts" message, without checking the password. Created by
 * {@link SecurityConfig} and placed in the filter chain only (not as a servlet filter of its own).
 */
public class LoginRateLimiter extends OncePerRequestFilter {

    private final int perUser;
    private final int perAddress;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public LoginRateLimiter(int perUser, int perAddress) {
        this.perUser = perUser;
        this.perAddress = perAddress;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && (request.getContextPath() + "/login").equals(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String username = String.valueOf(request.getParameter("username")).trim().toLowerCase(Locale.ROOT);
        boolean addressOk = bucket("ip:" + request.getRemoteAddr(), perAddress).tryConsume(1);
        boolean userOk = bucket("user:" + username, perUser).tryConsume(1);
        if (!addressOk || !userOk) {
            response.sendRedirect(request.getContextPath() + "/login?throttled");
            return;
        }
        chain.doFilter(request, response);
    }

    private Bucket bucket(String key, int capacity) {
        if (buckets.size() > 100_000) {
            buckets.clear(); // crude bound on memory under a flood of distinct names
        }
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, Duration.ofMinutes(1)).build())
                .build());
    }
}
