package org.wsz6.play.session;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.wsz6.contract.v1.UserRef;
import org.wsz6.play.gdm.CanonicalJson;
import org.wsz6.play.gdm.GdmTime;

/** Sessions, participants, one-time links, play-throughs, checkpoints and artifacts in GDM (plain JDBC). */
@Repository
public class SessionStore {

    private final JdbcClient jdbc;

    public SessionStore(@Qualifier("gdmJdbc") JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- sessions -------------------------------------------------------------------------------

    public void insertSession(SessionInfo s, Phase phase, String inviteToken, String ownerClaimHash) {
        jdbc.sql("""
                INSERT INTO sessions (id, parent_session_id, game_slug, game_version, game_title, game_folder, owner_json,
                    options_json, game_env_json, allow_network, debug, phase, invite_token, owner_claim_hash,
                    created_at, updated_at, asset_token)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(s.id(), s.parentSessionId(), s.gameSlug(), s.gameVersion(), s.gameTitle(),
                        s.gameFolder().toString(), CanonicalJson.write(s.owner()), CanonicalJson.write(s.options()),
                        CanonicalJson.write(s.gameEnv()), s.allowNetwork(), s.debug(), phase.wire(), inviteToken,
                        ownerClaimHash, GdmTime.db(s.createdAt()), GdmTime.db(s.createdAt()), s.assetToken())
                .update();
    }

    /** A stored session with the parts that change. */
    public record StoredSession(SessionInfo info, Phase phase, int parallelLimitSeconds, Instant endedAt) {
    }

    public Optional<StoredSession> session(String id) {
        return jdbc.sql("SELECT * FROM sessions WHERE id = ?").param(id).query(SessionStore::mapSession).optional()
                .map(this::withAssetToken);
    }

    /** Sessions not ended: restored on startup. */
    public List<StoredSession> liveSessions() {
        return jdbc.sql("SELECT * FROM sessions WHERE ended_at IS NULL ORDER BY created_at")
                .query(SessionStore::mapSession).list().stream().map(this::withAssetToken).toList();
    }

    /**
     * Sessions stored before asset tokens existed (GDM V3) get one the first time they are read; the
     * {@code IS NULL} guard keeps the first token if two readers race, so a session's base_url never changes.
     */
    private StoredSession withAssetToken(StoredSession s) {
        if (s.info().assetToken() != null) {
            return s;
        }
        jdbc.sql("UPDATE sessions SET asset_token = ? WHERE id = ? AND asset_token IS NULL")
                .params(Tokens.newToken(), s.info().id()).update();
        String token = jdbc.sql("SELECT asset_token FROM sessions WHERE id = ?").param(s.info().id())
                .query(String.class).single();
        return new StoredSession(s.info().withAssetToken(token), s.phase(), s.parallelLimitSeconds(), s.endedAt());
    }

    public Optional<String> sessionIdByInvite(String inviteToken) {
        return jdbc.sql("SELECT id FROM sessions WHERE invite_token = ?").param(inviteToken)
                .query(String.class).optional();
    }

    /** The shareable invite token (shown again to the owner; it admits guests, it is no seat credential). */
    public String inviteToken(String sessionId) {
        return jdbc.sql("SELECT invite_token FROM sessions WHERE id = ?").param(sessionId).query(String.class).single();
    }

    public void updatePhase(String id, Phase phase, Instant endedAt) {
        jdbc.sql("UPDATE sessions SET phase = ?, updated_at = ?, ended_at = ? WHERE id = ?")
                .params(phase.wire(), GdmTime.db(Instant.now()), GdmTime.db(endedAt), id).update();
    }

    public void updateParallelLimit(String id, int seconds) {
        jdbc.sql("UPDATE sessions SET parallel_limit_s = ? WHERE id = ?").params(seconds, id).update();
    }

    /** Deletes debug sessions created before {@code cutoff} and everything logged for them. */
    public int deleteDebugSessionsBefore(Instant cutoff) {
        List<String> ids = jdbc.sql("SELECT id FROM sessions WHERE debug = TRUE AND created_at < ?")
                .param(GdmTime.db(cutoff)).query(String.class).list();
        for (String id : ids) {
            for (String table : List.of("artifacts", "checkpoints", "events", "playthroughs", "access_tokens", "participants")) {
                jdbc.sql("DELETE FROM " + table + " WHERE session_id = ?").param(id).update();
            }
            jdbc.sql("DELETE FROM sessions WHERE id = ?").param(id).update();
        }
        return ids.size();
    }

    private static StoredSession mapSession(ResultSet rs, int row) throws SQLException {
        SessionInfo info = new SessionInfo(rs.getString("id"), rs.getString("parent_session_id"),
                rs.getString("game_slug"), rs.getString("game_version"), rs.getString("game_title"),
                Path.of(rs.getString("game_folder")), CanonicalJson.read(rs.getString("owner_json"), UserRef.class),
                CanonicalJson.readMap(rs.getString("options_json")),
                CanonicalJson.MAPPER.convertValue(CanonicalJson.read(rs.getString("game_env_json")),
                        new TypeReference<Map<String, String>>() { }),
                rs.getBoolean("allow_network"), rs.getBoolean("debug"), GdmTime.instant(rs, "created_at"),
                rs.getString("asset_token"));
        return new StoredSession(info, Phase.fromWire(rs.getString("phase")), rs.getInt("parallel_limit_s"),
                GdmTime.instant(rs, "ended_at"));
    }

    // --- participants ---------------------------------------------------------------------------

    public void insertParticipant(String sessionId, Participant p, String tokenHash) {
        jdbc.sql("""
                INSERT INTO participants (id, session_id, name, kind, bot_kind, owner, admin_observer, may_take_over,
                    token_hash, roles_json, removed, joined_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(p.id(), sessionId, p.name(), p.kind().name(), p.botKind(), p.owner(), p.adminObserver(),
                        p.mayTakeOver(), tokenHash, CanonicalJson.write(p.roles()), p.removed(),
                        GdmTime.db(p.joinedAt()))
                .update();
    }

    /** Saves seats, name and removal (removal also revokes the participant's cookie token). */
    public void updateParticipant(Participant p) {
        jdbc.sql("UPDATE participants SET name = ?, roles_json = ?, removed = ?, token_hash = CASE WHEN ? THEN NULL ELSE token_hash END WHERE id = ?")
                .params(p.name(), CanonicalJson.write(p.roles()), p.removed(), p.removed(), p.id()).update();
    }

    /** Gives a participant a new cookie token (a re-invited player taking up their old seat). */
    public void replaceToken(String participantId, String tokenHash) {
        jdbc.sql("UPDATE participants SET token_hash = ? WHERE id = ?").params(tokenHash, participantId).update();
    }

    public List<Participant> participants(String sessionId) {
        return jdbc.sql("SELECT * FROM participants WHERE session_id = ? ORDER BY joined_at, id").param(sessionId)
                .query(SessionStore::mapParticipant).list();
    }

    /** The participant a cookie token belongs to, if it is valid for this session. */
    public Optional<String> participantIdByToken(String sessionId, String tokenHash) {
        return jdbc.sql("SELECT id FROM participants WHERE session_id = ? AND token_hash = ? AND removed = FALSE")
                .params(sessionId, tokenHash).query(String.class).optional();
    }

    private static Participant mapParticipant(ResultSet rs, int row) throws SQLException {
        List<Integer> roles = CanonicalJson.MAPPER.convertValue(CanonicalJson.read(rs.getString("roles_json")),
                new TypeReference<List<Integer>>() { });
        return new Participant(rs.getString("id"), rs.getString("name"),
                Participant.Kind.valueOf(rs.getString("kind")), rs.getString("bot_kind"), rs.getBoolean("owner"),
                rs.getBoolean("admin_observer"), rs.getBoolean("may_take_over"), roles, rs.getBoolean("removed"),
                GdmTime.instant(rs, "joined_at"));
    }

    // --- one-time links -------------------------------------------------------------------------

    public record AccessToken(String sessionId, String purpose, UserRef user, boolean mayTakeOver) {
    }

    public void insertAccessToken(String tokenHash, String sessionId, String purpose, UserRef user,
                                  boolean mayTakeOver, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO access_tokens (token_hash, session_id, purpose, user_json, may_take_over, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(tokenHash, sessionId, purpose, CanonicalJson.write(user), mayTakeOver, GdmTime.db(expiresAt))
                .update();
    }

    /** Marks a one-time link used and returns it; empty when unknown, used before, or expired. */
    public Optional<AccessToken> redeem(String tokenHash, String purpose) {
        int claimed = jdbc.sql("UPDATE access_tokens SET used = TRUE WHERE token_hash = ? AND purpose = ? AND used = FALSE AND expires_at > ?")
                .params(tokenHash, purpose, GdmTime.db(Instant.now())).update();
        if (claimed != 1) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT * FROM access_tokens WHERE token_hash = ?").param(tokenHash)
                .query((rs, n) -> new AccessToken(rs.getString("session_id"), rs.getString("purpose"),
                        CanonicalJson.read(rs.getString("user_json"), UserRef.class), rs.getBoolean("may_take_over")))
                .optional();
    }

    // --- play-throughs --------------------------------------------------------------------------

    public record StoredPlaythrough(String id, String sessionId, int ordinal, String parentPlaythroughId, long seed,
                                    Map<String, Object> config, String status, int steps, boolean goalReached,
                                    String goalMessage, List<Integer> winners, boolean draw, Instant startedAt,
                                    Instant endedAt) {
    }

    public void insertPlaythrough(StoredPlaythrough pt) {
        jdbc.sql("""
                INSERT INTO playthroughs (id, session_id, ordinal, parent_playthrough_id, seed, config_json, status,
                    steps, started_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(pt.id(), pt.sessionId(), pt.ordinal(), pt.parentPlaythroughId(), pt.seed(),
                        CanonicalJson.write(pt.config()), pt.status(), pt.steps(), GdmTime.db(pt.startedAt()))
                .update();
    }

    public void updatePlaythrough(String id, String status, int steps, boolean goalReached, String goalMessage,
                                  List<Integer> winners, boolean draw, Instant endedAt) {
        jdbc.sql("""
                UPDATE playthroughs SET status = ?, steps = ?, goal_reached = ?, goal_message = ?, winners_json = ?,
                    draw = ?, ended_at = ? WHERE id = ?""")
                .params(status, steps, goalReached, goalMessage, winners == null ? null : CanonicalJson.write(winners),
                        draw, GdmTime.db(endedAt), id)
                .update();
    }

    /** The highest play-through ordinal of a session (0 if none): one index look-up, not every row. */
    public int lastPlaythroughOrdinal(String sessionId) {
        return jdbc.sql("SELECT COALESCE(MAX(ordinal), 0) FROM playthroughs WHERE session_id = ?").param(sessionId)
                .query(Integer.class).single();
    }

    public List<StoredPlaythrough> playthroughs(String sessionId) {
        return jdbc.sql("SELECT * FROM playthroughs WHERE session_id = ? ORDER BY ordinal").param(sessionId)
                .query(SessionStore::mapPlaythrough).list();
    }

    public List<String> finishedPlaythroughIds() {
        return jdbc.sql("SELECT id FROM playthroughs WHERE status IN ('goal', 'ended') ORDER BY started_at")
                .query(String.class).list();
    }

    public Optional<StoredPlaythrough> playthrough(String id) {
        return jdbc.sql("SELECT * FROM playthroughs WHERE id = ?").param(id).query(SessionStore::mapPlaythrough).optional();
    }

    private static StoredPlaythrough mapPlaythrough(ResultSet rs, int row) throws SQLException {
        String winners = rs.getString("winners_json");
        return new StoredPlaythrough(rs.getString("id"), rs.getString("session_id"), rs.getInt("ordinal"),
                rs.getString("parent_playthrough_id"), rs.getLong("seed"),
                CanonicalJson.readMap(rs.getString("config_json")), rs.getString("status"), rs.getInt("steps"),
                rs.getBoolean("goal_reached"), rs.getString("goal_message"),
                winners == null ? null : CanonicalJson.MAPPER.convertValue(CanonicalJson.read(winners),
                        new TypeReference<List<Integer>>() { }),
                rs.getBoolean("draw"), GdmTime.instant(rs, "started_at"), GdmTime.instant(rs, "ended_at"));
    }

    // --- checkpoints and artifacts --------------------------------------------------------------

    public void insertCheckpoint(String sessionId, String playthroughId, long eventSeq, int step, String reason,
                                 String snapshot, Object seats, List<Long> undoSeqs) {
        jdbc.sql("""
                INSERT INTO checkpoints (session_id, playthrough_id, event_seq, step, reason, snapshot, seats_json,
                    undo_json, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(sessionId, playthroughId, eventSeq, step, reason, snapshot, CanonicalJson.write(seats),
                        CanonicalJson.write(undoSeqs), GdmTime.db(Instant.now()))
                .update();
    }

    public int countCheckpoints(String sessionId) {
        return jdbc.sql("SELECT COUNT(*) FROM checkpoints WHERE session_id = ?").param(sessionId).query(Integer.class).single();
    }

    /** Stores a new version of a document the game wrote; returns its version number. */
    public int insertArtifact(String sessionId, String playthroughId, String path, int step, String sha256, byte[] content) {
        Integer latest = jdbc.sql("SELECT MAX(version) FROM artifacts WHERE playthrough_id = ? AND path = ?")
                .params(playthroughId, path).query(Integer.class).optional().orElse(null);
        int version = latest == null ? 1 : latest + 1;
        jdbc.sql("""
                INSERT INTO artifacts (session_id, playthrough_id, path, version, step, sha256, size_bytes, content, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(sessionId, playthroughId, path, version, step, sha256, content.length, content,
                        GdmTime.db(Instant.now()))
                .update();
        return version;
    }

    public record StoredArtifact(String path, int version, int step, String sha256, long size) {
    }

    public List<StoredArtifact> artifacts(String playthroughId) {
        return jdbc.sql("SELECT path, version, step, sha256, size_bytes FROM artifacts WHERE playthrough_id = ? ORDER BY id")
                .param(playthroughId)
                .query((rs, n) -> new StoredArtifact(rs.getString("path"), rs.getInt("version"), rs.getInt("step"),
                        rs.getString("sha256"), rs.getLong("size_bytes"))).list();
    }

    // --- installed games ------------------------------------------------------------------------

    public void upsertInstalledGame(String slug, String version, String title, String folder, String status) {
        if (updateInstalledGame(slug, version, title, folder, status) > 0) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO installed_games (slug, version, title, folder, status, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(slug, version, title, folder, status, GdmTime.db(Instant.now())).update();
        } catch (org.springframework.dao.DuplicateKeyException insertedMeanwhile) {
            // Two announcements of the same version at once (admin's start-up sync and an install): the
            // other one inserted the row between our update and insert, so ours is an update after all.
            updateInstalledGame(slug, version, title, folder, status);
        }
    }

    private int updateInstalledGame(String slug, String version, String title, String folder, String status) {
        return jdbc.sql("UPDATE installed_games SET title = ?, folder = ?, status = ?, retired = FALSE, updated_at = ? WHERE slug = ? AND version = ?")
                .params(title, folder, status, GdmTime.db(Instant.now()), slug, version).update();
    }

    public void retireGame(String slug, String version) {
        jdbc.sql("UPDATE installed_games SET retired = TRUE, updated_at = ? WHERE slug = ? AND version = ?")
                .params(GdmTime.db(Instant.now()), slug, version).update();
    }

    public boolean isRetired(String slug, String version) {
        return jdbc.sql("SELECT retired FROM installed_games WHERE slug = ? AND version = ?").params(slug, version)
                .query(Boolean.class).optional().orElse(false);
    }
}
