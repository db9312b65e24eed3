package org.wsz6.play.cluster;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wsz6.play.lease.ClusterMeters;

/**
 * Redis pub/sub between nodes: node {@code N} subscribes to channel {@code <prefix>node:N}. One
 * publishing connection keeps each sender's messages in order; PUBLISH answers how many subscribers
 * got the message, so a send to a dead node completes with false. Lettuce reconnects and
 * resubscribes by itself after a Redis restart (messages sent meanwhile are lost, as pub/sub is
 * at-most-once; sockets resynchronise on their next message or reconnect).
 */
public final class RedisBus implements ClusterBus {

    private static final Logger log = LoggerFactory.getLogger(RedisBus.class);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> publisher;
    private final StatefulRedisPubSubConnection<String, String> subscriber;
    private final String prefix;

    public RedisBus(String url, String channelPrefix) {
        this.client = RedisClient.create(url);
        this.client.setDefaultTimeout(Duration.ofSeconds(5));
        this.publisher = client.connect();
        this.subscriber = client.connectPubSub();
        this.prefix = channelPrefix;
    }

    String channel(String nodeId) {
        return prefix + "node:" + nodeId;
    }

    @Override
    public void listen(String nodeId, Consumer<BusMessage> handler) {
        String channel = channel(nodeId);
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String text) {
                if (!from.equals(channel)) {
                    return;
                }
                BusMessage message;
                try {
                    message = BusMessage.decode(text);
                } catch (IllegalArgumentException e) {
                    ClusterMeters.busError();
                    log.warn("ignoring a malformed message on {}: {}", channel, e.getMessage());
                    return;
                }
                ClusterMeters.busReceived();
                try {
                    handler.accept(message);
                } catch (RuntimeException e) {
                    ClusterMeters.busError();
                    log.warn("bus message {} failed: {}", message.type(), e.toString());
                }
            }
        });
        subscriber.sync().subscribe(channel);
    }

    @Override
    public CompletableFuture<Boolean> send(String toNode, BusMessage message) {
        ClusterMeters.busSent();
        CompletableFuture<Long> published;
        try {
            published = publisher.async().publish(channel(toNode), message.encode()).toCompletableFuture();
        } catch (RuntimeException closed) { // the node is shutting down: the bus is already closed
            ClusterMeters.busError();
            return CompletableFuture.completedFuture(false);
        }
        return published
                .thenApply(receivers -> receivers != null && receivers > 0)
                .exceptionally(e -> {
                    ClusterMeters.busError();
                    log.warn("bus send to {} failed: {}", toNode, e.toString());
                    return false;
                });
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public void close() {
        subscriber.close();
        publisher.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
