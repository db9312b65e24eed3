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

    /** Every session matching the filter, newest first (for exports of the filtered set). */
    public List<ResearchSessionRow> find(SessionFilter f) {
        Where where = where(f);
        return jdbc.sql("SELECT * FROM session_summaries s" + where.sql() + " ORDER BY s.created_at DESC, s.session_id")
                .params(where.params()).query(ResearchSessionRepository::row).list();
    }

    /** One page of the sessions matching the filter, newest first; {@code offset} rows are skipped. */
    public List<ResearchSessionRow> page(SessionFilter f, long offset, int limit) {
        Where where = where(f);
        List<Object> params = new ArrayList<>(where.params());
        params.add(limit);
        params.add(offset);
        return jdbc.sql("SELECT * FROM session_summaries s" + where.sql()
                        + " ORDER BY s.created_at DESC, s.session_id LIMIT ? OFFSET ?")
                .params(params).query(ResearchSessionRepository::row).list();
    }

    /** Totals over every session the filter selects, read row by row (no list of thousands kept). */
    public DashboardStats stats(SessionFilter f) {
        Where where = where(f);
        DashboardStats.Tally tally = new DashboardStats.Tally();
        jdbc.sql("SELECT s.created_at, s.ended_at, s.playthroughs, s.completed FROM session_summaries s" + where.sql())
                .params(where.params())
                .query(rs -> {
                    Timestamp ended = rs.getTimestamp("ended_at");
                    tally.add(rs.getTimestamp("created_at").toInstant(), ended == null ? null : ended.toInstant(),
                            rs.getInt("playthroughs"), rs.getInt("completed"));
                });
        return tally.stats();
    }

    private record Where(String sql, List<Object> params) {
    }

    /** The filter as a WHERE clause. Debug sessions are left out: they are not research data. */
    private static Where where(SessionFilter f) {
        StringBuilder sql = new StringBuilder(" WHERE s.debug = FALSE");
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
        return new Where(sql.toString(), params);
    }

    private static ResearchSessionRow row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp ended = rs.getTimestamp("ended_at");
        return new ResearchSessionRow(rs.getString("session_id"), rs.getString("parent_session_id"),
                rs.getString("game_slug"), rs.getString("game_version"), rs.getString("owner_name"),
                rs.getTimestamp("created_at").toInstant(), ended == null ? null : ended.toInstant(),
                rs.getString("status"), rs.getBoolean("debug"), rs.getInt("playthroughs"), rs.getInt("completed"));
    }

    public Optional<ResearchSessionRow> find(String sessionId) {
        return jdbc.sql("SELECT * FROM session_summaries WHERE session_id = ?").param(sessionId)
                .query(ResearchSessionRepository::row).optional();
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
