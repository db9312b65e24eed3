package org.wsz6.admin.uard;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wsz6.admin.support.PostgresSchemas;

/**
 * A UARD that was migrated before a lower-numbered migration was merged (here: at V50 without V20
 * and V21) takes the late ones on the next start instead of refusing to start. On H2 and on the real
 * PostgreSQL (its own schema, dropped afterwards).
 */
class LateMigrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aDatabaseAlreadyAtV50TakesTheLaterMergedV20AndV21(String db, @TempDir Path early) throws IOException {
        for (String file : List.of("V1__accounts_catalogue_sessions.sql", "V50__research_annotations_api_tokens.sql")) {
            try (InputStream in = LateMigrationTest.class.getResourceAsStream("/db/uard/" + file)) {
                Files.copy(in, early.resolve(file));
            }
        }
        String schema = "late_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = db.equals("h2") ? "jdbc:h2:mem:" + schema + ";DB_CLOSE_DELAY=-1" : PostgresSchemas.URL;
        String user = db.equals("h2") ? "sa" : "postgres";
        String inSchema = db.equals("h2") ? null : schema;
        try (HikariDataSource ds = UardDatabase.dataSource(url, user, "")) {
            UardDatabase.flyway(ds, inSchema, "filesystem:" + early).migrate();
            var result = UardDatabase.flyway(ds, inSchema).migrate();
            // contains, not containsExactly: every migration merged below V50 later shows up here too.
            assertThat(result.migrations).extracting(m -> m.version).contains("20", "21", "23");
            JdbcClient jdbc = JdbcClient.create(ds);
            String prefix = inSchema == null ? "" : inSchema + ".";
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + prefix + "game_settings").query(Long.class).single()).isZero();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + prefix + "game_previews").query(Long.class).single()).isZero();
            assertThat(jdbc.sql("SELECT COUNT(invite_url) FROM " + prefix + "live_sessions").query(Long.class).single()).isZero();
        } finally {
            if (inSchema != null) {
                PostgresSchemas.drop(inSchema);
            }
        }
    }
}
