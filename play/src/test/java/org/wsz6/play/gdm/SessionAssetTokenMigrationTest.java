package org.wsz6.play.gdm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.env.MockEnvironment;
import org.wsz6.play.session.SessionStore;

/**
 * A GDM from before asset tokens (already at V50, the research indexes) takes the later-merged V3; a
 * session stored then gets an asset token on its first read, and keeps it on every later read (restart).
 */
class SessionAssetTokenMigrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void anOldSessionGetsOneAssetTokenThatSurvivesRestarts(String kind) throws Exception {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        MockEnvironment env = kind.equals("postgres")
                ? GdmTestDatabase.postgresProperties(new MockEnvironment(), schema)
                : new MockEnvironment().withProperty("wsz6.gdm.url", "jdbc:h2:file:./target/test-gdm/assets-" + schema);
        GdmDatabaseConfig config = new GdmDatabaseConfig();
        try (var dataSource = config.gdmDataSource(env)) {
            // The database as the previous release left it: V1 and V50, no V3.
            Path old = Files.createTempDirectory("gdm-before-v3");
            for (String file : new String[] {"V1__gdm_sessions_and_logs.sql", "V50__research_indexes.sql"}) {
                Files.write(old.resolve(file), new ClassPathResource("db/gdm/" + file).getContentAsByteArray());
            }
            var before = Flyway.configure().dataSource(dataSource).locations("filesystem:" + old)
                    .table("gdm_schema_history");
            if (kind.equals("postgres")) {
                before.schemas(schema).createSchemas(true);
            }
            before.load().migrate();
            JdbcClient jdbc = JdbcClient.create(dataSource);
            jdbc.sql("""
                    INSERT INTO sessions (id, game_slug, game_version, game_title, game_folder, owner_json, options_json,
                        game_env_json, allow_network, debug, phase, invite_token, created_at, updated_at)
                    VALUES ('old1', 'g', '1', 'G', '/tmp/g', '{}', '{}', '{}', FALSE, FALSE, 'paused', 'inv-old1', ?, ?)""")
                    .params(GdmTime.db(Instant.now()), GdmTime.db(Instant.now())).update();

            // This release starts: V3 applies out of order, and the old session is still there.
            SessionStore store = new SessionStore(config.gdmJdbc(dataSource, config.gdmFlyway(dataSource, env)));
            String first = store.session("old1").orElseThrow().info().assetsBaseUrl();
            assertThat(first).matches("/play/assets/old1/[A-Za-z0-9_-]{43}/");

            // A restart reads it again (live sessions are restored): the same base_url every time.
            SessionStore afterRestart = new SessionStore(config.gdmJdbc(dataSource, config.gdmFlyway(dataSource, env)));
            assertThat(afterRestart.liveSessions()).extracting(s -> s.info().assetsBaseUrl()).containsExactly(first);
            assertThat(afterRestart.session("old1").orElseThrow().info().assetsBaseUrl()).isEqualTo(first);
        } finally {
            if (kind.equals("postgres")) {
                GdmTestDatabase.dropSchema(schema);
            }
        }
    }
}
