package org.wsz6.admin.research;

import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Research queries over the session summaries play pushed into UARD. */
@Repository
public class ResearchSessionRepository {

    private final JdbcClient jdbc;

    public ResearchSessionRepository(@Qualifier("uardJdbc") JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Sessions matching the filter, newest first. Debug sessions are left out: they are not research data. */
    public List<ResearchSessionRow> find(SessionFilter f) {
        StringBuilder sql = new StringBuilder("SELECT * FROM session_summaries s WHERE s.debug = FALSE");
        List<Object> params = new ArrayList<>();
        if (f.game() != null) {
            sql.append(" AND s.game_slug = ?");
            params.add(f.game());
        }
        if (f.from() != null) {
            sql.append(" AND s.created_at >= ?");
            params.add(Timestamp.from(f.from().atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (f.to() != null) {
            sql.append(" AND s.created_at < ?");
            params.add(Timestamp.from(f.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (f.owner() != null) {
            sql.append(" AND LOWER(s.owner_name) LIKE ?");
            params.add(like(f.owner()));
        }
        if (f.player() != null) {
            sql.append(" AND s.session_id IN (SELECT p.session_id FROM session_participants p WHERE LOWER(p.name) LIKE ?)");
            params.add(like(f.player()));
        }
        if (f.status() != null) {
            sql.append(" AND s.status = ?");
            params.add(f.status());
        }
        if ("completed".equals(f.outcome())) {
            sql.append(" AND s.completed > 0");
        } else if ("unfinished".equals(f.outcome())) {
            sql.append(" AND s.completed = 0");
        }
        sql.append(" ORDER BY s.created_at DESC");
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> {
            Timestamp ended = rs.getTimestamp("ended_at");
            return new ResearchSessionRow(rs.getString("session_id"), rs.getString("parent_session_id"),
                    rs.getString("game_slug"), rs.getString("game_version"), rs.getString("owner_name"),
                    rs.getTimestamp("created_at").toInstant(), ended == null ? null : ended.toInstant(),
                    rs.getString("status"), rs.getBoolean("debug"), rs.getInt("playthroughs"), rs.getInt("completed"));
        }).list();
    }

    public Optional<ResearchSessionRow> find(String sessionId) {
        return jdbc.sql("SELECT * FROM session_summaries WHERE session_id = ?").param(sessionId)
                .query((rs, n) -> {
                    Timestamp ended = rs.getTimestamp("ended_at");
                    return new ResearchSessionRow(rs.getString("session_id"), rs.getString("parent_session_id"),
                            rs.getString("game_slug"), rs.getString("game_version"), rs.getString("owner_name"),
                            rs.getTimestamp("created_at").toInstant(), ended == null ? null : ended.toInstant(),
                            rs.getString("status"), rs.getBoolean("debug"), rs.getInt("playthroughs"), rs.getInt("completed"));
                }).optional();
    }

    /** The games and statuses that occur, for the filter menus. */
    public List<String> games() {
        return jdbc.sql("SELECT DISTINCT game_slug FROM session_summaries ORDER BY game_slug").query(String.class).list();
    }

    public List<String> statuses() {
        return jdbc.sql("SELECT DISTINCT status FROM session_summaries ORDER BY status").query(String.class).list();
    }

    private static String like(String s) {
        return "%" + s.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
