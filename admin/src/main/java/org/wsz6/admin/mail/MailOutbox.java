package org.wsz6.admin.mail;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The durable outbox. A mail is queued in the same transaction as the change that causes it
 * (account created, reset asked for), so it is neither lost nor sent for a change that rolled back.
 * {@link MailDispatcher} sends what is due and retries failures with growing delays.
 */
@Component
public class MailOutbox {

    /** After this many failed attempts a mail is given up (and stays in the table, marked failed). */
    public static final int MAX_ATTEMPTS = 8;

    private final JdbcClient jdbc;

    public MailOutbox(@Qualifier("uardJdbc") JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record OutgoingMail(long id, String to, String subject, String body, int attempts) {
    }

    public void enqueue(String to, String subject, String body) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("INSERT INTO mail_outbox (to_address, subject, body, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?)")
                .params(to, subject, body, now, now).update();
    }

    public List<OutgoingMail> due(int limit) {
        return jdbc.sql("SELECT id, to_address, subject, body, attempts FROM mail_outbox "
                        + "WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?")
                .params(Timestamp.from(Instant.now()), limit)
                .query((rs, n) -> new OutgoingMail(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)))
                .list();
    }

    public void markSent(long id) {
        jdbc.sql("UPDATE mail_outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?")
                .params(Timestamp.from(Instant.now()), id).update();
    }

    /** Records a failure; the next attempt waits 30 s, 1 min, 2 min ... up to an hour. */
    public void markFailed(OutgoingMail mail, String error) {
        int attempts = mail.attempts() + 1;
        Instant now = Instant.now();
        long delaySeconds = Math.min(3600, 30L << Math.min(attempts - 1, 7));
        jdbc.sql("UPDATE mail_outbox SET attempts = ?, last_error = ?, next_attempt_at = ?, failed_at = ? WHERE id = ?")
                .params(attempts, truncate(error), Timestamp.from(now.plus(Duration.ofSeconds(delaySeconds))),
                        attempts >= MAX_ATTEMPTS ? Timestamp.from(now) : null, mail.id())
                .update();
    }

    public long pendingCount() {
        return jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL").query(Long.class).single();
    }

    private static String truncate(String s) {
        if (s == null) {
            return "unknown error";
        }
        return s.length() > 1000 ? s.substring(0, 1000) : s;
    }
}
