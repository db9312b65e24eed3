package org.wsz6.admin.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Per-game settings in UARD (table {@code game_settings}). */
@Repository
public class GameSettingsRepository {

    private static final TypeReference<Map<String, String>> ENV = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    public GameSettingsRepository(@Qualifier("uardJdbc") JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public GameSettings find(String slug) {
        return jdbc.sql("SELECT env_json, allow_network, admins_may_take_over FROM game_settings WHERE game_slug = ?").param(slug)
                .query((rs, n) -> new GameSettings(fromJson(rs.getString(1)), rs.getBoolean(2), rs.getBoolean(3)))
                .optional().orElse(GameSettings.NONE);
    }

    public void save(String slug, GameSettings settings, Long updatedBy, Instant now) {
        int updated = jdbc.sql("UPDATE game_settings SET env_json = ?, allow_network = ?, admins_may_take_over = ?, updated_at = ?, updated_by = ? "
                        + "WHERE game_slug = ?")
                .params(GameRepository.toJson(settings.env()), settings.allowNetwork(), settings.adminsMayTakeOver(),
                        Timestamp.from(now), updatedBy, slug)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO game_settings (game_slug, env_json, allow_network, admins_may_take_over, updated_at, updated_by) "
                            + "VALUES (?, ?, ?, ?, ?, ?)")
                    .params(slug, GameRepository.toJson(settings.env()), settings.allowNetwork(),
                            settings.adminsMayTakeOver(), Timestamp.from(now), updatedBy)
                    .update();
        }
    }

    private static Map<String, String> fromJson(String json) {
        try {
            return GameRepository.JSON.readValue(json, ENV);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored game settings are not readable: " + e.getMessage(), e);
        }
    }
}
