package org.wsz6.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.wsz6.admin.AdminComponent;
import org.wsz6.play.PlayComponent;

/**
 * The WSZ6 portal. Runs WSZ6-admin and WSZ6-play in one JVM (the default) or only one of them
 * ({@code wsz6.components=admin} or {@code play}). Each component owns its own database (UARD,
 * GDM) and Flyway migrations, so Spring Boot's single-DataSource auto-configuration is off.
 */
@SpringBootApplication(exclude = {
        DataSourceAutoConfiguration.class,
        DataSourceTransactionManagerAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class,
        FlywayAutoConfiguration.class})
@Import({AdminComponent.class, PlayComponent.class})
public class Wsz6Application {

    public static void main(String[] args) {
        SpringApplication.run(Wsz6Application.class, args);
    }
}
