package org.wsz6.play.gamehost;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Kills workers that miss their deadline, for all workers of the JVM, from one daemon thread.
 *
 * <p>A caller reads its worker's answer itself, and a pipe read has no timeout: killing the worker
 * is what ends a read that waits too long. The thread sleeps until the earliest deadline and is
 * woken only by a deadline earlier than that. Deadlines are "now + the host's call deadline", so
 * each new one is later than the one the thread sleeps for: it wakes about once per deadline
 * period while workers are busy, not once per call (a wake-up per call would cost a core's time
 * on a two-core machine).
 */
final class Watchdog {

    /** No deadline (times are nanoseconds since {@link #ORIGIN}, so they never come near this). */
    static final long NONE = Long.MAX_VALUE;
    static final Watchdog INSTANCE = new Watchdog();
    private static final long ORIGIN = System.nanoTime();

    /** What the watchdog watches: a deadline, and what to do when it passes. */
    interface Watched {
        /** The current deadline in {@link #now()} time, or {@link #NONE}. */
        long deadline();

        /** Called on the watchdog thread once the deadline has passed; must clear the deadline. */
        void deadlineMissed();
    }

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    /** When the thread wakes next ({@link #NONE}: only when woken). */
    private volatile long wakeAt = NONE;

    private Watchdog() {
        thread = new Thread(this::run, "gamehost-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    static long now() {
        return System.nanoTime() - ORIGIN;
    }

    static long after(java.time.Duration d) {
        return now() + d.toNanos();
    }

    void add(Watched w) {
        watched.add(w);
    }

    void remove(Watched w) {
        watched.remove(w);
    }

    /** Call after setting {@code w}'s deadline to {@code deadline}. */
    void armed(long deadline) {
        if (deadline < wakeAt) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        while (true) {
            long now = now();
            long next = NONE;
            for (Watched w : watched) {
                long d = w.deadline();
                if (d <= now) {
                    try {
                        w.deadlineMissed();
                    } catch (RuntimeException e) {
                        // keep watching the others
                    }
                } else {
                    next = Math.min(next, d);
                }
            }
            wakeAt = next;
            // A deadline armed during the scan whose caller read the old wakeAt: look once more.
            if (earliest() < next) {
                continue;
            }
            if (next == NONE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, next - now());
            }
        }
    }

    private long earliest() {
        long min = NONE;
        for (Watched w : watched) {
            min = Math.min(min, w.deadline());
        }
        return min;
    }
}
