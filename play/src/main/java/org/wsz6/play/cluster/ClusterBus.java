package org.wsz6.play.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Messages between portal nodes: each node listens on its own address (its node id) and sends to
 * another node's. Delivery is in order per sender and at most once; {@link #send} tells whether a
 * node was listening, which is how a node notices that the other one is gone.
 * <p>Implementations: {@link InProcessBus} (the embedded default: one node, no Redis) and
 * {@link RedisBus} (Redis pub/sub, one channel per node; chosen by {@code wsz6.redis.url}).
 */
public interface ClusterBus extends AutoCloseable {

    /** Starts delivering messages addressed to {@code nodeId}. The handler must not block. */
    void listen(String nodeId, Consumer<BusMessage> handler);

    /** Completes with true when a node listening on {@code toNode} received the message. */
    CompletableFuture<Boolean> send(String toNode, BusMessage message);

    /** "in-process" or "redis", for logs and the health of the node. */
    String kind();

    @Override
    void close();
}
