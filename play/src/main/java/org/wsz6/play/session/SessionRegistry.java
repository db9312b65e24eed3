package org.wsz6.play.session;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;
import org.wsz6.contract.v1.LaunchRequest;
import org.wsz6.contract.v1.SessionStatus;
import org.wsz6.contract.v1.UserRef;
import org.wsz6.play.bots.Bots;
import org.wsz6.play.lease.ClusterMeters;
import org.wsz6.play.lease.ClusterSettings;
import org.wsz6.play.lease.LeaseRepository;
import org.wsz6.play.gamehost.GameHostException;
import org.wsz6.play.gdm.EventLog;

/**
 * The live sessions of this node: creates them (launch, debug launch, continue), finds them, and
 * on startup restores every session that was live before.
 * <p>Several nodes may share one GDM (DESIGN.md, "Growing past one machine"): a node holds an actor
 * only for sessions whose lease it holds ({@link LeaseRepository}). It renews all its leases about
 * every second, drops sessions another node took over, stops acting as owner when it cannot renew
 * within the lease's TTL (self-fencing), and takes over sessions whose owner stopped renewing. A
 * session owned elsewhere is reached through {@link #route}.
 */
@Service
public class SessionRegistry implements SmartInitializingSingleton, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SessionRegistry.class);
    /** Recently ended sessions stay listed for admin's panel for this long. */
    private static final Duration ENDED_VISIBLE = Duration.ofHours(1);

    private final SessionStore store;
    private final SessionSettings settings;
    private final SessionRuntime runtime;
    private final ScheduledExecutorService scheduler;
    /** Lease renewal and takeovers, apart from the session timers so a slow database delays no game. */
    private final ScheduledExecutorService leaseKeeper;
    private final LeaseRepository leases;
    private final ClusterSettings cluster;
    private final List<Consumer<String>> adoptionListeners = new CopyOnWriteArrayList<>();
    /** System.nanoTime() when the last successful renewal started; past it + TTL this node is fenced. */
    private volatile long lastRenewalStarted = System.nanoTime();
    private final Map<String, SessionActor> live = new ConcurrentHashMap<>();
    private final Map<String, SessionStatus> recentlyEnded = new ConcurrentHashMap<>();
    /** False once the node is shutting down: no session is launched or recovered any more. */
    private volatile boolean started;

    public SessionRegistry(SessionStore store, EventLog eventLog, GameCatalog catalog, Bots bots,
                           SessionListener listener, SessionSettings settings, LeaseRepository leases,
                           ClusterSettings cluster) {
        this.store = store;
        this.settings = settings;
        this.leases = leases;
        this.cluster = cluster;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("session-timers").factory());
        this.leaseKeeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("session-leases").factory());
        this.runtime = new SessionRuntime(store, eventLog, catalog, bots, listener, scheduler, settings, this::ended,
                this::lostOwnership);
    }

    public String nodeId() {
        return cluster.nodeId();
    }

    /**
     * Runs once every bean exists and before the web server accepts anything, so no session can be
     * launched or joined on this node before the ones of the previous run are recovered. (On the
     * application-ready event, which comes after the server is already serving, the sessions
     * launched in between were "recovered" a second time: a second actor replaced the live one in
     * this registry while the first kept its WebSockets, and both drove the same play-through.)
     */
    @Override
    public void afterSingletonsInstantiated() {
        log.info("cluster node {} (lease TTL {}, renewed every {})", cluster.nodeId(), cluster.leaseTtl(), cluster.renewEvery());
        // Renewal runs from now on, so leases taken during a long recovery do not expire meanwhile.
        long renewMs = cluster.renewEvery().toMillis();
        lastRenewalStarted = System.nanoTime();
        leaseKeeper.scheduleWithFixedDelay(this::keepLeases, renewMs, renewMs, TimeUnit.MILLISECONDS);
        // The fencing check runs on another thread: a renewal stuck on an unreachable database must not hide it.
        scheduler.scheduleWithFixedDelay(this::fenceIfNotRenewed, renewMs, renewMs, TimeUnit.MILLISECONDS);
        recoverLiveSessions();
        long hours = 6;
        scheduler.scheduleWithFixedDelay(() -> deleteOldDebugSessions(), 1, hours * 3600, TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(this::closeIdleSessions, 10, 10, TimeUnit.MINUTES);
    }

    /**
     * Restores the sessions that were live when the server stopped (even by SIGKILL), as far as
     * this node can take their leases: a session another node holds stays there, and one whose
     * previous owner's lease has not expired yet is taken by the lease sweep a moment later. A
     * session that already has its actor on this node is left alone: one session, one actor.
     */
    public synchronized void recoverLiveSessions() {
        List<SessionStore.StoredSession> sessions = store.liveSessions();
        int adopted = 0;
        for (SessionStore.StoredSession s : sessions) {
            if (adopt(s).isPresent()) {
                adopted++;
            }
        }
        if (!sessions.isEmpty()) {
            log.info("recovering {} of {} live session(s); the others are owned by another node for now",
                    adopted, sessions.size());
        }
    }

    /**
     * Takes the lease of a stored live session and rebuilds its actor from the log. Empty when another
     * node holds the lease (or won the race for it).
     */
    private synchronized Optional<SessionActor> adopt(SessionStore.StoredSession s) {
        String id = s.info().id();
        SessionActor existing = live.get(id);
        if (existing != null) {
            return Optional.of(existing);
        }
        OptionalLong epoch = leases.acquire(id);
        if (epoch.isEmpty()) {
            return Optional.empty();
        }
        try {
            runtime.catalog().host().registerGame(s.info().gameFolder(), s.info().gameEnv(), s.info().allowNetwork());
        } catch (RuntimeException e) {
            log.warn("session {}: game host unavailable: {}", id, e.getMessage());
        }
        SessionActor actor = new SessionActor(s.info(), s.phase(), s.parallelLimitSeconds(), runtime);
        live.put(id, actor);
        if (epoch.getAsLong() > 1) {
            // Another node (or this node's previous process) owned it: fence it off before serving.
            ClusterMeters.takeover();
            log.info("session {}: taking over at lease epoch {}", id, epoch.getAsLong());
            actor.startTakeover(cluster.nodeId(), epoch.getAsLong()).whenComplete((fenced, t) -> {
                if (t != null || !Boolean.TRUE.equals(fenced)) {
                    abandon(actor);
                } else {
                    adoptionListeners.forEach(l -> l.accept(id));
                }
            });
        } else {
            actor.startRecovery().exceptionally(t -> {
                log.error("session {} could not be recovered: {}", id, t.getMessage());
                return null;
            });
            adoptionListeners.forEach(l -> l.accept(id));
        }
        return Optional.of(actor);
    }

    /** A takeover that lost the race to a late write of the old owner: give the lease back, retry later. */
    private void abandon(SessionActor actor) {
        live.remove(actor.info().id(), actor);
        actor.handOver();
        leases.release(actor.info().id());
    }

    /** Ends a live session of this node because a new session continues it. */
    public void endForContinuation(SessionActor running) {
        await(running.ask(() -> {
            running.endSession(null, "continued", "This session continues in a new session.");
            return null;
        }));
    }

    /** How a session live on another node is ended for its continuation (set by the cluster router). */
    private volatile BiConsumer<String, String> remoteEnder = (node, id) -> {
        throw new Refusal("worker_unavailable", "Session " + id + " runs on another server that cannot be reached.");
    };

    public void onRemoteEnd(BiConsumer<String, String> ender) {
        this.remoteEnder = ender;
    }

    /** Called with a session's id when this node has become its owner (its sockets here may reconnect locally). */
    public void onAdoption(Consumer<String> listener) {
        adoptionListeners.add(listener);
    }

    // --- leases ---------------------------------------------------------------------------------

    /**
     * Every {@code renew-every}: renews all leases of this node in one statement, drops the sessions
     * another node took over, and takes over sessions whose owner stopped renewing. If renewal fails
     * for longer than the TTL, this node can no longer be sure it is the owner, so it stops acting as
     * one (self-fencing): its sessions are handed over and their players reconnect elsewhere.
     */
    void keepLeases() {
        Set<String> candidates = Set.copyOf(live.keySet()); // sessions adopted later are not judged by this round
        long renewalStarted = System.nanoTime();
        Set<String> held;
        try {
            held = leases.renewAll();
            lastRenewalStarted = renewalStarted;
        } catch (RuntimeException e) {
            log.warn("lease renewal failed: {}", e.toString());
            return; // fenceIfNotRenewed gives the sessions up once the TTL has passed
        }
        for (String id : candidates) {
            SessionActor actor = live.get(id);
            if (actor != null && !held.contains(id)) {
                log.warn("session {}: lease now held by another node; handing over", id);
                lostOwnership(actor);
            }
        }
        if (!started) {
            return; // no takeovers before this node serves, nor while it stops
        }
        try {
            for (String id : leases.expired()) {
                takeOver(id);
            }
        } catch (RuntimeException e) {
            log.warn("lease sweep failed: {}", e.toString());
        }
    }

    /**
     * Self-fencing: when no renewal has succeeded for a whole TTL, other nodes may already own this
     * node's sessions, so it stops acting as their owner; their players reconnect elsewhere. Only
     * where other nodes can exist (Redis configured).
     */
    void fenceIfNotRenewed() {
        if (!cluster.usesRedis()) {
            // One node alone (in-process bus): no other node can own its sessions, so a slow or failed
            // renewal must not tear down live games; the next renewal extends the leases again.
            return;
        }
        if (started && !live.isEmpty() && System.nanoTime() - lastRenewalStarted > cluster.leaseTtl().toNanos()) {
            log.error("leases not renewed for more than {}: this node stops owning its {} session(s)",
                    cluster.leaseTtl(), live.size());
            List.copyOf(live.values()).forEach(this::lostOwnership);
        }
    }

    /**
     * Takes a session over if its lease has expired (its owner died); a session that ended meanwhile
     * only loses its lease row. Also used on demand when a player arrives for such a session.
     */
    public Optional<SessionActor> takeOver(String sessionId) {
        if (!started) {
            return Optional.empty();
        }
        SessionActor existing = live.get(sessionId);
        if (existing != null) {
            return Optional.of(existing);
        }
        Optional<SessionStore.StoredSession> stored = store.session(sessionId);
        if (stored.isEmpty() || stored.get().endedAt() != null) {
            leases.deleteAny(sessionId);
            return Optional.empty();
        }
        return adopt(stored.get());
    }

    private void lostOwnership(SessionActor actor) {
        if (live.remove(actor.info().id(), actor)) {
            ClusterMeters.leaseLost();
            actor.handOver();
        }
    }

    /** Where a session lives now: an actor on this node, another node, or nowhere (ended, or its owner just died). */
    public record Route(SessionActor local, String remoteNode) {
        public static final Route NONE = new Route(null, null);
    }

    /**
     * Finds the session's actor here, or the node that owns it. A session whose owner stopped
     * renewing is taken over on the spot, so a player reconnecting after a node died does not wait
     * for the next sweep.
     */
    public Route route(String sessionId) {
        SessionActor actor = sessionId == null ? null : live.get(sessionId);
        if (actor != null) {
            return new Route(actor, null);
        }
        if (sessionId == null) {
            return Route.NONE;
        }
        Optional<LeaseRepository.Lease> lease = leases.lease(sessionId);
        if (lease.isEmpty()) {
            return Route.NONE;
        }
        if (lease.get().expired()) {
            return takeOver(sessionId).map(a -> new Route(a, null)).orElse(Route.NONE);
        }
        if (lease.get().ownerNode().equals(cluster.nodeId())) {
            return find(sessionId).map(a -> new Route(a, null)).orElse(Route.NONE); // adopting right now
        }
        return new Route(null, lease.get().ownerNode());
    }

    /** True when the session is live on this node or on another (it holds a lease, valid or about to be taken over). */
    public boolean liveInCluster(String sessionId) {
        return sessionId != null && (live.containsKey(sessionId) || leases.lease(sessionId).isPresent());
    }

    /** A live session's description, from its actor here or from GDM when another node runs it. */
    public Optional<SessionInfo> liveInfo(String sessionId) {
        SessionActor actor = sessionId == null ? null : live.get(sessionId);
        if (actor != null) {
            return Optional.of(actor.info());
        }
        return liveInCluster(sessionId)
                ? store.session(sessionId).filter(s -> s.endedAt() == null).map(SessionStore.StoredSession::info)
                : Optional.empty();
    }

    /** Nodes other than this one that own live sessions now. */
    public List<String> otherOwnerNodes() {
        return leases.liveOwners().stream().filter(n -> !n.equals(cluster.nodeId())).toList();
    }

    /** Debug sessions are test runs of an author: their logs are deleted after the retention period. */
    public int deleteOldDebugSessions() {
        return deleteOldDebugSessions(Instant.now());
    }

    /** As the scheduled job does at {@code now}: ends and deletes debug sessions older than the retention. */
    public int deleteOldDebugSessions(Instant now) {
        try {
            Instant cutoff = now.minus(settings.debugLogRetention());
            List<String> expiredLive = live.values().stream()
                    .filter(a -> a.info().debug() && a.info().createdAt().isBefore(cutoff))
                    .map(a -> a.info().id()).toList();
            for (String id : expiredLive) {
                SessionActor actor = live.get(id);
                if (actor != null) {
                    await(actor.ask(() -> {
                        actor.endSession(null, "expired", "This debug session has expired.");
                        return null;
                    }));
                }
            }
            int deleted = store.deleteDebugSessionsBefore(cutoff);
            if (deleted > 0) {
                log.info("deleted {} debug session(s) older than {}", deleted, settings.debugLogRetention());
            }
            return deleted;
        } catch (RuntimeException e) {
            log.warn("debug session clean-up failed", e);
            return 0;
        }
    }

    /** Ends sessions nobody has used for the idle timeout, so memory stays bounded by what is in use. */
    public int closeIdleSessions() {
        return closeIdleSessions(settings.idleSessionTimeout());
    }

    public int closeIdleSessions(Duration idle) {
        long idleMillis = idle.toMillis();
        int closed = 0;
        for (SessionActor actor : List.copyOf(live.values())) {
            if (actor.idleFor(idleMillis)) {
                try {
                    await(actor.ask(() -> {
                        if (actor.idleFor(idleMillis)) {
                            actor.endSession(null, "idle", "This session was closed after a long time without anyone in it.");
                        }
                        return null;
                    }));
                    closed++;
                } catch (RuntimeException e) {
                    log.info("session {} not closed: {}", actor.info().id(), e.getMessage());
                }
            }
        }
        return closed;
    }

    /** A new session as admin asked: returns it with its one-time owner link and the invite link. */
    public record Launched(String sessionId, String ownerToken, String inviteToken) {
    }

    public Launched launch(LaunchRequest request, boolean debug) {
        if (!started) {
            throw new Refusal("worker_unavailable", "The server is restarting; please try again in a moment.");
        }
        if (request.gameFolder() == null || request.gameFolder().isBlank()) {
            throw new Refusal("bad_message", "gameFolder is required.");
        }
        if (store.isRetired(request.gameSlug(), request.gameVersion())) {
            throw new Refusal("not_allowed", "This game version is retired and starts no new sessions.");
        }
        SessionStore.StoredSession parent = null;
        if (request.continueFromSessionId() != null && !request.continueFromSessionId().isBlank()) {
            parent = store.session(request.continueFromSessionId())
                    .orElseThrow(() -> new Refusal("bad_message", "There is no session " + request.continueFromSessionId() + " to continue."));
            // The parent is handed over: it ends (wherever it runs) and lives on in its continuation.
            Route running = route(parent.info().id());
            if (running.local() != null) {
                endForContinuation(running.local());
            } else if (running.remoteNode() != null) {
                remoteEnder.accept(running.remoteNode(), parent.info().id());
            }
        }
        Map<String, Object> options = new LinkedHashMap<>(request.options() == null ? Map.of() : request.options());
        Map<String, String> debugBots = new LinkedHashMap<>();
        Object asked = options.remove("debug_bots");
        if (asked instanceof Map<?, ?> m) {
            m.forEach((k, v) -> debugBots.put(String.valueOf(k), String.valueOf(v)));
        }
        SessionInfo info = new SessionInfo(Tokens.newId(), parent == null ? null : parent.info().id(),
                request.gameSlug(), request.gameVersion(),
                request.gameTitle() == null || request.gameTitle().isBlank() ? request.gameSlug() : request.gameTitle(),
                Path.of(request.gameFolder()).toAbsolutePath().normalize(), request.owner(), options,
                request.gameEnv() == null ? Map.of() : request.gameEnv(), request.allowNetwork(), debug, Instant.now(),
                Tokens.newToken());
        // Describe before anything is stored: a game that cannot load starts no session.
        runtime.catalog().host().registerGame(info.gameFolder(), info.gameEnv(), info.allowNetwork());
        runtime.catalog().describe(info.gameFolder());
        String ownerToken = Tokens.newToken();
        String inviteToken = Tokens.newToken();
        Phase phase = parent == null ? Phase.LOBBY : Phase.PAUSED;
        store.insertSession(info, Phase.LOBBY, inviteToken, null);
        store.insertAccessToken(Tokens.hash(ownerToken), info.id(), "owner", request.owner(), false,
                Instant.now().plus(Duration.ofDays(7)));
        leases.claimNew(info.id()); // this node owns the new session
        SessionActor actor = new SessionActor(info, Phase.LOBBY, 0, runtime);
        SessionStore.StoredSession from = parent;
        live.put(info.id(), actor);
        try {
            await(actor.ask(() -> {
                if (from != null) {
                    actor.continueFrom(from);
                } else {
                    actor.initialiseNew(debug ? debugBots : null);
                }
                return null;
            }));
        } catch (RuntimeException e) {
            live.remove(info.id(), actor);
            actor.handOver();
            leases.delete(info.id());
            throw e;
        }
        log.info("session {} launched ({}{}, phase {})", info.id(), info.gameSlug(), debug ? ", debug" : "",
                from != null ? "continued" : phase.wire());
        return new Launched(info.id(), ownerToken, inviteToken);
    }

    public String observerToken(String sessionId, UserRef admin, boolean mayTakeOver) {
        if (!liveInCluster(sessionId)) {
            throw new Refusal("bad_message", "Session " + sessionId + " is not live.");
        }
        String token = Tokens.newToken();
        store.insertAccessToken(Tokens.hash(token), sessionId, "observer", admin, mayTakeOver,
                Instant.now().plus(Duration.ofMinutes(30)));
        return token;
    }

    /** Sessions live on this node (a metrics gauge). */
    public int liveCount() {
        return live.size();
    }

    public Optional<SessionActor> find(String sessionId) {
        return Optional.ofNullable(sessionId == null ? null : live.get(sessionId));
    }

    public Optional<String> sessionIdByInvite(String inviteToken) {
        if (!Tokens.looksLikeToken(inviteToken)) {
            return Optional.empty();
        }
        return store.sessionIdByInvite(inviteToken).filter(this::liveInCluster);
    }

    /** The participant a cookie token belongs to in this session, if it is valid. */
    public Optional<String> participantFor(String sessionId, String cookieToken) {
        if (!Tokens.looksLikeToken(cookieToken) || !liveInCluster(sessionId)) {
            return Optional.empty();
        }
        return store.participantIdByToken(sessionId, Tokens.hash(cookieToken));
    }

    public Optional<SessionStore.AccessToken> redeem(String token, String purpose) {
        if (!Tokens.looksLikeToken(token)) {
            return Optional.empty();
        }
        return store.redeem(Tokens.hash(token), purpose).filter(t -> liveInCluster(t.sessionId()));
    }

    public List<SessionStatus> activeSessions() {
        List<SessionStatus> out = new ArrayList<>();
        for (SessionActor actor : live.values()) {
            try {
                out.add(await(actor.ask(actor::status)));
            } catch (RuntimeException e) {
                log.info("session {} did not answer its status: {}", actor.info().id(), e.getMessage());
            }
        }
        Instant cutoff = Instant.now().minus(ENDED_VISIBLE);
        recentlyEnded.values().removeIf(s -> s.updatedAt().isBefore(cutoff));
        out.addAll(recentlyEnded.values());
        return out;
    }

    private void ended(SessionActor actor) {
        live.remove(actor.info().id());
        try {
            leases.delete(actor.info().id());
        } catch (RuntimeException e) {
            log.warn("session {}: lease not deleted (it expires by itself): {}", actor.info().id(), e.toString());
        }
        recentlyEnded.put(actor.info().id(), actor.status());
    }

    /** Waits for an actor's answer within the command timeout; unwraps its refusal. */
    public <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new GameHostException("worker_unavailable", "The session did not answer in time; please try again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --- node shutdown ------------------------------------------------------------------------

    /**
     * Stopped after the web server (a lower phase stops later) and, like every lifecycle stop,
     * before any bean is destroyed: so the game host and the GDM database, closed on destruction,
     * are still open while the actors finish what was queued.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    @Override
    public void start() {
        started = true;
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /**
     * Orderly shutdown: no new session is launched; every actor runs what it already queued (a move
     * that reached the server is logged and acknowledged), cancels its timers and stops; only then
     * the timer thread stops. Live sessions are not ended: the next start recovers them.
     */
    @Override
    public void stop() {
        started = false; // leases are still renewed while the actors finish what they queued
        List<SessionActor> actors = List.copyOf(live.values());
        actors.forEach(SessionActor::stopForShutdown);
        long deadline = System.currentTimeMillis() + settings.commandTimeout().toMillis();
        try {
            for (SessionActor actor : actors) {
                if (!actor.awaitStopped(Math.max(0, deadline - System.currentTimeMillis()))) {
                    log.warn("session {}: still busy at shutdown; its last command may be lost", actor.info().id());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        leaseKeeper.shutdown();
        try {
            leaseKeeper.awaitTermination(cluster.leaseTtl().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            // The sessions are not ended: other nodes (or this one's next start) take them over at once.
            int released = leases.releaseAll();
            if (released > 0) {
                log.info("released {} session lease(s)", released);
            }
        } catch (RuntimeException e) {
            log.warn("leases not released (they expire within {}): {}", cluster.leaseTtl(), e.toString());
        }
        scheduler.shutdownNow();
    }
}
