package org.wsz6.play.internalapi;

import jakarta.annotation.PreDestroy;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.wsz6.contract.v1.AdminApi;
import org.wsz6.contract.v1.SessionStatus;
import org.wsz6.contract.v1.SessionSummary;
import org.wsz6.play.session.SessionListener;

/**
 * Pushes session statuses and summaries to admin in the background, so a slow or absent admin never
 * holds up a session. Both are snapshots, so only the latest per session matters: they are coalesced
 * per session and sent in rounds. Each push costs admin an HTTP request and a database commit, and a
 * busy session changes on every move, so pushes are paced:
 * <ul>
 * <li>a status whose state, seats or observers changed goes out at most every 2 s per session (a
 * busy session flips between "playing" and "lobby" at every play-through); one where only the step
 * count moved, at most every 30 s per session (admin's live panel asks play for the current list
 * whenever it is shown; these pushes are its fallback while play is away);</li>
 * <li>a summary (it lists every play-through of the session, and a busy session finishes one every
 * few seconds) at most every 30 s per session, unless the session is paused or closed: that one
 * goes with the next round. Summaries are retried with back-off a few times and then logged.</li>
 * </ul>
 * On shutdown whatever is still pending is sent once, best effort.
 */
@Component
public class AdminNotifier implements SessionListener {

    private static final Logger log = LoggerFactory.getLogger(AdminNotifier.class);
    private static final int SUMMARY_ATTEMPTS = 6;
    private final long roundMillis;
    private final long changeMillis;
    private final long progressMillis;
    private final long summaryMillis;
    /** Sessions not heard of for this long are forgotten (their last-sent bookkeeping). */
    private static final long FORGET_MILLIS = TimeUnit.MINUTES.toMillis(30);
    private static final String ENDED = "ended";

    private final AdminApi admin;
    private final Object lock = new Object();
    // --- guarded by lock ---
    private final Map<String, SessionStatus> pendingStatus = new LinkedHashMap<>();
    /** Built when sent (building one reads the session's play-throughs from GDM). */
    private final Map<String, PendingSummary> pendingSummaries = new LinkedHashMap<>();
    // --- worker thread only ---
    private final Map<String, Sent<SessionStatus>> sentStatus = new HashMap<>();
    private final Map<String, Long> summarySentAt = new HashMap<>();

    /** At most one pending wake-up: while admin is slow or down, moves must not pile up nodes here. */
    private final LinkedBlockingQueue<Object> wakeUps = new LinkedBlockingQueue<>(1);
    private final Thread worker;
    private volatile boolean running = true;

    private record Sent<T>(T what, long atMillis) {
    }

    private record PendingSummary(Supplier<SessionSummary> later, boolean settled) {
    }

    @Autowired
    public AdminNotifier(AdminApi admin) {
        this(admin, 200, 2_000, 30_000, 30_000);
    }

    /** With other pacing (tests). */
    AdminNotifier(AdminApi admin, long roundMillis, long changeMillis, long progressMillis, long summaryMillis) {
        this.admin = admin;
        this.roundMillis = roundMillis;
        this.changeMillis = changeMillis;
        this.progressMillis = progressMillis;
        this.summaryMillis = summaryMillis;
        this.worker = Thread.ofVirtual().name("admin-notifier").start(this::run);
    }

    @Override
    public void status(SessionStatus status) {
        synchronized (lock) {
            pendingStatus.put(status.sessionId(), status);
        }
        wakeUps.offer(Boolean.TRUE);
    }

    @Override
    public void summary(SessionSummary summary) {
        summary(summary.sessionId(), summary.endedAt() != null, () -> summary);
    }

    @Override
    public void summary(String sessionId, boolean settled, Supplier<SessionSummary> later) {
        synchronized (lock) {
            pendingSummaries.put(sessionId, new PendingSummary(later, settled));
        }
        wakeUps.offer(Boolean.TRUE);
    }

    /** Builds a pending summary; null (logged) if that fails, e.g. GDM is already closed at shutdown. */
    private static SessionSummary build(String sessionId, Supplier<SessionSummary> later) {
        try {
            return later.get();
        } catch (RuntimeException e) {
            log.warn("summary of session {} could not be built: {}", sessionId, e.toString());
            return null;
        }
    }

