package org.wsz6.play.gamehost;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The worker seats of one game folder. A new play-through goes to the least loaded seat that
 * still has room ({@code maxPlaythroughsPerWorker}); when every seat is full the game gets another
 * one, so a single looping play-through holds up only the few that share its worker.
 */
final class WorkerPool {

    private final Path game;
    private final Path scratchRoot;
    private final GameHostSettings settings;
    private final ProcessGameHost host;
    private final List<WorkerSlot> slots = new ArrayList<>();
    private int nextNumber = 1;

    WorkerPool(Path game, Path scratchRoot, GameHostSettings settings, ProcessGameHost host) {
        this.game = game;
        this.scratchRoot = scratchRoot;
        this.settings = settings;
        this.host = host;
    }

    Path game() {
        return game;
    }

    /** Pins a new play-through to a seat (creating one when all are full). */
    synchronized WorkerSlot pin(Playthrough.Factory factory) {
        WorkerSlot slot = choose();
        slot.pin(factory.create(slot));
        return slot;
    }

    synchronized void unpin(Playthrough p) {
        p.slot.unpin(p);
    }

    /** A seat for a one-off call (describe), held until {@link #release}. */
    synchronized WorkerSlot lease() {
        WorkerSlot slot = choose();
        slot.leases.incrementAndGet();
        return slot;
    }

    synchronized void release(WorkerSlot slot) {
        slot.leases.decrementAndGet();
    }

    private WorkerSlot choose() {
        WorkerSlot best = slots.stream().min(Comparator.comparingInt(WorkerSlot::load)).orElse(null);
        if (best == null || (best.load() >= settings.maxPlaythroughsPerWorker() && slots.size() < settings.maxWorkersPerGame())) {
            best = new WorkerSlot(this, nextNumber, scratchRoot.resolve("w" + nextNumber), host);
            nextNumber++;
            slots.add(best);
        }
        return best;
    }

    /** Stops idle workers; retires empty idle seats. Returns the seats retired. */
    synchronized List<WorkerSlot> stopIdle() {
        List<WorkerSlot> retired = new ArrayList<>();
        for (WorkerSlot slot : List.copyOf(slots)) {
            if (slot.stopIfIdle(settings.idleTimeout())) {
                slots.remove(slot);
                retired.add(slot);
            }
        }
        return retired;
    }

    synchronized List<WorkerSlot> slots() {
        return List.copyOf(slots);
    }

    synchronized boolean isEmpty() {
        return slots.isEmpty();
    }
}
