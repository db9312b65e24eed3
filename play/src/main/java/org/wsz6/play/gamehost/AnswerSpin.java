package org.wsz6.play.gamehost;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Polls briefly for a worker's answer before the caller's read goes to sleep.
 *
 * <p>Why: a move's answer comes back in a few hundred microseconds. A thread that sleeps in
 * {@code read()} for it must be woken by the kernel, and on a virtual machine waking a thread on an
 * idle CPU costs 20-40 µs (measured: a blocking pipe round trip 45 µs, a polling one 2 µs), a
 * tenth of a move. Polling for that short while keeps the reading thread on its CPU.
 *
 * <p>Polling only pays when CPUs are idle anyway: each call in flight needs one for its worker and
 * one for its poller. So a caller polls only while the calls in flight (counted JVM-wide by
 * {@link #calling()}) are at most half the cores (on two cores: while it is the only one) and stops
 * as soon as more start; under load everyone sleeps in {@code read()} as before (measured: polling
 * with 50 busy sessions cost a fifth of the throughput). A poller also yields its CPU on every
 * turn. After {@code limit} it gives up and sleeps: a slow game costs at most that much per call.
 */
final class AnswerSpin {

    /** No polling: every read sleeps until data comes (the behaviour before this class). */
    static final AnswerSpin NONE = new AnswerSpin(Duration.ZERO);

    private static final int MAX_POLLING_CALLS = Runtime.getRuntime().availableProcessors() / 2;
    private static final AtomicInteger CALLS_IN_FLIGHT = new AtomicInteger();

    private final long limitNanos;

    AnswerSpin(Duration limit) {
        this.limitNanos = Math.max(0, limit.toNanos());
    }

    /** Marks a call to a worker as in flight until the returned handle is closed. */
    static InFlight calling() {
        CALLS_IN_FLIGHT.incrementAndGet();
        return CALLS_IN_FLIGHT::decrementAndGet;
    }

    /** A call in flight; closing it ends it. */
    interface InFlight extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Returns once {@code in} has data to read, or after the limit, or at once when polling is off
     * or other calls are in flight. Never consumes anything.
     */
    void awaitData(InputStream in) throws IOException {
        if (limitNanos == 0 || in.available() > 0) {
            return;
        }
        long until = System.nanoTime() + limitNanos;
        while (CALLS_IN_FLIGHT.get() <= MAX_POLLING_CALLS && in.available() == 0 && System.nanoTime() - until < 0) {
            Thread.yield();
        }
    }
}
