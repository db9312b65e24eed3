package org.wsz6.play.session;

/**
 * One browser connection as the session actor sees it. {@link #send} must never block: it queues
 * the message for that connection (in order) and drops a client that cannot keep up.
 */
public interface ClientConnection {

    String id();

    void send(String json);

    /** Closes after the queued messages are sent. */
    void close(String reason);

    /**
     * Closes so that the page reconnects at once (the session moved to another node, or its owner
     * node is gone); plain {@link #close} where there is no such distinction.
     */
    default void closeForReconnect(String reason) {
        close(reason);
    }
}
