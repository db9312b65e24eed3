package org.wsz6.admin.support;

import java.sql.DriverManager;
import java.sql.SQLException;

/** Drops a test's own PostgreSQL schema, so parallel and repeated runs never collide or pile up. */
public final class PostgresSchemas {

    public static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private PostgresSchemas() {
    }

    public static void drop(String schema) {
        try (var connection = DriverManager.getConnection(URL, "postgres", "");
             var statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop test schema " + schema, e);
        }
    }
}
