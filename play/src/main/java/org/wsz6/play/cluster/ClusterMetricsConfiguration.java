package org.wsz6.play.cluster;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.wsz6.play.session.SessionRegistry;
import org.wsz6.play.lease.ClusterMeters;

/**
 * Gauges of this node's part in the cluster: leases held (= sessions owned here), sockets proxied to
 * other nodes, and sockets of other nodes served here. Counters are in {@link ClusterMeters}.
 */
@Configuration(proxyBeanMethods = false)
public class ClusterMetricsConfiguration {

    public ClusterMetricsConfiguration(ObjectProvider<MeterRegistry> meters, SessionRegistry sessions, ClusterRouter router) {
        meters.ifAvailable(registry -> {
            Gauge.builder("wsz6.cluster.leases.held", sessions, SessionRegistry::liveCount)
                    .description("session leases this node holds (sessions it owns)").register(registry);
            Gauge.builder("wsz6.cluster.sockets.proxied", router, ClusterRouter::proxiedSockets)
                    .description("player sockets open here whose session another node owns").register(registry);
            Gauge.builder("wsz6.cluster.sockets.remote", router, ClusterRouter::remoteSockets)
                    .description("player sockets open on other nodes for sessions owned here").register(registry);
        });
    }
}
