package org.wsz6.admin.support;

import java.util.UUID;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gives each test context its own UARD and data folder: an in-memory H2 database by default, or, when
 * the system property {@code wsz6.test.db=postgres} is set (or the test class asks through
 * {@link PostgresUard}), a uniquely named schema in the real PostgreSQL that is dropped at shutdown.
 */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String dataDir = "target/test-data/" + id;
        boolean postgres = "postgres".equals(context.getEnvironment().getProperty("wsz6.test.db"));
        if (postgres) {
            String schema = "uard_test_" + id;
            TestPropertyValues.of(
                    "wsz6.uard.url=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema,
                    "wsz6.uard.username=postgres", "wsz6.uard.password=", "wsz6.uard.schema=" + schema,
                    "wsz6.data-dir=" + dataDir).applyTo(context);
            context.addApplicationListener(event -> {
                if (event instanceof org.springframework.context.event.ContextClosedEvent) {
                    PostgresSchemas.drop(schema);
                }
            });
        } else {
            TestPropertyValues.of("wsz6.uard.url=jdbc:h2:mem:uard_" + id + ";DB_CLOSE_DELAY=-1",
                    "wsz6.data-dir=" + dataDir).applyTo(context);
        }
    }
}
