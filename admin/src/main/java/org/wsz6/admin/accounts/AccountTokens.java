package org.wsz6.admin.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Single-use, expiring tokens for password-reset and invitation links. Only the SHA-256 of a token
 * is stored, so a leaked database does not hand out working links.
 */
@Component
public class AccountTokens {

    public enum Purpose { RESET, INVITE }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock = Clock.systemUTC();

    public AccountTokens(@Qualifier("uardJdbc") JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new token for the account; the raw value goes into the link and is never stored. */
    public String issue(long userId, Purpose purpose, Duration validFor) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("INSERT INTO account_tokens (token_hash, user_id, purpose, expires_at) VALUES (?, ?, ?, ?)")
                .params(hash(token), userId, purpose.name(), Timestamp.from(clock.instant().plus(validFor))).update();
        return token;
    }

    /** The account a still-valid token belongs to, without using it up (to show the form). */
    public long peek(String token, Purpose purpose) {
        var row = jdbc.sql("SELECT user_id, expires_at, used_at FROM account_tokens WHERE token_hash = ? AND purpose = ?")
                .params(hash(token == null ? "" : token), purpose.name())
                .query((rs, n) -> new Row(rs.getLong(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()))
                .optional()
                .orElseThrow(() -> new AccountException("This link is not valid. Ask for a new one."));
        if (row.usedAt() != null) {
            throw new AccountException("This link has already been used. Ask for a new one.");
        }
        if (!clock.instant().isBefore(row.expiresAt())) {
            throw new AccountException("This link has expired. Ask for a new one.");
        }
        return row.userId();
    }

    /** Uses the token up; a second use, or a use after expiry, is refused. */
    public long consume(String token, Purpose purpose) {
        long userId = peek(token, purpose);
        int updated = jdbc.sql("UPDATE account_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL")
                .params(Timestamp.from(clock.instant()), hash(token)).update();
        if (updated != 1) {
            throw new AccountException("This link has already been used. Ask for a new one.");
        }
        return userId;
    }

    private record Row(long userId, Instant expiresAt, Instant usedAt) {
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
