package org.wsz6.play.gdm;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A migrated GDM for one test class: an H2 file database in target/, or a uniquely named schema in
 * the real PostgreSQL at 127.0.0.1:5432 (dropped by {@link #close()}), so parallel runs never collide.
 */
public final class GdmTestDatabase implements AutoCloseable {

    public static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    public final String kind;
    public final String schema;
    public final HikariDataSource dataSource;
    public final JdbcClient jdbc;
    public final TransactionTemplate transactions;

    private GdmTestDatabase(String kind, String schema, MockEnvironment env) {
        this.kind = kind;
        this.schema = schema;
        GdmDatabaseConfig config = new GdmDatabaseConfig();
        this.dataSource = config.gdmDataSource(env);
        var flyway = config.gdmFlyway(dataSource, env);
        this.jdbc = config.gdmJdbc(dataSource, flyway);
        this.transactions = config.gdmTransactions(config.gdmTransactionManager(dataSource));
    }

    public static GdmTestDatabase h2() {
        String name = "gdm-" + UUID.randomUUID();
        return new GdmTestDatabase("h2", null, new MockEnvironment()
                .withProperty("wsz6.gdm.url", "jdbc:h2:file:./target/test-gdm/" + name));
    }

    public static GdmTestDatabase postgres() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        return new GdmTestDatabase("postgres", schema, postgresProperties(new MockEnvironment(), schema));
    }

    public static MockEnvironment postgresProperties(MockEnvironment env, String schema) {
        return env.withProperty("wsz6.gdm.url", PG_URL)
                .withProperty("wsz6.gdm.username", "postgres")
                .withProperty("wsz6.gdm.password", "")
                .withProperty("wsz6.gdm.schema", schema);
    }

    public static GdmTestDatabase of(String kind) {
        return kind.equals("postgres") ? postgres() : h2();
    }

    public EventLog eventLog() {
        return new EventLog(jdbc, transactions);
    }

    @Override
    public void close() throws Exception {
        dataSource.close();
        if (schema != null) {
            dropSchema(schema);
        }
    }

    public static void dropSchema(String schema) throws Exception {
        try (Connection c = DriverManager.getConnection(PG_URL, "postgres", "")) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
