package org.wsz6.admin.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.wsz6.admin.permissions.GameStatus;

/** Games, their versions and lifecycle history in UARD. */
@Repository
public class GameRepository {

    static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final String GAME_COLUMNS = "g.slug, g.title, g.summary, g.owner_id, u.display_name AS owner_name, "
            + "g.status, g.current_version, g.created_at, g.status_changed_at";

    private final JdbcClient jdbc;

    public GameRepository(@Qualifier("uardJdbc") JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Game> all() {
        return jdbc.sql("SELECT " + GAME_COLUMNS + " FROM games g LEFT JOIN users u ON u.id = g.owner_id ORDER BY LOWER(g.title)")
                .query(this::mapGame).list();
    }

    public Optional<Game> find(String slug) {
        return jdbc.sql("SELECT " + GAME_COLUMNS + " FROM games g LEFT JOIN users u ON u.id = g.owner_id WHERE g.slug = ?")
                .param(slug).query(this::mapGame).optional();
    }

    public boolean exists(String slug) {
        return jdbc.sql("SELECT COUNT(*) FROM games WHERE slug = ?").param(slug).query(Long.class).single() > 0;
    }

    public void insertGame(String slug, String title, String summary, Long ownerId, GameStatus status, String version,
                           Long changedBy, Instant now) {
        jdbc.sql("INSERT INTO games (slug, title, summary, owner_id, status, current_version, created_at, status_changed_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(slug, title, summary, ownerId, status.name(), version, Timestamp.from(now), Timestamp.from(now))
                .update();
        recordStatus(slug, status, changedBy, now);
    }

    public void updateCurrentVersion(String slug, String version, String title, String summary) {
        jdbc.sql("UPDATE games SET current_version = ?, title = ?, summary = ?, play_notified = FALSE WHERE slug = ?")
                .params(version, title, summary, slug).update();
    }

    public void updateStatus(String slug, GameStatus status, Long changedBy, Instant now) {
        jdbc.sql("UPDATE games SET status = ?, status_changed_at = ?, play_notified = FALSE WHERE slug = ?")
                .params(status.name(), Timestamp.from(now), slug).update();
        recordStatus(slug, status, changedBy, now);
    }

    private void recordStatus(String slug, GameStatus status, Long changedBy, Instant now) {
        jdbc.sql("INSERT INTO game_status_changes (game_slug, status, changed_at, changed_by) VALUES (?, ?, ?, ?)")
                .params(slug, status.name(), Timestamp.from(now), changedBy).update();
    }

    public List<StatusChange> history(String slug) {
        return jdbc.sql("SELECT c.status, c.changed_at, u.display_name FROM game_status_changes c "
                        + "LEFT JOIN users u ON u.id = c.changed_by WHERE c.game_slug = ? ORDER BY c.changed_at, c.id")
                .param(slug)
                .query((rs, n) -> new StatusChange(GameStatus.valueOf(rs.getString(1)), rs.getTimestamp(2).toInstant(),
                        rs.getString(3)))
                .list();
    }

    public void insertVersion(String slug, String version, String folder, GameDescription description,
                              Long installedBy, Instant now) {
        jdbc.sql("INSERT INTO game_versions (game_slug, version, folder, pff, description_json, min_players, max_players, "
                        + "installed_at, installed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(slug, version, folder, description.pff() == null ? "" : description.pff(), toJson(description),
                        description.minPlayersToStart(), description.maxPlayers(), Timestamp.from(now), installedBy)
                .update();
    }

    public boolean versionExists(String slug, String version) {
        return jdbc.sql("SELECT COUNT(*) FROM game_versions WHERE game_slug = ? AND version = ?").params(slug, version)
                .query(Long.class).single() > 0;
    }

    public List<GameVersion> versions(String slug) {
        return jdbc.sql("SELECT v.*, u.display_name AS installer FROM game_versions v LEFT JOIN users u ON u.id = v.installed_by "
                        + "WHERE v.game_slug = ? ORDER BY v.installed_at DESC")
                .param(slug).query(this::mapVersion).list();
    }

    public Optional<GameVersion> version(String slug, String version) {
        return jdbc.sql("SELECT v.*, u.display_name AS installer FROM game_versions v LEFT JOIN users u ON u.id = v.installed_by "
                        + "WHERE v.game_slug = ? AND v.version = ?")
                .params(slug, version).query(this::mapVersion).optional();
    }

    public void retireVersion(String slug, String version, Instant now) {
        jdbc.sql("UPDATE game_versions SET retired_at = ? WHERE game_slug = ? AND version = ?")
                .params(Timestamp.from(now), slug, version).update();
    }

    public List<String> slugsNotNotified() {
        return jdbc.sql("SELECT slug FROM games WHERE play_notified = FALSE ORDER BY slug").query(String.class).list();
    }

    public void markNotified(String slug) {
        jdbc.sql("UPDATE games SET play_notified = TRUE WHERE slug = ?").param(slug).update();
    }

    /** Play must hear about this game again (its settings changed). */
    public void markNotNotified(String slug) {
        jdbc.sql("UPDATE games SET play_notified = FALSE WHERE slug = ?").param(slug).update();
    }

    public void markAllNotNotified() {
        jdbc.sql("UPDATE games SET play_notified = FALSE").update();
    }

    public GameStats stats(String slug) {
        return jdbc.sql("SELECT playthroughs, completed, created_at, ended_at FROM session_summaries "
                        + "WHERE game_slug = ? AND debug = FALSE")
                .param(slug)
                .query(rs -> {
                    long sessions = 0, playthroughs = 0, completed = 0;
                    double seconds = 0;
                    while (rs.next()) {
                        sessions++;
                        playthroughs += rs.getLong(1);
                        completed += rs.getLong(2);
                        Timestamp start = rs.getTimestamp(3), end = rs.getTimestamp(4);
                        if (start != null && end != null) {
                            seconds += Duration.between(start.toInstant(), end.toInstant()).toSeconds();
                        }
                    }
                    return new GameStats(sessions, playthroughs, completed, seconds / 3600.0);
                });
    }

    private Game mapGame(ResultSet rs, int n) throws SQLException {
        long owner = rs.getLong("owner_id");
        return new Game(rs.getString("slug"), rs.getString("title"), rs.getString("summary"),
                rs.wasNull() ? null : owner, rs.getString("owner_name"), GameStatus.valueOf(rs.getString("status")),
                rs.getString("current_version"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("status_changed_at").toInstant());
    }

    private GameVersion mapVersion(ResultSet rs, int n) throws SQLException {
        Timestamp retired = rs.getTimestamp("retired_at");
        return new GameVersion(rs.getString("game_slug"), rs.getString("version"), rs.getString("folder"),
                rs.getString("pff"), fromJson(rs.getString("description_json")), rs.getInt("min_players"),
                rs.getInt("max_players"), rs.getTimestamp("installed_at").toInstant(), rs.getString("installer"),
                retired == null ? null : retired.toInstant());
    }

    static String toJson(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GameDescription fromJson(String json) {
        try {
            return JSON.readValue(json, GameDescription.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored game description is not readable: " + e.getMessage(), e);
        }
    }
}
