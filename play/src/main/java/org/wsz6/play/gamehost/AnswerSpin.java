package org.wsz6.play.gamehost;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Polls briefly for a worker's answer before the caller's read goes to sleep.
 *
 * <p>Why: a move's answer comes back in a few hundred microseconds. A thread that sleeps in
 * {@code read()} for it must be woken by the kernel, and on a virtual machine waking a thread on an
 * idle CPU costs 20-40 µs (measured: a blocking pipe round trip 45 µs, a polling one 2 µs), a
 * tenth of a move. Polling for that short while keeps the reading thread on its CPU.
 *
 * <p>Polling only pays when another CPU is free to run the worker meanwhile, so at most
 * {@code cores - 1} threads of the JVM poll at once (none on one core) and the others sleep in
 * {@code read()} as before; a poller yields its CPU to any other runnable thread on every turn, so a
 * busy portal loses little to it. After {@code limit} it gives up and sleeps: a slow game costs at
 * most that much polling per call.
 */
final class AnswerSpin {

    /** No polling: every read sleeps until data comes (the behaviour before this class). */
    static final AnswerSpin NONE = new AnswerSpin(Duration.ZERO);

    private static final Semaphore POLLERS = new Semaphore(Math.max(0, Runtime.getRuntime().availableProcessors() - 1));

    private final long limitNanos;

    AnswerSpin(Duration limit) {
        this.limitNanos = Math.max(0, limit.toNanos());
    }

    /**
     * Returns once {@code in} has data to read, or after the limit, or at once when polling is off
     * or every polling place is taken. Never consumes anything.
     */
    void awaitData(InputStream in) throws IOException {
        if (limitNanos == 0 || in.available() > 0 || !POLLERS.tryAcquire()) {
            return;
        }
        try {
            long until = System.nanoTime() + limitNanos;
            while (in.available() == 0 && System.nanoTime() - until < 0) {
                Thread.yield();
            }
        } finally {
            POLLERS.release();
        }
    }
}
