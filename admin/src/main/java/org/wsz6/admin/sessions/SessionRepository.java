package org.wsz6.admin.sessions;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.wsz6.contract.InternalHttpClient;
import org.wsz6.contract.v1.SessionStatus;
import org.wsz6.contract.v1.SessionSummary;

/** Live session states (status pushes) and session summaries in UARD. */
@Repository
public class SessionRepository {

    private final JdbcClient jdbc;

    public SessionRepository(@Qualifier("uardJdbc") JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Admin launched this session: remember who owns it before play's first status push arrives. */
    public void recordLaunch(String sessionId, String gameSlug, String gameVersion, String gameTitle, long ownerId,
                             String ownerName, boolean debug, String inviteUrl, Instant now) {
        int updated = jdbc.sql("UPDATE live_sessions SET owner_id = ?, invite_url = ? WHERE session_id = ?")
                .params(ownerId, inviteUrl, sessionId).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO live_sessions (session_id, game_slug, game_version, game_title, owner_id, owner_name, state, "
                            + "debug, invite_url, started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'lobby', ?, ?, ?, ?)")
                    .params(sessionId, gameSlug, gameVersion, gameTitle, ownerId, ownerName, debug, inviteUrl,
                            Timestamp.from(now), Timestamp.from(now))
                    .update();
        }
    }

    /** Stores a status push; an older push than the one stored is ignored (pushes may overtake each other). */
    public void upsertStatus(SessionStatus s) {
        Instant updatedAt = s.updatedAt() == null ? Instant.now() : s.updatedAt();
        Instant startedAt = s.startedAt() == null ? updatedAt : s.startedAt();
        String seats = json(s.seats() == null ? List.of() : s.seats());
        int updated = jdbc.sql("UPDATE live_sessions SET game_slug = ?, game_version = ?, game_title = ?, owner_name = ?, "
                        + "state = ?, seats_json = ?, observers = ?, step = ?, debug = ?, started_at = ?, updated_at = ? "
                        + "WHERE session_id = ? AND updated_at <= ?")
                .params(s.gameSlug(), s.gameVersion(), s.gameTitle(), s.ownerName(), s.state(), seats, s.observers(),
                        s.step(), s.debug(), Timestamp.from(startedAt), Timestamp.from(updatedAt), s.sessionId(),
                        Timestamp.from(updatedAt))
                .update();
        if (updated == 0 && findLive(s.sessionId()).isEmpty()) {
            jdbc.sql("INSERT INTO live_sessions (session_id, game_slug, game_version, game_title, owner_name, state, seats_json, "
                            + "observers, step, debug, started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(s.sessionId(), s.gameSlug(), s.gameVersion(), s.gameTitle(), s.ownerName(), s.state(), seats,
                            s.observers(), s.step(), s.debug(), Timestamp.from(startedAt), Timestamp.from(updatedAt))
                    .update();
        }
    }

    public Optional<LiveSession> findLive(String sessionId) {
        return jdbc.sql("SELECT * FROM live_sessions WHERE session_id = ?").param(sessionId).query(this::mapLive).optional();
    }

    /** Sessions not ended, plus those that ended within the last hour, newest first. */
    public List<LiveSession> recentLive(Instant endedSince) {
        return jdbc.sql("SELECT * FROM live_sessions WHERE state <> 'ended' OR updated_at >= ? ORDER BY started_at DESC")
                .param(Timestamp.from(endedSince)).query(this::mapLive).list();
    }

    public List<LiveSession> liveOwnedBy(long ownerId) {
        return jdbc.sql("SELECT * FROM live_sessions WHERE owner_id = ? ORDER BY started_at DESC").param(ownerId)
                .query(this::mapLive).list();
    }

    public List<LiveSession> liveBetween(Instant from, Instant to) {
        return jdbc.sql("SELECT * FROM live_sessions WHERE started_at < ? AND updated_at >= ? ORDER BY started_at")
                .params(Timestamp.from(to), Timestamp.from(from)).query(this::mapLive).list();
    }

