package org.wsz6.admin.uard;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The UARD database (accounts, catalogue, session summaries). Spring Boot's single-DataSource
 * auto-configuration is off because play owns a second database (GDM), so the beans are named.
 */
@Configuration(proxyBeanMethods = false)
public class UardDatabaseConfig {

    @Bean(destroyMethod = "close")
    HikariDataSource uardDataSource(@Value("${wsz6.uard.url:jdbc:h2:file:./data/uard}") String url,
                                    @Value("${wsz6.uard.username:sa}") String username,
                                    @Value("${wsz6.uard.password:}") String password) {
        return UardDatabase.dataSource(url, username, password);
    }

    @Bean(initMethod = "migrate")
    Flyway uardFlyway(@Qualifier("uardDataSource") DataSource uardDataSource,
                      @Value("${wsz6.uard.schema:}") String schema) {
        return UardDatabase.flyway(uardDataSource, schema);
    }

    /** Depends on the Flyway bean so no query runs before the schema is migrated. */
    @Bean
    JdbcClient uardJdbc(@Qualifier("uardDataSource") DataSource uardDataSource,
                        @Qualifier("uardFlyway") Flyway uardFlyway) {
        return JdbcClient.create(uardDataSource);
    }

    @Bean
    PlatformTransactionManager uardTransactionManager(@Qualifier("uardDataSource") DataSource uardDataSource) {
        return new DataSourceTransactionManager(uardDataSource);
    }

    @Bean
    TransactionTemplate uardTransactions(@Qualifier("uardTransactionManager") PlatformTransactionManager uardTransactionManager) {
        return new TransactionTemplate(uardTransactionManager);
    }
}
