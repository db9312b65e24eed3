package org.wsz6.play.lease;

import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * This node's identity and the cluster tunables ({@code wsz6.cluster.*}, {@code wsz6.redis.*}).
 * The node id is random per process, so a restarted process is a new node: it never mistakes the
 * leases of its previous life (which may still be valid for a moment) for its own.
 */
@Component
public class ClusterSettings {

    private final String nodeId;
    private final Duration leaseTtl;
    private final Duration renewEvery;
    private final String redisUrl;
    private final String channelPrefix;
    private final Duration requestTimeout;

    @org.springframework.beans.factory.annotation.Autowired
    public ClusterSettings(Environment env) {
        this(env.getProperty("wsz6.cluster.node-id", randomNodeId()),
                env.getProperty("wsz6.cluster.lease-ttl", Duration.class, Duration.ofSeconds(3)),
                env.getProperty("wsz6.cluster.renew-every", Duration.class, Duration.ofSeconds(1)),
                env.getProperty("wsz6.redis.url", ""),
                env.getProperty("wsz6.redis.channel-prefix", "wsz6:"),
                env.getProperty("wsz6.cluster.request-timeout", Duration.class, Duration.ofSeconds(10)));
    }

    public ClusterSettings(String nodeId, Duration leaseTtl, Duration renewEvery, String redisUrl, String channelPrefix,
                           Duration requestTimeout) {
        if (renewEvery.compareTo(leaseTtl) >= 0) {
            throw new IllegalArgumentException("wsz6.cluster.renew-every (" + renewEvery
                    + ") must be shorter than wsz6.cluster.lease-ttl (" + leaseTtl + ")");
        }
        this.nodeId = nodeId;
        this.leaseTtl = leaseTtl;
        this.renewEvery = renewEvery;
        this.redisUrl = redisUrl == null ? "" : redisUrl.strip();
        this.channelPrefix = channelPrefix;
        this.requestTimeout = requestTimeout;
    }

    static String randomNodeId() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "node-" + HexFormat.of().formatHex(bytes);
    }

    public String nodeId() { return nodeId; }
    public Duration leaseTtl() { return leaseTtl; }
    public Duration renewEvery() { return renewEvery; }
    public String redisUrl() { return redisUrl; }
    public boolean usesRedis() { return !redisUrl.isEmpty(); }
    public String channelPrefix() { return channelPrefix; }
    public Duration requestTimeout() { return requestTimeout; }
}