    /** Stores (or replaces) a summary and its participants. */
    public void saveSummary(SessionSummary s, Long ownerId) {
        jdbc.sql("DELETE FROM session_summaries WHERE session_id = ?").param(s.sessionId()).update();
        int playthroughs = s.playthroughs() == null ? 0 : s.playthroughs().size();
        int completed = s.playthroughs() == null ? 0 : (int) s.playthroughs().stream().filter(SessionSummary.PlaythroughSummary::goalReached).count();
        jdbc.sql("INSERT INTO session_summaries (session_id, parent_session_id, game_slug, game_version, owner_id, owner_name, "
                        + "created_at, ended_at, status, debug, playthroughs, completed, summary_json) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(s.sessionId(), s.parentSessionId(), s.gameSlug(), s.gameVersion(), ownerId,
                        s.owner() == null ? null : s.owner().displayName(),
                        Timestamp.from(s.createdAt() == null ? Instant.now() : s.createdAt()),
                        s.endedAt() == null ? null : Timestamp.from(s.endedAt()), s.status(), s.debug(), playthroughs,
                        completed, json(s))
                .update();
        if (s.participants() != null) {
            for (SessionSummary.Participant p : s.participants()) {
                jdbc.sql("INSERT INTO session_participants (session_id, name, user_id, guest, bot, role_index, role_name) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                        .params(s.sessionId(), p.name() == null ? "?" : p.name(), p.userId(), p.guest(), p.bot(),
                                p.roleIndex(), p.roleName())
                        .update();
            }
        }
    }

    public Optional<SessionRecord> findSummary(String sessionId) {
        return jdbc.sql("SELECT * FROM session_summaries WHERE session_id = ?").param(sessionId).query(this::mapRecord).optional();
    }

    public List<SessionRecord> ownedBy(long userId) {
        return jdbc.sql("SELECT * FROM session_summaries WHERE owner_id = ? ORDER BY created_at DESC").param(userId)
                .query(this::mapRecord).list();
    }

    public List<SessionRecord> playedBy(long userId) {
        return jdbc.sql("SELECT * FROM session_summaries WHERE session_id IN "
                        + "(SELECT session_id FROM session_participants WHERE user_id = ?) ORDER BY created_at DESC")
                .param(userId).query(this::mapRecord).list();
    }

    public List<SessionRecord> summariesBetween(Instant from, Instant to) {
        return jdbc.sql("SELECT * FROM session_summaries WHERE created_at < ? AND COALESCE(ended_at, created_at) >= ? "
                        + "ORDER BY created_at")
                .params(Timestamp.from(to), Timestamp.from(from)).query(this::mapRecord).list();
    }

    private LiveSession mapLive(ResultSet rs, int n) throws SQLException {
        long owner = rs.getLong("owner_id");
        Long ownerId = rs.wasNull() ? null : owner;
        List<SessionStatus.Seat> seats;
        try {
            seats = InternalHttpClient.JSON.readValue(rs.getString("seats_json"), new TypeReference<>() { });
        } catch (java.io.IOException e) {
            seats = List.of();
        }
        return new LiveSession(rs.getString("session_id"), rs.getString("game_slug"), rs.getString("game_version"),
                rs.getString("game_title"), ownerId, rs.getString("owner_name"), rs.getString("state"), seats,
                rs.getInt("observers"), rs.getInt("step"), rs.getBoolean("debug"),
                rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getString("invite_url"));
    }

    private SessionRecord mapRecord(ResultSet rs, int n) throws SQLException {
        long owner = rs.getLong("owner_id");
        Long ownerId = rs.wasNull() ? null : owner;
        Timestamp ended = rs.getTimestamp("ended_at");
        return new SessionRecord(rs.getString("session_id"), rs.getString("parent_session_id"), rs.getString("game_slug"),
                rs.getString("game_version"), ownerId, rs.getString("owner_name"), rs.getTimestamp("created_at").toInstant(),
                ended == null ? null : ended.toInstant(), rs.getString("status"), rs.getBoolean("debug"),
                rs.getInt("playthroughs"), rs.getInt("completed"));
    }

    private static String json(Object o) {
        try {
            return InternalHttpClient.JSON.writeValueAsString(o);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
