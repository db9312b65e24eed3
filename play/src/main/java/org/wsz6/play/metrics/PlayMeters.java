package org.wsz6.play.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters that session actors feed from their own threads: moves, move latency and the number of
 * commands waiting in actor mailboxes. Actors are plain objects, not Spring beans, so these meters
 * live in Micrometer's global registry, which Spring Boot's actuator joins to its own registry
 * ({@code management.metrics.use-global-registry}, on by default): they appear at
 * {@code /actuator/prometheus} with everything else.
 */
public final class PlayMeters {

    private static final AtomicInteger queuedCommands = new AtomicInteger();

    private static final Counter moves = Counter.builder("wsz6.play.moves")
            .description("moves by people applied and durable (acknowledged)")
            .register(Metrics.globalRegistry);

    /** From the actor taking the move until its event is durable and the ack is queued. */
    private static final Timer moveLatency = Timer.builder("wsz6.play.move.latency")
            .description("time to apply a move in the game host and make it durable in GDM")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(Metrics.globalRegistry);

    static {
        Gauge.builder("wsz6.play.actor.queued", queuedCommands, AtomicInteger::get)
                .description("commands waiting in session actors' mailboxes, all sessions together")
                .register(Metrics.globalRegistry);
    }

    private PlayMeters() {
    }

    /** Registers the meters now (class initialisation), so a scrape shows them at zero before any move. */
    public static void registerEarly() {
        // nothing else to do: the static fields above are initialised by this call
    }

    /** A person's move is durable; {@code startedNanos} is {@link System#nanoTime()} when the actor took it. */
    public static void moveApplied(long startedNanos) {
        moves.increment();
        moveLatency.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    /** A command entered an actor's mailbox. */
    public static void commandQueued() {
        queuedCommands.incrementAndGet();
    }

    /** A command left an actor's mailbox (it starts running now). */
    public static void commandTaken() {
        queuedCommands.decrementAndGet();
    }

    public static int queuedCommands() {
        return queuedCommands.get();
    }
}
