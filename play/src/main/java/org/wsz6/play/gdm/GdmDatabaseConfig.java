package org.wsz6.play.gdm;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The GDM database (play logs, checkpoints, artifacts), owned by WSZ6-play alone. Spring Boot's
 * single-DataSource auto-configuration is off in this portal, so play builds its own pool, runs its
 * own Flyway migrations ({@code classpath:db/gdm}) and has its own transaction manager.
 */
@Configuration(proxyBeanMethods = false)
public class GdmDatabaseConfig {

    @Bean(destroyMethod = "close")
    HikariDataSource gdmDataSource(Environment env) {
        String dataDir = env.getProperty("wsz6.data-dir", "./data");
        HikariConfig config = new HikariConfig();
        config.setPoolName("gdm");
        config.setJdbcUrl(durableUrl(env.getProperty("wsz6.gdm.url", "jdbc:h2:file:" + dataDir + "/gdm")));
        config.setUsername(env.getProperty("wsz6.gdm.username", "sa"));
        config.setPassword(env.getProperty("wsz6.gdm.password", ""));
        config.setMaximumPoolSize(env.getProperty("wsz6.gdm.pool-size", Integer.class, 10));
        String schema = env.getProperty("wsz6.gdm.schema");
        if (schema != null && !schema.isBlank()) {
            config.setSchema(schema);
        }
        return new HikariDataSource(config);
    }

    /**
     * H2 normally flushes committed transactions up to half a second later; an acknowledged move
     * must survive a SIGKILL the next instant, so the embedded database writes at commit.
     */
    static String durableUrl(String url) {
        String prefix = "jdbc:h2:file:";
        if (url.startsWith(prefix)) {
            // H2 refuses implicitly relative paths; resolve against the working directory as the data dir does.
            String rest = url.substring(prefix.length());
            int semicolon = rest.indexOf(';');
            String path = semicolon < 0 ? rest : rest.substring(0, semicolon);
            if (!path.startsWith("/") && !path.startsWith("~")) {
                url = prefix + java.nio.file.Path.of(path).toAbsolutePath().normalize() + (semicolon < 0 ? "" : rest.substring(semicolon));
            }
        }
        if (url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:") && !url.toUpperCase().contains("WRITE_DELAY")) {
            url = url + ";WRITE_DELAY=0";
        }
        if (url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:") && !url.toUpperCase().contains("DB_CLOSE_ON_EXIT")) {
            // Spring closes the pool after the session actors have drained; H2's own exit hook would
            // close the database under them first ("Database is already closed").
            url = url + ";DB_CLOSE_ON_EXIT=FALSE";
        }
        return url;
    }

    @Bean
    Flyway gdmFlyway(@Qualifier("gdmDataSource") DataSource gdmDataSource, Environment env) {
        var configuration = Flyway.configure()
                .dataSource(gdmDataSource)
                .locations("classpath:db/gdm")
                .table("gdm_schema_history")
                // A database already at V50 (research) must still take later-merged lower versions (V3).
                .outOfOrder(true);
        String schema = env.getProperty("wsz6.gdm.schema");
        if (schema != null && !schema.isBlank()) {
            configuration.schemas(schema).createSchemas(true);
        }
        Flyway flyway = configuration.load();
        flyway.migrate();
        return flyway;
    }

    /** Depends on Flyway so nothing queries GDM before its tables exist. */
    @Bean
    JdbcClient gdmJdbc(@Qualifier("gdmDataSource") DataSource gdmDataSource, @Qualifier("gdmFlyway") Flyway migrated) {
        return JdbcClient.create(gdmDataSource);
    }

    @Bean
    PlatformTransactionManager gdmTransactionManager(@Qualifier("gdmDataSource") DataSource gdmDataSource) {
        return new DataSourceTransactionManager(gdmDataSource);
    }

    @Bean
    TransactionTemplate gdmTransactions(@Qualifier("gdmTransactionManager") PlatformTransactionManager gdmTransactionManager) {
        return new TransactionTemplate(gdmTransactionManager);
    }
}
