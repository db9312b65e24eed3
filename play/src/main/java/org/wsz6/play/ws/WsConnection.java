package org.wsz6.play.ws;

import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.wsz6.play.session.ClientConnection;

/**
 * One browser's WebSocket with its own send queue: the session actor only enqueues (never blocks),
 * and a virtual thread writes the messages in order. A client that falls {@link #MAX_QUEUED}
 * messages behind is disconnected rather than waited on; it can reconnect and get the current state.
 */
final class WsConnection implements ClientConnection {

    private static final Logger log = LoggerFactory.getLogger(WsConnection.class);
    static final int MAX_QUEUED = 512;
    private static final String CLOSE = "\u0000close";

    private final WebSocketSession ws;
    private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>(MAX_QUEUED + 1);
    private volatile boolean open = true;
    private volatile CloseStatus closeStatus = CloseStatus.NORMAL;

    WsConnection(WebSocketSession ws) {
        this.ws = ws;
        Thread.ofVirtual().name("ws-send-" + ws.getId()).start(this::drain);
    }

    @Override
    public String id() {
        return ws.getId();
    }

    @Override
    public void send(String json) {
        if (!open) {
            return;
        }
        if (queue.size() >= MAX_QUEUED || !queue.offer(json)) {
            log.info("dropping slow client {}: {} messages queued", ws.getId(), queue.size());
            open = false;
            closeStatus = CloseStatus.SESSION_NOT_RELIABLE.withReason("too slow");
            queue.clear();
            queue.offer(CLOSE);
        }
    }

    @Override
    public void close(String reason) {
        if (open) {
            open = false;
            closeStatus = CloseStatus.NORMAL.withReason(reason);
            queue.offer(CLOSE);
        }
    }

    /** Close code 1012 (service restart): the page's script reconnects, to whichever node answers. */
    @Override
    public void closeForReconnect(String reason) {
        if (open) {
            open = false;
            closeStatus = CloseStatus.SERVICE_RESTARTED.withReason(reason);
            queue.offer(CLOSE);
        }
    }

    /** The socket is gone: stop the writer. */
    void stop() {
        open = false;
        queue.clear();
        queue.offer(CLOSE);
    }

    private void drain() {
        try {
            while (true) {
                String next = queue.take();
                if (next == CLOSE) {
                    break;
                }
                if (!ws.isOpen()) {
                    return;
                }
                ws.sendMessage(new TextMessage(next));
            }
            if (ws.isOpen()) {
                ws.close(closeStatus);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | IllegalStateException e) {
            log.debug("send to {} failed: {}", ws.getId(), e.getMessage());
            try {
                ws.close(CloseStatus.SERVER_ERROR);
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
