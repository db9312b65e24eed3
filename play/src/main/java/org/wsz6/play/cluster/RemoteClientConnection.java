package org.wsz6.play.cluster;

import java.util.concurrent.atomic.AtomicBoolean;
import org.wsz6.play.session.ClientConnection;
import org.wsz6.play.session.SessionActor;
import org.wsz6.play.lease.ClusterMeters;

/**
 * On the owner node: a player's socket that is open on another node (the proxy node). The actor
 * sends to it as to a local socket; each message, already computed for this connection's role,
 * crosses the bus to the proxy node, which writes it to the socket. A send that reaches no node means
 * the proxy node is gone: the connection counts as dropped (the reconnect window starts).
 */
final class RemoteClientConnection implements ClientConnection {

    private final String proxyNode;
    private final String socketId;
    private final String ownerNode;
    private final SessionActor actor;
    private final ClusterBus bus;
    private final Runnable forget;
    private final AtomicBoolean open = new AtomicBoolean(true);

    RemoteClientConnection(String proxyNode, String socketId, String ownerNode, SessionActor actor, ClusterBus bus,
                           Runnable forget) {
        this.proxyNode = proxyNode;
        this.socketId = socketId;
        this.ownerNode = ownerNode;
        this.actor = actor;
        this.bus = bus;
        this.forget = forget;
    }

    static String key(String proxyNode, String socketId) {
        return proxyNode + "/" + socketId;
    }

    @Override
    public String id() {
        return "remote:" + key(proxyNode, socketId);
    }

    SessionActor actor() {
        return actor;
    }

    @Override
    public void send(String json) {
        if (!open.get()) {
            return;
        }
        bus.send(proxyNode, BusMessage.toProxy(BusMessage.Type.TO_CLIENT, ownerNode, socketId, json))
                .thenAccept(delivered -> {
                    if (!delivered) {
                        ClusterMeters.busError();
                        proxyGone();
                    }
                });
    }

    @Override
    public void close(String reason) {
        closeWith(BusMessage.Type.CLOSE, reason);
    }

    @Override
    public void closeForReconnect(String reason) {
        closeWith(BusMessage.Type.RECONNECT, reason);
    }

    private void closeWith(BusMessage.Type type, String reason) {
        if (open.compareAndSet(true, false)) {
            forget.run();
            bus.send(proxyNode, BusMessage.toProxy(type, ownerNode, socketId, reason));
        }
    }

    /** The proxy node is gone (or said the socket closed): the actor sees a disconnect. */
    void proxyGone() {
        if (open.compareAndSet(true, false)) {
            forget.run();
            actor.disconnect(this);
        }
    }
}
