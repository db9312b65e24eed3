package org.wsz6.play.session;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;
import org.wsz6.contract.v1.LaunchRequest;
import org.wsz6.contract.v1.SessionStatus;
import org.wsz6.contract.v1.UserRef;
import org.wsz6.play.bots.Bots;
import org.wsz6.play.gamehost.GameHostException;
import org.wsz6.play.gdm.EventLog;

/**
 * The live sessions of this node: creates them (launch, debug launch, continue), finds them, and
 * on startup restores every session that was live before. The single place where a multi-node
 * deployment would take a per-session lease before creating an actor (DESIGN.md, "Growing past
 * one machine"); the log's (session_id, seq) key already refuses a second writer.
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
    private final Map<String, SessionActor> live = new ConcurrentHashMap<>();
    private final Map<String, SessionStatus> recentlyEnded = new ConcurrentHashMap<>();
    /** False once the node is shutting down: no session is launched or recovered any more. */
    private volatile boolean started;

    public SessionRegistry(SessionStore store, EventLog eventLog, GameCatalog catalog, Bots bots,
                           SessionListener listener, SessionSettings settings) {
        this.store = store;
        this.settings = settings;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("session-timers").factory());
        this.runtime = new SessionRuntime(store, eventLog, catalog, bots, listener, scheduler, settings, this::ended);
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
        recoverLiveSessions();
        long hours = 6;
        scheduler.scheduleWithFixedDelay(() -> deleteOldDebugSessions(), 1, hours * 3600, TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(this::closeIdleSessions, 10, 10, TimeUnit.MINUTES);
    }

    /**
     * Restores the sessions that were live when the server stopped (even by SIGKILL). A session
     * that already has its actor on this node is left alone: one session, one actor.
     */
    public void recoverLiveSessions() {
        List<SessionStore.StoredSession> sessions = store.liveSessions();
        for (SessionStore.StoredSession s : sessions) {
            if (live.containsKey(s.info().id())) {
                continue;
            }
            try {
                runtime.catalog().host().registerGame(s.info().gameFolder(), s.info().gameEnv(), s.info().allowNetwork());
            } catch (RuntimeException e) {
                log.warn("session {}: game host unavailable: {}", s.info().id(), e.getMessage());
            }
            SessionActor actor = new SessionActor(s.info(), s.phase(), s.parallelLimitSeconds(), runtime);
            if (live.putIfAbsent(s.info().id(), actor) != null) {
                continue;
            }
            actor.startRecovery().exceptionally(t -> {
                log.error("session {} could not be recovered: {}", s.info().id(), t.getMessage());
                return null;
            });
        }
        if (!sessions.isEmpty()) {
            log.info("recovering {} live session(s)", sessions.size());
        }
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
            SessionActor running = live.get(parent.info().id());
            if (running != null) {
                // The parent is handed over: it ends here and lives on in its continuation.
                await(running.ask(() -> {
                    running.endSession(null, "continued", "This session continues in a new session.");
                    return null;
                }));
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
        SessionActor actor = new SessionActor(info, Phase.LOBBY, 0, runtime);
        SessionStore.StoredSession from = parent;
        await(actor.ask(() -> {
            if (from != null) {
                actor.continueFrom(from);
            } else {
                actor.initialiseNew(debug ? debugBots : null);
            }
            return null;
        }));
        live.put(info.id(), actor);
        log.info("session {} launched ({}{}, phase {})", info.id(), info.gameSlug(), debug ? ", debug" : "",
                from != null ? "continued" : phase.wire());
        return new Launched(info.id(), ownerToken, inviteToken);
    }

    public String observerToken(String sessionId, UserRef admin, boolean mayTakeOver) {
        if (!live.containsKey(sessionId)) {
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
        return store.sessionIdByInvite(inviteToken).filter(live::containsKey);
    }

    /** The participant a cookie token belongs to in this session, if it is valid. */
    public Optional<String> participantFor(String sessionId, String cookieToken) {
        if (!Tokens.looksLikeToken(cookieToken) || !live.containsKey(sessionId)) {
            return Optional.empty();
        }
        return store.participantIdByToken(sessionId, Tokens.hash(cookieToken));
    }

    public Optional<SessionStore.AccessToken> redeem(String token, String purpose) {
        if (!Tokens.looksLikeToken(token)) {
            return Optional.empty();
        }
        return store.redeem(Tokens.hash(token), purpose).filter(t -> live.containsKey(t.sessionId()));
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
        started = false;
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
        scheduler.shutdownNow();
    }
}
