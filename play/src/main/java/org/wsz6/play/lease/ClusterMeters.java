package org.wsz6.play.lease;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;

/**
 * Counters of the cluster machinery, in Micrometer's global registry like
 * {@link org.wsz6.play.metrics.PlayMeters} (they reach {@code /actuator/prometheus}). The gauge of
 * leases held is bound by {@link org.wsz6.play.cluster.ClusterMetricsConfiguration}.
 */
public final class ClusterMeters {

    private static final Counter takeovers = Counter.builder("wsz6.cluster.takeovers")
            .description("sessions this node took over from a node whose lease expired").register(Metrics.globalRegistry);
    private static final Counter leasesLost = Counter.builder("wsz6.cluster.leases.lost")
            .description("sessions this node dropped because another node took them over or renewal failed")
            .register(Metrics.globalRegistry);
    private static final Counter busSent = Counter.builder("wsz6.cluster.bus.sent")
            .description("messages sent to other nodes").register(Metrics.globalRegistry);
    private static final Counter busReceived = Counter.builder("wsz6.cluster.bus.received")
            .description("messages received from other nodes").register(Metrics.globalRegistry);
    private static final Counter busErrors = Counter.builder("wsz6.cluster.bus.errors")
            .description("bus messages that failed or reached no node").register(Metrics.globalRegistry);

    private ClusterMeters() {
    }

    public static void takeover() { takeovers.increment(); }
    public static void leaseLost() { leasesLost.increment(); }
    public static void busSent() { busSent.increment(); }
    public static void busReceived() { busReceived.increment(); }
    public static void busError() { busErrors.increment(); }
}
