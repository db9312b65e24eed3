package org.wsz6.play.gamehost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One seat in a game's worker pool: the play-throughs pinned to it and the Python process that
 * currently serves them. The seat outlives its processes: when a process dies, misses a deadline
 * or is stopped for idleness, the next process it starts gets every pinned play-through back by
 * {@code restore} from the last snapshot. Calls are serialized by the seat's lock (a worker
 * answers one request at a time).
 */
final class WorkerSlot {

    private static final Logger log = LoggerFactory.getLogger(WorkerSlot.class);

    private final WorkerPool pool;
    private final int number;
    private final Path scratch;
    private final ProcessGameHost host;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Playthrough> playthroughs = new ConcurrentHashMap<>();
    /** Describe calls in progress; they keep the seat from being retired. */
    final AtomicInteger leases = new AtomicInteger();

    /** Replaced only with {@link #lock} held; volatile for status readers and shutdown. */
    private volatile WorkerProcess process;
    private volatile long lastUsedNanos = System.nanoTime();

    WorkerSlot(WorkerPool pool, int number, Path scratch, ProcessGameHost host) {
        this.pool = pool;
        this.number = number;
        this.scratch = scratch;
        this.host = host;
    }

    Path scratch() {
        return scratch;
    }

    String label() {
        return pool.game().getFileName() + "#" + number;
    }

    /** Play-throughs pinned here plus describe calls in progress: what the pool balances on. */
    int load() {
        return playthroughs.size() + leases.get();
    }

    boolean isEmpty() {
        return load() == 0;
    }

    Collection<Playthrough> playthroughs() {
        return playthroughs.values();
    }

    void pin(Playthrough p) {
        playthroughs.put(p.pt, p);
    }

    void unpin(Playthrough p) {
        playthroughs.remove(p.pt, p);
    }

    /**
     * Runs one request on this seat's worker, starting a worker (and rebuilding the pinned
     * play-throughs in it) first when there is none. {@code onResult} runs while the seat is still
     * locked, so what it records is in step with the worker before anyone else can call.
     */
    <T, R> R call(ObjectNode request, Class<T> resultType, Function<T, R> onResult) {
        lockOrFail();
        try {
            WorkerProcess worker = ensureLive();
            WorkerResponse response;
            try {
                response = worker.call(request, resultType, host.settings().callDeadline());
            } catch (WorkerFailure f) {
                host.stats().failures.incrementAndGet();
                throw f.toGameHostException();
            } finally {
                lastUsedNanos = System.nanoTime();
            }
            host.stats().calls.incrementAndGet();
            if (WorkerProtocol.workerIsExiting(response)) {
                // Game code ignored the deadline, so the worker answered and is exiting: let it go
                // before anyone else sends it a request (its exit then schedules the restart).
                if (!worker.awaitExit(GameHostSettings.DEADLINE_GRACE)) {
                    worker.fail(WorkerFailure.CRASHED, "the worker did not exit after the game ignored its deadline");
                }
            }
            return onResult.apply(host.protocol().resultOf(response, resultType));
        } finally {
            lock.unlock();
        }
    }

    /** Like {@link #call} but never starts a worker: there is nothing to do in a worker that is gone. */
    void callIfLive(ObjectNode request) {
        lockOrFail();
        try {
            if (process != null && process.isAlive()) {
                process.call(request, JsonNode.class, host.settings().callDeadline());
                lastUsedNanos = System.nanoTime();
            }
        } catch (WorkerFailure f) {
            log.info("worker {} failed while freeing a play-through: {}", label(), f.getMessage());
        } finally {
            lock.unlock();
        }
    }

