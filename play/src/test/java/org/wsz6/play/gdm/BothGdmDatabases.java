package org.wsz6.play.gdm;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class that runs each case on the embedded H2 and on the real PostgreSQL: one migrated GDM of
 * each for the whole class, chosen per case by a {@code @ValueSource(strings = {"h2", "postgres"})}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BothGdmDatabases {

    GdmTestDatabase h2;
    GdmTestDatabase pg;

    @BeforeAll
    void open() {
        h2 = GdmTestDatabase.h2();
        pg = GdmTestDatabase.postgres();
    }

    @AfterAll
    void close() throws Exception {
        h2.close();
        pg.close();
    }

    GdmTestDatabase db(String kind) {
        return kind.equals("h2") ? h2 : pg;
    }
}
