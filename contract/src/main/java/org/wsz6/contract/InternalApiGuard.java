package org.wsz6.contract;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.wsz6.contract.v1.InternalApiV1;

/**
 * Refuses every {@code /internal/**} request that lacks the shared secret, carries a wrong one, or
 * comes from an address that is not allowed. Both components register it in front of their
 * internal endpoints, so the rule is written once.
 */
public class InternalApiGuard extends HttpFilter {

    private final byte[] secret;
    private final Set<String> allowedAddresses;

    public InternalApiGuard(String secret, Set<String> allowedAddresses) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("The internal API secret must have at least 16 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.allowedAddresses = Set.copyOf(allowedAddresses);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!request.getRequestURI().startsWith(InternalApiV1.PREFIX.substring(0, "/internal/".length()))) {
            chain.doFilter(request, response);
            return;
        }
        if (!allowedAddresses.isEmpty() && !allowedAddresses.contains(request.getRemoteAddr())) {
            refuse(response, "calls from " + request.getRemoteAddr() + " are not allowed");
            return;
        }
        String given = request.getHeader(InternalApiV1.SECRET_HEADER);
        if (given == null) {
            refuse(response, "missing " + InternalApiV1.SECRET_HEADER + " header");
            return;
        }
        // Constant-time comparison: the secret must not leak through timing.
        if (!MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
            refuse(response, "wrong internal API secret");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, String why) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"forbidden\",\"message\":\"Internal API: " + why + "\"}");
    }
}
