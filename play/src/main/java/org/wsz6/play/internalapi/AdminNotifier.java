package org.wsz6.play.internalapi;

import jakarta.annotation.PreDestroy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.wsz6.contract.v1.AdminApi;
import org.wsz6.contract.v1.SessionStatus;
import org.wsz6.contract.v1.SessionSummary;
import org.wsz6.play.session.SessionListener;

/**
 * Pushes session statuses and summaries to admin in the background, so a slow or absent admin never
 * holds up a session. Statuses are coalesced (only the latest per session matters); summaries are
 * retried with back-off a few times and then logged.
 */
@Component
public class AdminNotifier implements SessionListener {

    private static final Logger log = LoggerFactory.getLogger(AdminNotifier.class);
    private static final int SUMMARY_ATTEMPTS = 6;

    private final AdminApi admin;
    private final Map<String, SessionStatus> pendingStatus = new LinkedHashMap<>();
    /** At most one pending wake-up: while admin is slow or down, moves must not pile up nodes here. */
    private final LinkedBlockingQueue<Object> wakeUps = new LinkedBlockingQueue<>(1);
    private final LinkedBlockingQueue<SessionSummary> summaries = new LinkedBlockingQueue<>(10_000);
    private final Thread worker;
    private volatile boolean running = true;

    public AdminNotifier(AdminApi admin) {
        this.admin = admin;
        this.worker = Thread.ofVirtual().name("admin-notifier").start(this::run);
    }

    @Override
    public void status(SessionStatus status) {
        synchronized (pendingStatus) {
            pendingStatus.put(status.sessionId(), status);
        }
        wakeUps.offer(Boolean.TRUE);
    }

    @Override
    public void summary(SessionSummary summary) {
        if (!summaries.offer(summary)) {
            log.warn("admin notification queue full; summary of session {} dropped", summary.sessionId());
        }
        wakeUps.offer(Boolean.TRUE);
    }

    private void run() {
        while (running) {
            try {
                wakeUps.poll(5, TimeUnit.SECONDS);
                wakeUps.clear();
                Map<String, SessionStatus> batch;
                synchronized (pendingStatus) {
                    batch = new LinkedHashMap<>(pendingStatus);
                    pendingStatus.clear();
                }
                for (SessionStatus s : batch.values()) {
                    try {
                        admin.sessionStatus(s);
                    } catch (RuntimeException e) {
                        log.debug("admin did not take the status of session {}: {}", s.sessionId(), e.getMessage());
                    }
                }
                SessionSummary summary;
                while ((summary = summaries.poll()) != null) {
                    deliver(summary);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void deliver(SessionSummary summary) throws InterruptedException {
        long backoffMs = 500;
        for (int attempt = 1; attempt <= SUMMARY_ATTEMPTS && running; attempt++) {
            try {
                admin.sessionSummary(summary);
                return;
            } catch (RuntimeException e) {
                if (attempt == SUMMARY_ATTEMPTS) {
                    log.warn("admin did not take the summary of session {} after {} attempts: {}",
                            summary.sessionId(), attempt, e.getMessage());
                    return;
                }
                Thread.sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 10_000);
            }
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        worker.interrupt();
    }
}
