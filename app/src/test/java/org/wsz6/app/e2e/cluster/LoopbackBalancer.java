package org.wsz6.app.e2e.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;

/**
 * What nginx does in front of the nodes, as far as a browser can tell: one address; each new TCP
 * connection goes to the first node that accepts it, so when a node dies the next connection (the
 * page's reconnect) lands on a surviving node. Bytes are copied as they are (HTTP and WebSocket).
 */
final class LoopbackBalancer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Integer> backends;

    LoopbackBalancer(List<Integer> backendPorts) throws IOException {
        this.backends = List.copyOf(backendPorts);
        this.server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("balancer").start(this::acceptLoop);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        for (int port : backends) {
            Socket backend = new Socket();
            try {
                backend.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            } catch (IOException down) {
                closeQuietly(backend);
                continue; // the next node
            }
            Thread.ofVirtual().start(() -> pipe(client, backend));
            pipe(backend, client);
            return;
        }
        closeQuietly(client);
    }

    /** Copies until either side ends, then closes both (a dead node drops its clients' connections). */
    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ended) {
            // one side is gone
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
