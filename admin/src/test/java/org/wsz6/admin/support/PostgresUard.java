package org.wsz6.admin.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/** Runs an {@link AdminIntegrationTest} against the real PostgreSQL (its own schema, dropped afterwards). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(properties = "wsz6.test.db=postgres")
public @interface PostgresUard {
}
