package org.wsz6.admin.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.wsz6.admin.AdminTestApplication;

/**
 * Admin alone in a Spring context on a fresh in-memory H2 UARD (MODE=PostgreSQL), with play unreachable.
 * {@link PostgresUard} runs the same on the real PostgreSQL.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = {AdminTestApplication.class, TestAccounts.class, TestGames.class}, webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@AutoConfigureMockMvc
@TestPropertySource(properties = {
        "wsz6.internal.play-url=http://127.0.0.1:9",
        "wsz6.internal.secret=test-secret-0123456789abcdef",
        "wsz6.internal.timeout-ms=5000", // play-down tests fail fast anyway (connection refused)
        "wsz6.mail.poll-ms=200",
        "wsz6.install.sample-games=false",
        "wsz6.login.attempts-per-minute-per-address=100000", // many test logins come from one address
        "wsz6.play-notify.first-ms=3600000",
        "spring.thymeleaf.cache=false"})
public @interface AdminIntegrationTest {
}
