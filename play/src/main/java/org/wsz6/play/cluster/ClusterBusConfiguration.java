package org.wsz6.play.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.wsz6.play.lease.ClusterSettings;

/**
 * The bus between nodes: Redis pub/sub when {@code wsz6.redis.url} ({@code WSZ6_REDIS_URL}) is set,
 * otherwise the in-process bus of a single node, so {@code ./wsz6 run} needs no Redis.
 */
@Configuration(proxyBeanMethods = false)
public class ClusterBusConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ClusterBusConfiguration.class);

    @Bean(destroyMethod = "close")
    ClusterBus clusterBus(ClusterSettings settings) {
        if (!settings.usesRedis()) {
            log.info("cluster bus: in-process (single node; set WSZ6_REDIS_URL to run several nodes)");
            return new InProcessBus();
        }
        log.info("cluster bus: Redis pub/sub, channel prefix {}", settings.channelPrefix());
        return new RedisBus(settings.redisUrl(), settings.channelPrefix());
    }
}
