package org.wsz6.play.cluster;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The bus of a single node (the embedded default): there is no other node, so a message reaches a
 * listener in this JVM or nobody. Tests may let several nodes in one JVM share one instance.
 */
public final class InProcessBus implements ClusterBus {

    private final Map<String, Consumer<BusMessage>> listeners = new ConcurrentHashMap<>();

    @Override
    public void listen(String nodeId, Consumer<BusMessage> handler) {
        listeners.put(nodeId, handler);
    }

    @Override
    public CompletableFuture<Boolean> send(String toNode, BusMessage message) {
        Consumer<BusMessage> listener = listeners.get(toNode);
        if (listener == null) {
            return CompletableFuture.completedFuture(false);
        }
        listener.accept(message);
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public String kind() {
        return "in-process";
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