    private void lockOrFail() {
        // A call waits at most for the one in progress to finish or be killed at its deadline.
        long waitMs = host.settings().callDeadline().toMillis() * (2 + playthroughs.size()) + 1000;
        try {
            if (!lock.tryLock(waitMs, TimeUnit.MILLISECONDS)) {
                throw new GameHostException(WorkerFailure.TIMEOUT, "the game's worker is busy; try again in a moment");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GameHostException(WorkerFailure.UNAVAILABLE, "interrupted while waiting for the game's worker");
        }
    }

    /** After an unexpected death: bring a worker back now, so the next move does not pay for it. */
    void recover() {
        lock.lock();
        try {
            if (playthroughs.values().stream().anyMatch(p -> p.snapshot != null)) {
                ensureLive();
            } else {
                dropProcess();
            }
        } catch (GameHostException e) {
            log.warn("worker {} could not be brought back: {}", label(), e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the worker if it has been unused for {@code idle}; returns true when the seat is empty
     * and idle, so the pool may retire it. Never waits for a busy seat.
     */
    boolean stopIfIdle(Duration idle) {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            boolean idleLongEnough = System.nanoTime() - lastUsedNanos >= idle.toNanos();
            if (idleLongEnough && process != null) {
                log.info("stopping idle worker {} ({} play-throughs will be restored on their next move)",
                        label(), playthroughs.size());
                process.stop(Duration.ofSeconds(1));
                process = null;
            }
            return idleLongEnough && isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Stops the worker now without waiting for a call in progress (shutdown). */
    void shutdown() {
        WorkerProcess p = process;
        if (p != null) {
            p.stop(Duration.ofMillis(500));
        }
    }

    /** The current worker process, or null while the seat has none (stopped for idleness, or not started yet). */
    WorkerProcess currentProcess() {
        return process;
    }

    /** Runs {@code request} on the current worker only if the seat is free right now (status pages). */
    JsonNode tryCall(ObjectNode request) {
        if (!lock.tryLock()) {
            return null;
        }
        try {
            if (process == null || !process.isAlive()) {
                return null;
            }
            return host.protocol().resultOf(process.call(request, JsonNode.class, host.settings().callDeadline()), JsonNode.class);
        } catch (WorkerFailure | GameHostException e) {
            return null;
        } finally {
            lock.unlock();
        }
    }

    private void dropProcess() {
        if (process != null) {
            process.fail(WorkerFailure.CRASHED, "replaced");
            process = null;
        }
    }

    /**
     * The live worker, starting one when needed and rebuilding every pinned play-through in it
     * from its last snapshot. A play-through whose restore kills the fresh worker is marked broken
     * and left out, so one bad snapshot cannot keep the others from coming back.
     */
    private WorkerProcess ensureLive() {
        if (process != null && process.isAlive()) {
            return process;
        }
        boolean restart = process != null;
        dropProcess();
        while (true) {
            WorkerProcess worker;
            try {
                worker = host.launch(pool, this);
            } catch (WorkerFailure f) {
                throw f.toGameHostException();
            }
            if (restart) {
                host.stats().restarts.incrementAndGet();
            }
            process = worker;
            Playthrough culprit = restorePinned(worker);
            if (culprit == null) {
                return worker;
            }
            dropProcess();
            restart = true;
        }
    }

    /** Restores pinned play-throughs into {@code worker}; returns the one whose restore killed it, if any. */
    private Playthrough restorePinned(WorkerProcess worker) {
        List<Playthrough> toRestore = new ArrayList<>();
        for (Playthrough p : playthroughs.values()) {
            if (p.snapshot != null && p.brokenReason == null) {
                toRestore.add(p);
            }
        }
        for (Playthrough p : toRestore) {
            try {
                WorkerResponse response = worker.call(host.protocol().restore(p),
                        JsonNode.class, host.settings().callDeadline());
                host.protocol().resultOf(response, JsonNode.class);
                host.stats().restores.incrementAndGet();
            } catch (GameHostException e) {
                p.brokenReason = "it could not be rebuilt after its worker restarted: " + e.getMessage();
                log.warn("play-through {} of {}: {}", p.pt, label(), p.brokenReason);
            } catch (WorkerFailure f) {
                p.brokenReason = "rebuilding it after a worker restart failed: " + f.getMessage();
                log.warn("play-through {} of {}: {}", p.pt, label(), p.brokenReason);
                return p;
            }
        }
        return null;
    }
}
