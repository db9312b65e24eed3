package org.wsz6.play.gamehost;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link GameHost} that runs games in Python worker processes (docs/gamehost-protocol.md).
 *
 * <p>Each game folder has a {@link WorkerPool} of {@link WorkerSlot seats}; each play-through is
 * pinned to one seat for its life and remembered here with its last snapshot, so a worker that
 * dies or misses its deadline is replaced and its play-throughs rebuilt without the sessions
 * noticing more than one failed call.
 */
public final class ProcessGameHost implements GameHost, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProcessGameHost.class);

    private final GameHostSettings settings;
    private final WorkerProtocol protocol = new WorkerProtocol();
    private final WorkerLauncher launcher;
    private final GameHostStats stats = new GameHostStats();
    private final Map<Path, WorkerPool> pools = new ConcurrentHashMap<>();
    private final Map<String, Playthrough> playthroughs = new ConcurrentHashMap<>();
    private final Map<Path, GameSettings> gameSettings = new ConcurrentHashMap<>();
    private final ScheduledExecutorService housekeeping;
    private volatile boolean closed;

    public ProcessGameHost(GameHostSettings settings) {
        this.settings = settings;
        this.launcher = new WorkerLauncher(settings, protocol.mapper);
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gamehost-housekeeping");
            t.setDaemon(true);
            return t;
        });
        long everyMs = Math.max(1000, Math.min(30_000, settings.idleTimeout().toMillis() / 2));
        housekeeping.scheduleWithFixedDelay(this::stopIdleWorkers, everyMs, everyMs, TimeUnit.MILLISECONDS);
    }

    // ---- GameHost ----------------------------------------------------------------------------

    @Override
    public void registerGame(Path gameFolder, Map<String, String> env, boolean allowNetwork) {
        gameSettings.put(canonical(gameFolder), new GameSettings(env, allowNetwork));
    }

    @Override
    public GameDescription describe(Path gameFolder) {
        WorkerPool pool = poolFor(gameFolder);
        WorkerSlot slot = pool.lease();
        try {
            return slot.call(protocol.describe(), GameDescription.class, d -> d);
        } finally {
            pool.release(slot);
        }
    }

    @Override
    public StepResult start(Path gameFolder, String pt, long seed, Map<String, Object> config, String baseUrl) {
        Playthrough p = pin(gameFolder, pt, seed, config, baseUrl);
        return firstCall(p, protocol.start(p));
    }

    @Override
    public StepResult apply(String pt, int role, int opIndex, List<Object> args) {
        Playthrough p = live(pt);
        return callLive(p, protocol.apply(pt, role, opIndex, args));
    }

    @Override
    public StepResult view(String pt) {
        Playthrough p = live(pt);
        return callLive(p, protocol.view(pt));
    }

    @Override
    public StepResult restore(Path gameFolder, String pt, String snapshot, long seed, int step,
                              Map<String, Object> config, String baseUrl) {
        if (snapshot == null || snapshot.isEmpty()) {
            throw new GameHostException("restore_failed", "there is no snapshot to restore play-through " + pt + " from");
        }
        Playthrough existing = playthroughs.get(pt);
        if (existing != null && existing.game.equals(canonical(gameFolder))) {
            // Undo or a reload: the play-through stays on its seat; only its state is replaced.
            try {
                return existing.slot.call(protocol.restore(pt, snapshot, seed, step, config, baseUrl), StepResult.class,
                        result -> {
                            existing.seed = seed;
                            existing.config = protocol.copyOf(config);
                            existing.baseUrl = baseUrl == null ? "" : baseUrl;
                            return remember(existing, result);
                        });
            } catch (GameHostException e) {
                // A refused snapshot must not cost the play-through: put back the last good state.
                if (e.isRefusal()) {
                    rebuildFromLastSnapshot(existing);
                }
                throw e;
            }
        }
        if (existing != null) {
            close(pt);
        }
        Playthrough p = pin(gameFolder, pt, seed, config, baseUrl);
        return firstCall(p, protocol.restore(pt, snapshot, seed, step, p.config, p.baseUrl));
    }

    @Override
    public void close(String pt) {
        Playthrough p = playthroughs.remove(pt);
        if (p == null) {
            return;
        }
        try {
            p.slot.callIfLive(protocol.close(pt));
        } catch (GameHostException e) {
            log.info("closing play-through {}: {}", pt, e.getMessage());
        } finally {
            poolFor(p.game).unpin(p);
            // Its documents were handed to the caller with each step (artifacts); the folder can go.
            deleteQuietly(p.slot.scratch().resolve("sessions").resolve(pt));
        }
    }

    // ---- status ------------------------------------------------------------------------------

    public GameHostSettings settings() {
        return settings;
    }

    public GameHostStats stats() {
        return stats;
    }

    /** How many play-throughs the bridge holds (memory it keeps: ids, last snapshots). */
    public int playthroughCount() {
        return playthroughs.size();
    }

    /** How many worker seats exist over all games (a seat may have its process stopped while idle). */
    public int seatCount() {
        return pools.values().stream().mapToInt(pool -> pool.slots().size()).sum();
    }

    /** The workers of every game; asks each idle one for its memory use. */
    public List<WorkerStatus> workers() {
        List<WorkerStatus> out = new ArrayList<>();
        for (WorkerPool pool : pools.values()) {
            for (WorkerSlot slot : pool.slots()) {
                WorkerProcess process = slot.currentProcess();
                JsonNode ping = slot.tryCall(protocol.ping());
                Long rss = ping == null || !ping.has("rss_kb") ? null : ping.get("rss_kb").asLong();
                List<String> pts = slot.playthroughs().stream().map(p -> p.pt).sorted().toList();
                out.add(new WorkerStatus(pool.game(), slot.label(), process == null ? null : process.pid(), pts, rss));
            }
        }
        out.sort(Comparator.comparing(WorkerStatus::label));
        return out;
    }

    /** Stops every worker (and its whole process tree). Further calls are refused. */
    @Override
    public void close() {
        closed = true;
        housekeeping.shutdownNow();
        for (WorkerPool pool : pools.values()) {
            pool.slots().forEach(WorkerSlot::shutdown);
        }
        launcher.close();
        playthroughs.clear();
        pools.clear();
    }

    // ---- collaborators' entry points ---------------------------------------------------------

    WorkerProtocol protocol() {
        return protocol;
    }

    /** Starts a worker for a seat; called by the seat with its lock held. */
    WorkerProcess launch(WorkerPool pool, WorkerSlot slot) throws WorkerFailure {
        if (closed) {
            throw new WorkerFailure(WorkerFailure.UNAVAILABLE, "the game host is shut down");
        }
        GameSettings game = gameSettings.getOrDefault(pool.game(), GameSettings.NONE);
        WorkerProcess worker = launcher.launch(pool.game(), slot.scratch(), game, slot.label(),
                dead -> recoverLater(slot));
        stats.starts.incrementAndGet();
        return worker;
    }

    // ---- internals ---------------------------------------------------------------------------

    private void recoverLater(WorkerSlot slot) {
        if (closed) {
            return;
        }
        try {
            housekeeping.execute(slot::recover);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
        }
    }

    private Playthrough pin(Path gameFolder, String pt, long seed, Map<String, Object> config, String baseUrl) {
        WorkerProtocol.checkPt(pt);
        if (closed) {
            throw new GameHostException(WorkerFailure.UNAVAILABLE, "the game host is shut down");
        }
        Path game = canonical(gameFolder);
        if (!Files.isDirectory(game)) {
            throw new GameHostException("load_failed", "there is no game folder at " + game);
        }
        Map<String, Object> configCopy = protocol.copyOf(config);
        WorkerPool pool = poolFor(game);
        Playthrough[] created = new Playthrough[1];
        // putIfAbsent under the pool's pick, so one id can never be pinned twice.
        synchronized (playthroughs) {
            if (playthroughs.containsKey(pt)) {
                throw new GameHostException("bad_request", "play-through " + pt + " is already running; close it first");
            }
            pool.pin(slot -> created[0] = new Playthrough(pt, game, slot, seed, configCopy, baseUrl));
            playthroughs.put(pt, created[0]);
        }
        return created[0];
    }

    /** The start (or first restore) of a pinned play-through; forgets it again when that fails. */
    private StepResult firstCall(Playthrough p, com.fasterxml.jackson.databind.node.ObjectNode request) {
        boolean ok = false;
        try {
            StepResult result = p.slot.call(request, StepResult.class, r -> remember(p, r));
            ok = true;
            return result;
        } finally {
            if (!ok) {
                playthroughs.remove(p.pt, p);
                poolFor(p.game).unpin(p);
            }
        }
    }

    /**
     * A call on a live play-through. If the worker answers that it does not know the play-through
     * (it lost it, e.g. after refusing a snapshot) the bridge rebuilds it from its own last
     * snapshot and asks once more: the worker did nothing the first time, so nothing is doubled.
     */
    private StepResult callLive(Playthrough p, com.fasterxml.jackson.databind.node.ObjectNode request) {
        try {
            return p.slot.call(request, StepResult.class, result -> remember(p, result));
        } catch (GameHostException e) {
            if (!"unknown_playthrough".equals(e.code()) || p.snapshot == null) {
                throw e;
            }
            log.warn("worker had lost play-through {}; rebuilding it from its last snapshot", p.pt);
            rebuildFromLastSnapshot(p);
            return p.slot.call(request, StepResult.class, result -> remember(p, result));
        }
    }

    private void rebuildFromLastSnapshot(Playthrough p) {
        if (p.snapshot == null) {
            return;
        }
        try {
            p.slot.call(protocol.restore(p), StepResult.class, result -> remember(p, result));
            stats.restores.incrementAndGet();
        } catch (GameHostException again) {
            p.brokenReason = "its last good state could not be restored: " + again.getMessage();
            log.warn("play-through {}: {}", p.pt, p.brokenReason);
        }
    }

    private Playthrough live(String pt) {
        Playthrough p = playthroughs.get(pt);
        if (p == null) {
            throw new GameHostException("unknown_playthrough", "play-through " + pt + " is not running (it was closed or never started)");
        }
        if (p.brokenReason != null) {
            throw new GameHostException("restore_failed", "play-through " + pt + " is unavailable: " + p.brokenReason);
        }
        return p;
    }

    private StepResult remember(Playthrough p, StepResult step) {
        if (step == null) {
            throw new GameHostException("worker_protocol", "the worker answered without a step result");
        }
        p.remember(step);
        return step;
    }

    private WorkerPool poolFor(Path gameFolder) {
        Path game = canonical(gameFolder);
        return pools.computeIfAbsent(game, g -> new WorkerPool(g, settings.scratchDir().resolve(scratchName(g)), settings, this));
    }

    private void stopIdleWorkers() {
        try {
            for (WorkerPool pool : pools.values()) {
                for (WorkerSlot retired : pool.stopIdle()) {
                    deleteQuietly(retired.scratch());
                }
            }
        } catch (RuntimeException e) {
            log.warn("stopping idle workers failed", e);
        }
    }

    private static Path canonical(Path gameFolder) {
        Path abs = gameFolder.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            return abs;
        }
    }

    /** A folder name for a game's scratch space: readable and unique per game folder. */
    private static String scratchName(Path game) {
        String name = game.getFileName() == null ? "game" : game.getFileName().toString().replaceAll("[^A-Za-z0-9_.-]", "_");
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(game.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return name + "-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // best effort: scratch space
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