    private void run() {
        long nextWait = TimeUnit.SECONDS.toMillis(5);
        long lastForget = System.currentTimeMillis();
        while (running) {
            try {
                long roundStart = System.currentTimeMillis();
                wakeUps.poll(nextWait, TimeUnit.MILLISECONDS);
                // Let a round's worth of changes gather: one push per session per round at most.
                long elapsed = System.currentTimeMillis() - roundStart;
                if (elapsed < roundMillis) {
                    Thread.sleep(roundMillis - elapsed);
                }
                wakeUps.clear();
                if (!running) {
                    return; // stop() sends what is pending
                }
                nextWait = round(System.currentTimeMillis());
                if (System.currentTimeMillis() - lastForget > FORGET_MILLIS) {
                    forgetOld(System.currentTimeMillis());
                    lastForget = System.currentTimeMillis();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Sends what is due; returns how long until the next held-back push is due. */
    private long round(long now) throws InterruptedException {
        Map<String, SessionStatus> statuses = new LinkedHashMap<>();
        Map<String, Supplier<SessionSummary>> summaries = new LinkedHashMap<>();
        long nextDue = TimeUnit.SECONDS.toMillis(5);
        synchronized (lock) {
            for (Iterator<SessionStatus> it = pendingStatus.values().iterator(); it.hasNext(); ) {
                SessionStatus s = it.next();
                long dueIn = statusDueIn(s, now);
                if (dueIn <= 0) {
                    statuses.put(s.sessionId(), s);
                    it.remove();
                } else {
                    nextDue = Math.min(nextDue, dueIn);
                }
            }
            for (Iterator<Map.Entry<String, PendingSummary>> it = pendingSummaries.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, PendingSummary> s = it.next();
                long dueIn = s.getValue().settled() ? 0
                        : summarySentAt.getOrDefault(s.getKey(), Long.MIN_VALUE / 2) + summaryMillis - now;
                if (dueIn <= 0) {
                    summaries.put(s.getKey(), s.getValue().later());
                    it.remove();
                } else {
                    nextDue = Math.min(nextDue, dueIn);
                }
            }
        }
        for (SessionStatus s : statuses.values()) {
            if (ENDED.equals(s.state())) {
                sentStatus.remove(s.sessionId()); // nothing follows an ended session's last status
            } else {
                sentStatus.put(s.sessionId(), new Sent<>(s, now));
            }
            try {
                admin.sessionStatus(s);
            } catch (RuntimeException e) {
                log.debug("admin did not take the status of session {}: {}", s.sessionId(), e.getMessage());
            }
        }
        for (Map.Entry<String, Supplier<SessionSummary>> s : summaries.entrySet()) {
            if (!running) {
                handBackToStop(s.getKey(), s.getValue());
                continue;
            }
            SessionSummary summary = build(s.getKey(), s.getValue());
            if (summary != null && summary.endedAt() != null) {
                summarySentAt.remove(s.getKey()); // the session is over: keep no bookkeeping for it
            } else {
                summarySentAt.put(s.getKey(), now);
            }
            if (summary != null) {
                deliver(summary, SUMMARY_ATTEMPTS);
            }
        }
        return Math.max(nextDue, 1);
    }

    /** Shutting down mid-round: stop() sends what is pending, so the rest of this round goes back there. */
    private void handBackToStop(String sessionId, Supplier<SessionSummary> later) {
        synchronized (lock) {
            pendingSummaries.putIfAbsent(sessionId, new PendingSummary(later, true));
        }
    }

    /** 0 when the status should go now; otherwise milliseconds until it should. */
    private long statusDueIn(SessionStatus s, long now) {
        Sent<SessionStatus> last = sentStatus.get(s.sessionId());
        if (last == null) {
            return 0;
        }
        return last.atMillis() + (sameExceptProgress(last.what(), s) ? progressMillis : changeMillis) - now;
    }

    /** True when only the step count (and the time) changed: what every move changes. */
    static boolean sameExceptProgress(SessionStatus a, SessionStatus b) {
        return Objects.equals(a.state(), b.state()) && Objects.equals(a.seats(), b.seats())
                && a.observers() == b.observers() && Objects.equals(a.ownerName(), b.ownerName());
    }

    private void forgetOld(long now) {
        sentStatus.values().removeIf(sent -> now - sent.atMillis() > FORGET_MILLIS);
        summarySentAt.values().removeIf(at -> now - at > FORGET_MILLIS);
    }

    private void deliver(SessionSummary summary, int attempts) throws InterruptedException {
        long backoffMs = 500;
        for (int attempt = 1; attempt <= attempts && running; attempt++) {
            try {
                admin.sessionSummary(summary);
                return;
            } catch (RuntimeException e) {
                if (attempt == attempts) {
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
        // Woken, not interrupted: the worker may be reading a session's play-throughs from GDM, and
        // an interrupt during file I/O closes the embedded database's file channel under everyone.
        wakeUps.offer(Boolean.TRUE);
        try {
            worker.join(java.time.Duration.ofSeconds(3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // What was held back for pacing is sent once now, so admin ends with the latest picture.
        Map<String, SessionStatus> statuses;
        Map<String, Supplier<SessionSummary>> summaries = new LinkedHashMap<>();
        synchronized (lock) {
            statuses = new LinkedHashMap<>(pendingStatus);
            pendingSummaries.forEach((id, pending) -> summaries.put(id, pending.later()));
            pendingStatus.clear();
            pendingSummaries.clear();
        }
        // Best effort: in the all-in-one portal admin may already be stopping. At the first refusal
        // the rest is dropped with one line; sessions push again when they next change after a restart.
        long deadline = System.currentTimeMillis() + 3_000;
        int sent = 0;
        try {
            for (SessionStatus s : statuses.values()) {
                if (System.currentTimeMillis() > deadline) {
                    break;
                }
                admin.sessionStatus(s);
            }
            for (Map.Entry<String, Supplier<SessionSummary>> s : summaries.entrySet()) {
                if (System.currentTimeMillis() > deadline) {
                    break;
                }
                SessionSummary summary = build(s.getKey(), s.getValue());
                if (summary != null) {
                    admin.sessionSummary(summary);
                }
                sent++;
            }
        } catch (RuntimeException e) {
            log.debug("admin did not take a push at shutdown: {}", e.getMessage());
        }
        if (sent < summaries.size()) {
            log.warn("{} of {} pending session summaries not sent to admin at shutdown", summaries.size() - sent, summaries.size());
        }
    }
}
