package org.wsz6.play;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.wsz6.play.metrics.PlayMeters;
import org.wsz6.play.session.SessionRegistry;
import org.wsz6.play.ws.PlayWebSocketHandler;

/**
 * Gauges of this node's live state, read when metrics are scraped: live sessions and open play
 * WebSockets. Bound to the application's {@link MeterRegistry} when there is one (the portal has
 * Prometheus through the actuator; play alone may run without metrics). Game-host counters (worker
 * starts, restarts, failures) are bound by {@code GameHostConfiguration}; moves, latency and actor
 * mailboxes by {@link PlayMeters}. It sits at the top of play because it reads from several of its
 * packages (the meters themselves are a leaf every package may use).
 */
@Configuration(proxyBeanMethods = false)
public class PlayMetricsConfiguration {

    public PlayMetricsConfiguration(ObjectProvider<MeterRegistry> meters, SessionRegistry sessions,
                                    PlayWebSocketHandler webSockets) {
        PlayMeters.registerEarly();
        meters.ifAvailable(registry -> {
            Gauge.builder("wsz6.play.sessions.live", sessions, SessionRegistry::liveCount)
                    .description("sessions live on this node").register(registry);
            Gauge.builder("wsz6.play.websockets.open", webSockets, PlayWebSocketHandler::openConnections)
                    .description("open play WebSocket connections").register(registry);
        });
    }
}
