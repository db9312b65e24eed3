package org.wsz6.admin.research;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.wsz6.admin.accounts.Account;
import org.wsz6.admin.permissions.Action;
import org.wsz6.admin.permissions.Permissions;
import org.wsz6.admin.permissions.Target;

/**
 * Per-researcher API tokens: 32 random bytes shown once at creation, stored only as their SHA-256
 * (a token is high-entropy, so a fast hash is enough and lets each request be checked by lookup).
 * Revoking keeps the row, so a leaked token's use stays traceable.
 */
@Service
public class ApiTokenService {

    public static final String TOKEN_PREFIX = "wsz6_";

    private final JdbcClient jdbc;
    private final Permissions permissions;
    private final SecureRandom random = new SecureRandom();

    public ApiTokenService(@Qualifier("uardJdbc") JdbcClient jdbc, Permissions permissions) {
        this.jdbc = jdbc;
        this.permissions = permissions;
    }

    /** A token just created: {@code secret} is shown to its owner this once and never again. */
    public record Created(ApiToken token, String secret) {
    }

    public Created create(Account owner, String name) {
        permissions.require(owner.actor(), Action.API_TOKENS, Target.NONE);
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > 100) {
            throw new ResearchException("Give the token a name of 1 to 100 characters, e.g. the tool that will use it.");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = Instant.now();
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO research_api_tokens (user_id, name, token_hash, token_prefix, created_at)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(owner.id(), label, hash(secret), secret.substring(0, 12), Timestamp.from(now))
                .update(keys, "id");
        return new Created(new ApiToken(keys.getKey().longValue(), owner.id(), label, secret.substring(0, 12), now, null, null),
                secret);
    }

    public List<ApiToken> list(Account owner) {
        return jdbc.sql("SELECT * FROM research_api_tokens WHERE user_id = ? ORDER BY created_at DESC, id DESC")
                .param(owner.id()).query(this::map).list();
    }

    public void revoke(Account owner, long tokenId) {
        int n = jdbc.sql("UPDATE research_api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(Instant.now()), tokenId, owner.id()).update();
        if (n == 0) {
            throw new ResearchException("You have no active token " + tokenId + " to revoke.");
        }
    }

    /** The owner's user id of a presented token that exists and is not revoked; records its use. */
    public Optional<Long> authenticate(String presented) {
        if (presented == null || !presented.startsWith(TOKEN_PREFIX) || presented.length() > 100) {
            return Optional.empty();
        }
        Optional<ApiToken> token = jdbc.sql("SELECT * FROM research_api_tokens WHERE token_hash = ? AND revoked_at IS NULL")
                .param(hash(presented)).query(this::map).optional();
        token.ifPresent(t -> jdbc.sql("UPDATE research_api_tokens SET last_used_at = ? WHERE id = ?")
                .params(Timestamp.from(Instant.now()), t.id()).update());
        return token.map(ApiToken::userId);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ApiToken map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp used = rs.getTimestamp("last_used_at");
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new ApiToken(rs.getLong("id"), rs.getLong("user_id"), rs.getString("name"), rs.getString("token_prefix"),
                rs.getTimestamp("created_at").toInstant(), used == null ? null : used.toInstant(),
                revoked == null ? null : revoked.toInstant());
    }
}
