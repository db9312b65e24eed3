package org.wsz6.admin.research;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.wsz6.admin.accounts.Account;
import org.wsz6.admin.accounts.AccountRepository;

/**
 * Reads {@code Authorization: Bearer wsz6_...} on {@code /api/v1/**} and signs the request in as
 * the token's owner, if the token exists, is not revoked and its account is active. Anything else
 * is answered 401 with a message saying which of these failed. What the owner may then read is
 * decided, as everywhere, by the permission service.
 */
public class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    static final String OPENAPI = "/api/v1/openapi.json";

    private final ApiTokenService tokens;
    private final AccountRepository accounts;

    public ApiTokenAuthenticationFilter(ApiTokenService tokens, AccountRepository accounts) {
        this.tokens = tokens;
        this.accounts = accounts;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().equals(request.getContextPath() + OPENAPI);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            unauthorized(response, "Send your research API token as 'Authorization: Bearer <token>'. "
                    + "Tokens are created on the portal's Research → API tokens page.");
            return;
        }
        Optional<Account> account = tokens.authenticate(header.substring(7).trim())
                .flatMap(accounts::findById).filter(Account::active);
        if (account.isEmpty()) {
            unauthorized(response, "This API token is not valid: it was revoked, mistyped, or its account is deactivated.");
            return;
        }
        var auth = new UsernamePasswordAuthenticationToken(account.get().username(), null,
                List.of(new SimpleGrantedAuthority(account.get().type().name())));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(auth);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    static void unauthorized(HttpServletResponse response, String message) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"wsz6-research\"");
        response.setContentType("application/json;charset=UTF-8");
        response.getWriter().write(org.wsz6.contract.InternalHttpClient.JSON.writeValueAsString(
                java.util.Map.of("error", "unauthorized", "message", message)));
    }
}
