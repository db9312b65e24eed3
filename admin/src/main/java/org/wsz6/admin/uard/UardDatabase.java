package org.wsz6.admin.uard;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * How the UARD database is opened and migrated, in one place so that the Spring wiring and the
 * tests (which open H2 and PostgreSQL databases of their own) do it the same way.
 */
public final class UardDatabase {

    private UardDatabase() {
    }

    /**
     * A pooled data source. H2 URLs get PostgreSQL compatibility mode, because every migration and
     * query is written once for both databases.
     */
    public static HikariDataSource dataSource(String url, String username, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(withH2Compatibility(url));
        config.setUsername(username);
        config.setPassword(password == null ? "" : password);
        config.setPoolName("uard");
        config.setMaximumPoolSize(8);
        return new HikariDataSource(config);
    }

    static String withH2Compatibility(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        url = absoluteFilePath(url);
        if (url.toUpperCase().contains("MODE=")) {
            return url;
        }
        return url + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    /** H2 refuses file paths relative to the working directory unless they start with "./"; make them absolute. */
    private static String absoluteFilePath(String url) {
        String prefix = "jdbc:h2:file:";
        if (!url.startsWith(prefix)) {
            return url;
        }
        String rest = url.substring(prefix.length());
        int semicolon = rest.indexOf(';');
        String path = semicolon < 0 ? rest : rest.substring(0, semicolon);
        String options = semicolon < 0 ? "" : rest.substring(semicolon);
        if (path.startsWith("~")) {
            return url;
        }
        return prefix + java.nio.file.Path.of(path).toAbsolutePath().normalize() + options;
    }

    /**
     * Flyway for UARD's own migrations ({@code classpath:db/uard}); {@code schema} may be null.
     * Parts of the portal number their migrations in ranges of their own (V1.., V20.., V50..) and are
     * merged in any order, so a database already at V50 must still take a later-merged V20:
     * out-of-order migrations are applied rather than refused.
     */
    public static Flyway flyway(DataSource dataSource, String schema) {
        return flyway(dataSource, schema, "classpath:db/uard");
    }

    static Flyway flyway(DataSource dataSource, String schema, String location) {
        var configuration = Flyway.configure().dataSource(dataSource).locations(location)
                .table("uard_schema_history").outOfOrder(true);
        if (schema != null && !schema.isBlank()) {
            configuration.schemas(schema).createSchemas(true);
        }
        return configuration.load();
    }
}
