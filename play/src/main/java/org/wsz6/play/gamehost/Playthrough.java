package org.wsz6.play.gamehost;

import java.nio.file.Path;
import java.util.Map;

/**
 * A live play-through as the bridge remembers it: the worker seat it is pinned to and what it
 * takes to rebuild it in a fresh worker (the last snapshot, seed, step, config, base URL).
 * Mutable fields change only while the seat's lock is held.
 */
final class Playthrough {

    /** Makes the record once the pool has chosen its seat. */
    interface Factory {
        Playthrough create(WorkerSlot slot);
    }

    final String pt;
    final Path game;
    final WorkerSlot slot;

    long seed;
    Map<String, Object> config;
    String baseUrl;
    /** The last snapshot the worker returned, or null before the start has answered. */
    volatile String snapshot;
    int step;
    /** Why this play-through could not be rebuilt after a worker restart, or null. */
    volatile String brokenReason;

    Playthrough(String pt, Path game, WorkerSlot slot, long seed, Map<String, Object> config, String baseUrl) {
        this.pt = pt;
        this.game = game;
        this.slot = slot;
        this.seed = seed;
        this.config = config == null ? Map.of() : config;
        this.baseUrl = baseUrl == null ? "" : baseUrl;
    }

    void remember(StepResult result) {
        if (result.snapshot() != null) {
            snapshot = result.snapshot();
            step = result.step();
            brokenReason = null;
        }
    }
}
