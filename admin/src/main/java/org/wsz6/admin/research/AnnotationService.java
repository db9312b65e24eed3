package org.wsz6.admin.research;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.wsz6.admin.accounts.Account;

/** Annotations in UARD: each reader sees their own notes and the shared notes of others. */
@Service
public class AnnotationService {

    static final int MAX_LENGTH = 4000;

    private final JdbcClient jdbc;

    public AnnotationService(@Qualifier("uardJdbc") JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Annotation add(Account author, String sessionId, String playthroughId, Long eventSeq, String body, boolean shared) {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            throw new ResearchException("An annotation needs some text.");
        }
        if (text.length() > MAX_LENGTH) {
            throw new ResearchException("An annotation holds at most " + MAX_LENGTH + " characters (this one has "
                    + text.length() + ").");
        }
        if (eventSeq != null && playthroughId == null) {
            throw new ResearchException("An annotation on an event must name its play-through.");
        }
        Instant now = Instant.now();
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO research_annotations (author_id, session_id, playthrough_id, event_seq, body, shared, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(author.id(), sessionId, playthroughId, eventSeq, text, shared, Timestamp.from(now))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        return new Annotation(id, author.id(), author.displayName(), sessionId, playthroughId, eventSeq, text, shared, now);
    }

    /** Every annotation of the session the reader may see: their own and the shared ones, oldest first. */
    public List<Annotation> visible(Account reader, String sessionId) {
        return jdbc.sql("""
                        SELECT a.*, u.display_name FROM research_annotations a JOIN users u ON u.id = a.author_id
                        WHERE a.session_id = ? AND (a.author_id = ? OR a.shared = TRUE) ORDER BY a.created_at, a.id""")
                .params(sessionId, reader.id())
                .query((rs, n) -> {
                    long seq = rs.getLong("event_seq");
                    Long eventSeq = rs.wasNull() ? null : seq;
                    return new Annotation(rs.getLong("id"), rs.getLong("author_id"), rs.getString("display_name"),
                            rs.getString("session_id"), rs.getString("playthrough_id"), eventSeq, rs.getString("body"),
                            rs.getBoolean("shared"), rs.getTimestamp("created_at").toInstant());
                }).list();
    }

    /** Deletes one of the reader's own annotations; others' notes cannot be deleted. */
    public void delete(Account reader, long id) {
        int n = jdbc.sql("DELETE FROM research_annotations WHERE id = ? AND author_id = ?").params(id, reader.id()).update();
        if (n == 0) {
            throw new ResearchException("You have no annotation " + id + " to delete.");
        }
    }
}
