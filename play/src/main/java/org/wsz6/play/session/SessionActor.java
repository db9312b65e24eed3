package org.wsz6.play.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.wsz6.contract.v1.SessionStatus;
import org.wsz6.contract.v1.SessionSummary;
import org.wsz6.contract.v1.UserRef;
import org.wsz6.play.bots.Bot;
import org.wsz6.play.bots.BotMove;
import org.wsz6.play.bots.RandomArguments;
import org.wsz6.play.gamehost.GameDescription;
import org.wsz6.play.gamehost.GameHost;
import org.wsz6.play.gamehost.GameHostException;
import org.wsz6.play.gamehost.StepResult;
import org.wsz6.play.gdm.EventLog;
import org.wsz6.play.gdm.LogEvent;
import org.wsz6.play.gdm.NewEvent;
import org.wsz6.play.metrics.PlayMeters;
import org.wsz6.play.session.SessionStore.StoredPlaythrough;

/**
 * One live session: a single-threaded actor. Every command (from a browser, a bot, a timer or the
 * internal API) runs on the actor's own thread, one at a time, so there are no races between
 * players. The rule for every change: append the event to the GDM log first, then tell anyone.
 */
public final class SessionActor {

    private static final Logger log = LoggerFactory.getLogger(SessionActor.class);

    private final SessionInfo info;
    private final SessionRuntime rt;
    private final ExecutorService executor;
    private final EventLog.AtomicCursor cursor;

    // --- state below is touched only on the actor thread ---
    private GameDescription game;
    private volatile Phase phase;
    /** Read by the registry's idle sweep from another thread. */
    private volatile long lastActivityMillis = System.currentTimeMillis();
    private volatile int openConnections;
    private int parallelLimitSeconds;
    private final Map<String, Participant> participants = new LinkedHashMap<>();
    private final Map<String, Conn> connections = new LinkedHashMap<>();
    private LivePlaythrough current;
    /** Ordinal of the last play-through this actor started (0: not known yet, read from GDM when needed). */
    private int lastOrdinal;
    private final Map<String, ScheduledFuture<?>> reconnectTimers = new LinkedHashMap<>();
    private boolean closed;
    /** Set when this node shuts down: commands are refused from then on (the session itself lives on). */
    private volatile boolean stopping;

    /** A connection and the role it looks at. */
    private static final class Conn {
        final ClientConnection link;
        final String participantId;
        Integer perspective;

        Conn(ClientConnection link, String participantId, Integer perspective) {
            this.link = link;
            this.participantId = participantId;
            this.perspective = perspective;
        }
    }

    /** A move that can be undone: the state after it, and who made it. */
    record UndoEntry(long seq, int step, String snapshot, String moverId, Integer moverRole, boolean inParallelPhase,
                     boolean allowUndo) {
    }

    /** The play-through being played (or just finished). */
    private static final class LivePlaythrough {
        final String id;
        final int ordinal;
        final long seed;
        final Map<String, Object> config;
        final Instant startedAt;
        StepResult last;
        final Deque<UndoEntry> undo = new ArrayDeque<>();
        boolean hostLive;
        final Set<Integer> movedThisRound = new HashSet<>();
        final Set<Integer> botsThinking = new HashSet<>();
        ScheduledFuture<?> parallelTimer;

        LivePlaythrough(String id, int ordinal, long seed, Map<String, Object> config, Instant startedAt) {
            this.id = id;
            this.ordinal = ordinal;
            this.seed = seed;
            this.config = config;
            this.startedAt = startedAt;
        }
    }

    SessionActor(SessionInfo info, Phase phase, int parallelLimitSeconds, SessionRuntime rt) {
        this.info = info;
        this.rt = rt;
        this.phase = phase;
        this.parallelLimitSeconds = parallelLimitSeconds;
        this.executor = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("session-" + info.id()).factory());
        this.cursor = new EventLog.AtomicCursor(rt.eventLog().cursor(info.id()));
    }

    public SessionInfo info() {
        return info;
    }

    /**
     * True when nobody has been here for {@code idleMillis} and nothing is waiting for anyone:
     * a lobby, or a finished play-through. Playing sessions pause through the reconnect window;
     * paused ones stay, to be continued.
     */
    boolean idleFor(long idleMillis) {
        return openConnections == 0 && System.currentTimeMillis() - lastActivityMillis > idleMillis
                && (phase == Phase.LOBBY || phase == Phase.GOAL || phase == Phase.ENDED);
    }

    // =============================================================================================
    // Entry points (any thread). Each queues a command on the actor.
    // =============================================================================================

    /** Runs {@code command} on the actor and returns its result. */
    public <T> CompletableFuture<T> ask(Callable<T> command) {
        CompletableFuture<T> result = new CompletableFuture<>();
        PlayMeters.commandQueued();
        try {
            executor.execute(() -> {
                PlayMeters.commandTaken();
                try (var mdc = MDC.putCloseable("session_id", info.id())) { // every log line names its session
                    result.complete(command.call());
                } catch (org.springframework.dao.DuplicateKeyException fenced) {
                    // Another node wrote its node_takeover first (the fence): it owns the session now.
                    log.warn("session {}: write refused by the log's key; another node owns the session now ({})", info.id(),
                            fenced.getMostSpecificCause().getMessage());
                    rt.onLostOwnership().accept(this);
                    result.completeExceptionally(new Refusal("worker_unavailable",
                            "This session has just moved to another server; please try again."));
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            PlayMeters.commandTaken();
            result.completeExceptionally(stopping
                    ? new Refusal("worker_unavailable", "The server is restarting; please try again in a moment.")
                    : new Refusal("session_ended", "This session has ended."));
        }
        return result;
    }

    /** Queues a command whose failure is only logged. */
    void tell(Runnable command) {
        ask(() -> {
            command.run();
            return null;
        }).exceptionally(t -> {
            if (executor.isShutdown()) {
                // A timer, bot or dropped connection arriving after the actor stopped: nothing to do.
                log.debug("session {}: command after the actor stopped: {}", info.id(), t.getMessage());
            } else {
                log.warn("session {}: command failed", info.id(), t);
            }
            return null;
        });
    }

    /**
     * Node shutdown, step one (any thread): commands already queued still run, in order, then the
     * actor's timers are cancelled and it stops; anything later is refused. The session is not ended
     * and writes nothing more: the next start recovers it from the log.
     */
    void stopForShutdown() {
        stopAfterQueued(() -> { });
    }

    /**
     * Takes no new command; after the queued ones, cancels the timers, runs {@code lastSteps} and
     * stops. A session that already ended on its own is stopping already; nothing more is queued then.
     */
    private void stopAfterQueued(Runnable lastSteps) {
        stopping = true;
        try {
            executor.execute(() -> {
                cancelParallelTimer();
                reconnectTimers.values().forEach(t -> t.cancel(false));
                reconnectTimers.clear();
                lastSteps.run();
            });
        } catch (java.util.concurrent.RejectedExecutionException alreadyStopped) {
            // ended or stopping already
        }
        executor.shutdown();
    }

    /** Node shutdown, step two: waits for the queued commands to finish; false if they did not in time. */
    boolean awaitStopped(long timeoutMillis) throws InterruptedException {
        return executor.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * This node lost the session's lease (another node took it over, or this node could not renew in
     * time): timers stop, every connection is closed with "reconnect" so the player comes back to the
     * new owner, the play-through's worker is freed, and the actor takes no new command. Commands
     * queued before may still try to write; once the new owner has logged its {@code node_takeover},
     * the log's key refuses them, and a write that got in before it is part of the chain the new owner
     * rebuilds from (its takeover is retried from the new end of the log).
     */
    void handOver() {
        stopAfterQueued(() -> {
            for (Conn c : connections.values()) {
                c.link.closeForReconnect("session moved to another node");
            }
            connections.clear();
            openConnections = 0;
            if (current != null) {
                closeHost(current);
            }
        });
    }

    /**
     * This node took the session over (lease epoch {@code epoch}): before serving anyone it logs
     * {@code node_takeover}, the fence. The (session_id, seq) key makes a late write of the previous
     * owner collide with it instead of forking the chain; if the previous owner's write won that race,
     * this append fails and the takeover is abandoned (completes with false) to be retried from the
     * new end of the log. Then the session is rebuilt from the log as after a restart.
     */
    public CompletableFuture<Boolean> startTakeover(String nodeId, long epoch) {
        return ask(() -> {
            try {
                appendSessionEvent(null, "node_takeover", Messages.map("node", nodeId, "epoch", epoch));
            } catch (org.springframework.dao.DataAccessException lostRace) {
                log.warn("session {}: takeover at epoch {} lost to a late write: {}", info.id(), epoch, lostRace.getMessage());
                return false;
            }
            try {
                recoverOrRemember();
            } catch (RuntimeException e) {
                // remembered in recoveryProblem: retried when someone connects
            }
            return true;
        });
    }

    /** Result of joining: who the person is now, and the cookie token that proves it (given to them only). */
    public record Admission(String participantId, String token) {
    }

    public CompletableFuture<Admission> joinAsGuest(String name, boolean loggedIn) {
        return ask(() -> admit(name, loggedIn ? Participant.Kind.USER : Participant.Kind.GUEST, false, false, false));
    }

    public CompletableFuture<Admission> claimOwnership(UserRef owner) {
        return ask(() -> claimOwner(owner));
    }

    public CompletableFuture<Admission> admitAdminObserver(UserRef admin, boolean mayTakeOver) {
        String name = admin.displayName() != null && !admin.displayName().isBlank() ? admin.displayName() : admin.username();
        return ask(() -> admit(name + " (admin)", Participant.Kind.USER, false, true, mayTakeOver));
    }

    public void connect(ClientConnection link, String participantId, Integer requestedPerspective) {
        lastActivityMillis = System.currentTimeMillis();
        tell(() -> onConnect(link, participantId, requestedPerspective));
    }

    public void disconnect(ClientConnection link) {
        lastActivityMillis = System.currentTimeMillis();
        tell(() -> onDisconnect(link));
    }

    /** A parsed client message; refusals are answered with {@code error} and the session goes on. */
    public void receive(ClientConnection link, JsonNode message) {
        lastActivityMillis = System.currentTimeMillis();
        tell(() -> {
            Conn conn = connections.get(link.id());
            Object ref = ClientMessages.ref(message);
            if (conn == null) {
                return;
            }
            try {
                handle(conn, message, ref);
            } catch (Refusal r) {
                conn.link.send(Messages.error(r.code(), r.getMessage(), ref));
            } catch (GameHostException e) {
                conn.link.send(Messages.error(errorCode(e), describe(e), ref));
            } catch (org.springframework.dao.DuplicateKeyException fenced) {
                // Another node took this session over and wrote its node_takeover first: we are no owner.
                log.warn("session {}: write refused by the log's key; another node owns the session now ({})", info.id(),
                            fenced.getMostSpecificCause().getMessage());
                rt.onLostOwnership().accept(this);
            } catch (RuntimeException e) {
                log.error("session {}: {} failed", info.id(), message.path("type").asText(), e);
                conn.link.send(Messages.error("internal", "The server could not do that; the session goes on.", ref));
            }
        });
    }

    /** Restores a session that was live before a restart (from its log; see {@link #recover()}). */
    public CompletableFuture<Void> startRecovery() {
        return ask(() -> {
            recoverOrRemember();
            return null;
        });
    }

    /** Why the last recovery attempt failed (e.g. the game host was down), or null once recovered. */
    private String recoveryProblem;

    private void recoverOrRemember() {
        participants.clear();
        current = null;
        try {
            recover();
            recoveryProblem = null;
        } catch (RuntimeException e) {
            recoveryProblem = e.getMessage() == null ? e.toString() : e.getMessage();
            log.error("session {} could not be restored (will retry when someone connects): {}", info.id(), recoveryProblem);
            throw e;
        }
    }

    /** A session whose restore failed tries again when someone arrives; until it works they get a clear error. */
    private boolean ensureRecovered(ClientConnection link) {
        if (recoveryProblem == null) {
            return true;
        }
        try {
            recoverOrRemember();
            return true;
        } catch (RuntimeException e) {
            link.send(Messages.error("worker_unavailable", "This session could not be restored yet ("
                    + recoveryProblem + "). Please try again in a moment.", null));
            link.close("not restored");
            return false;
        }
    }

    // =============================================================================================
    // Admission
    // =============================================================================================

    /** Sets up a brand-new session's participants (debug bots) before anyone joins. */
    void initialiseNew(Map<String, String> debugBots) {
        game = rt.catalog().describe(info.gameFolder());
        appendSessionEvent(null, "session_created", Messages.map("game", info.gameSlug(), "version", info.gameVersion(),
                "debug", info.debug(), "parent_session_id", info.parentSessionId(), "options", info.options()));
        if (debugBots != null) {
            debugBots.forEach((role, kind) -> {
                try {
                    seatBot(Integer.parseInt(role), kind, null);
                } catch (RuntimeException e) {
                    log.info("session {}: debug bot for role {} not seated: {}", info.id(), role, e.getMessage());
                }
            });
        }
    }

    private Admission admit(String rawName, Participant.Kind kind, boolean owner, boolean adminObserver, boolean mayTakeOver) {
        requireOpen();
        String asked = cleanName(rawName);
        // A re-invited player of a continued session takes up their old seat by giving the same name.
        for (Participant p : participants.values()) {
            if (!adminObserver && unclaimed.contains(p.id()) && !p.removed() && p.name().equalsIgnoreCase(asked)) {
                String token = Tokens.newToken();
                rt.store().replaceToken(p.id(), Tokens.hash(token));
                unclaimed.remove(p.id());
                appendSessionEvent(p.id(), "rejoin", Messages.map("name", asked));
                return new Admission(p.id(), token);
            }
        }
        String name = participants.values().stream().anyMatch(p -> !p.removed() && p.name().equalsIgnoreCase(asked))
                ? uniqueName(asked) : asked;
        Participant p = new Participant(Tokens.newId(), name, kind, null, owner, adminObserver, mayTakeOver, List.of(),
                false, Instant.now());
        String token = Tokens.newToken();
        String finalName = name;
        rt.eventLog().append(info.id(), cursor, List.of(NewEvent.of(currentId(), "join", p.id(),
                Messages.map("name", finalName, "kind", kind.wire(), "owner", owner, "admin_observer", adminObserver))),
                () -> rt.store().insertParticipant(info.id(), p, Tokens.hash(token)));
        participants.put(p.id(), p);
        if (owner && info.debug()) {
            seatAuthorEverywhere(p);
        }
        lobbyChanged();
        return new Admission(p.id(), token);
    }

    /** Participants copied from a parent session who have not come back yet (no token). */
    private final Set<String> unclaimed = new HashSet<>();

    private Admission claimOwner(UserRef owner) {
        requireOpen();
        Participant existing = participants.values().stream().filter(p -> p.owner() && !p.removed()).findFirst().orElse(null);
        if (existing != null) {
            String token = Tokens.newToken();
            rt.store().replaceToken(existing.id(), Tokens.hash(token));
            unclaimed.remove(existing.id());
            appendSessionEvent(existing.id(), "owner_claimed", Messages.map("name", existing.name()));
            if (info.debug()) {
                seatAuthorEverywhere(existing);
            }
            lobbyChanged();
            return new Admission(existing.id(), token);
        }
        return admit(info.ownerName(), Participant.Kind.USER, true, false, false);
    }

    /** Debug mode: the author holds every non-observer role that no bot holds. */
    private void seatAuthorEverywhere(Participant author) {
        for (GameDescription.Role role : game.roles()) {
            if (!role.observer() && holdersOf(role.index()).isEmpty()) {
                author.seat(role.index());
            }
        }
        saveSeats(author, "seat", Messages.map("roles", author.roles(), "debug", true));
    }

    private static String cleanName(String raw) {
        String name = raw == null ? "" : raw.strip().replaceAll("\\s+", " ");
        if (name.isEmpty() || name.length() > 40) {
            throw new Refusal("bad_message", "A name must have 1 to 40 characters.");
        }
        return name;
    }

    private String uniqueName(String name) {
        for (int i = 2; ; i++) {
            String candidate = name + " (" + i + ")";
            if (candidate.length() > 40) {
                candidate = name.substring(0, Math.max(1, 40 - 5)) + " (" + i + ")";
            }
            String c = candidate;
            if (participants.values().stream().noneMatch(p -> !p.removed() && p.name().equalsIgnoreCase(c))) {
                return candidate;
            }
        }
    }

    // =============================================================================================
    // Connections
    // =============================================================================================

    private void onConnect(ClientConnection link, String participantId, Integer requested) {
        if (!ensureRecovered(link)) {
            return;
        }
        Participant p = participants.get(participantId);
        if (p == null || p.removed()) {
            link.send(Messages.error("not_allowed", "You are no longer part of this session.", null));
            link.close("removed");
            return;
        }
        if (closed) {
            link.send(Messages.error("session_ended", "This session has ended.", null));
            link.close("ended");
            return;
        }
        Integer perspective = defaultPerspective(p);
        if (requested != null && (p.holds(requested) || canSwitchPerspective(p)) && roleExists(requested)) {
            perspective = requested;
        }
        Conn conn = new Conn(link, participantId, perspective);
        connections.put(link.id(), conn);
        openConnections = connections.size();
        boolean firstConnection = p.connectionCount() == 0;
        p.connectionOpened();
        ScheduledFuture<?> timer = reconnectTimers.remove(p.id());
        if (timer != null) {
            timer.cancel(false);
        }
        link.send(Messages.json(welcome(p)));
        if (firstConnection) {
            broadcast(Messages.json(Messages.of("player_joined", "participant",
                    Messages.map("participant_id", p.id(), "name", p.name()))));
        }
        broadcast(Messages.json(lobbyUpdate()));
        if (current != null && current.last != null) {
            link.send(Messages.json(stateUpdate(conn)));
            if (phase == Phase.PAUSED) {
                link.send(Messages.json(Messages.of("game_paused", "reason", "owner", "message", "The game is paused.")));
            }
        }
        publishStatus();
    }

    private void onDisconnect(ClientConnection link) {
        Conn conn = connections.remove(link.id());
        openConnections = connections.size();
        if (conn == null) {
            return;
        }
        Participant p = participants.get(conn.participantId);
        if (p == null) {
            return;
        }
        p.connectionClosed();
        if (p.connectionCount() == 0) {
            broadcast(Messages.json(Messages.of("player_left", "participant",
                    Messages.map("participant_id", p.id(), "name", p.name()))));
            broadcast(Messages.json(lobbyUpdate()));
            startReconnectWindow(p);
            publishStatus();
        }
    }

    /** A seated player who dropped out has the reconnect window to come back before the game pauses. */
    private void startReconnectWindow(Participant p) {
        if (phase != Phase.PLAYING || p.isBot() || p.roles().isEmpty() || p.connectionCount() > 0
                || reconnectTimers.containsKey(p.id())) {
            return;
        }
        long ms = rt.settings().reconnectWindow().toMillis();
        reconnectTimers.put(p.id(), rt.scheduler().schedule(() -> tell(() -> reconnectWindowExpired(p.id())),
                ms, TimeUnit.MILLISECONDS));
    }

    private void reconnectWindowExpired(String participantId) {
        reconnectTimers.remove(participantId);
        Participant p = participants.get(participantId);
        if (p == null || p.connected() || phase != Phase.PLAYING) {
            return;
        }
        long minutes = Math.max(1, Math.round(rt.settings().reconnectWindow().toSeconds() / 60.0));
        pause("disconnect", null, p.name() + " did not come back within " + minutes
                + (minutes == 1 ? " minute" : " minutes") + "; the game is paused. The owner can resume it.");
    }

    // =============================================================================================
    // Commands
    // =============================================================================================

    private void handle(Conn conn, JsonNode msg, Object ref) {
        Participant me = participants.get(conn.participantId);
        if (me == null || me.removed()) {
            throw new Refusal("not_allowed", "You are no longer part of this session.");
        }
        String type = ClientMessages.type(msg);
        if (closed && !type.equals("ping")) {
            throw new Refusal("session_ended", "This session has ended.");
        }
        switch (type) {
            case "ping" -> conn.link.send(Messages.json(Messages.of("pong")));
            case "request_help" -> conn.link.send(Messages.json(help()));
            case "apply_operator" -> {
                int op = ClientMessages.requiredInt(msg, "op_index");
                List<Object> args = ClientMessages.args(msg);
                Integer role = ClientMessages.optionalInt(msg, "role");
                applyFromPerson(conn, me, moverRole(me, role, conn), op, args, ref);
            }
            case "request_undo" -> undo(me, ref, conn);
            case "request_pause" -> {
                requireOwner(me);
                if (phase != Phase.PLAYING) {
                    throw new Refusal("not_allowed", "Only a game in progress can be paused.");
                }
                pause("owner", me.id(), "The owner paused the game.");
                ack(conn, ref);
            }
            case "request_resume" -> {
                requireOwner(me);
                resume(me);
                ack(conn, ref);
            }
            case "take_role" -> {
                takeRole(me, ClientMessages.requiredInt(msg, "role"));
                ack(conn, ref);
            }
            case "leave_role" -> {
                leaveRole(me);
                ack(conn, ref);
            }
            case "assign_role" -> {
                requireOwner(me);
                assignRole(ClientMessages.requiredString(msg, "participant_id"), ClientMessages.optionalInt(msg, "role"), me);
                ack(conn, ref);
            }
            case "seat_bot" -> {
                requireOwner(me);
                seatBot(ClientMessages.requiredInt(msg, "role"), ClientMessages.requiredString(msg, "kind"), me.id());
                ack(conn, ref);
            }
            case "remove_participant" -> {
                requireOwner(me);
                removeParticipant(ClientMessages.requiredString(msg, "participant_id"), me);
                ack(conn, ref);
            }
            case "start_game", "new_playthrough" -> {
                requireOwner(me);
                startPlaythrough(me, ClientMessages.options(msg), type.equals("new_playthrough"));
                ack(conn, ref);
            }
            case "end_game" -> {
                requireOwner(me);
                endPlaythrough(me);
                ack(conn, ref);
            }
            case "end_session" -> {
                requireOwner(me);
                conn.link.send(Messages.json(Messages.of("ack", "ref", ref, "step", currentStep())));
                endSession(me.id(), "owner", "The owner ended the session.");
            }
            case "set_perspective" -> {
                int role = ClientMessages.requiredInt(msg, "role");
                if (!roleExists(role)) {
                    throw new Refusal("bad_message", "There is no role " + role + " in this game.");
                }
                if (!me.holds(role) && !canSwitchPerspective(me)) {
                    throw new Refusal("not_allowed", "Only admins and debug authors may view the game as another role.");
                }
                conn.perspective = role;
                ack(conn, ref);
                if (current != null && current.last != null) {
                    conn.link.send(Messages.json(stateUpdate(conn)));
                }
            }
            case "set_parallel_time_limit" -> {
                requireOwner(me);
                int seconds = ClientMessages.requiredInt(msg, "seconds");
                if (seconds < 0 || seconds > 3600) {
                    throw new Refusal("bad_message", "The time limit must be between 0 and 3600 seconds.");
                }
                appendSessionEvent(me.id(), "parallel_time_limit", Messages.map("seconds", seconds));
                rt.store().updateParallelLimit(info.id(), seconds);
                parallelLimitSeconds = seconds;
                armParallelTimer(true);
                ack(conn, ref);
            }
            default -> throw new Refusal("unknown_type", "Unknown message type \"" + type + "\".");
        }
    }

    private void ack(Conn conn, Object ref) {
        conn.link.send(Messages.json(Messages.of("ack", "ref", ref, "step", currentStep())));
    }

    private void requireOwner(Participant me) {
        if (!me.owner()) {
            throw new Refusal("not_allowed", "Only the session owner can do that.");
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new Refusal("session_ended", "This session has ended.");
        }
    }

    // --- seats ----------------------------------------------------------------------------------

    private void takeRole(Participant me, int role) {
        GameDescription.Role r = role(role);
        boolean takeOver = phase == Phase.PLAYING && me.mayTakeOver();
        if (!phase.seatsMayChange() && !takeOver) {
            throw new Refusal("not_allowed", "Roles can be taken only in the lobby (or by an admin allowed to take over).");
        }
        if (me.holds(role)) {
            return;
        }
        List<Participant> holders = holdersOf(role);
        if (takeOver) {
            for (Participant h : holders) {
                h.unseat(role);
                saveSeats(h, "unseat", Messages.map("role", role, "reason", "admin took over"));
            }
        } else if (!r.observer() && holders.size() >= Math.max(1, r.maxPlayers())) {
            throw new Refusal("not_allowed", "The role " + r.name() + " is taken.");
        } else if (!r.observer() && game.maxPlayers() > 0 && !me.roles().stream().anyMatch(x -> !role(x).observer())
                && seatedNonObserverParticipants() >= game.maxPlayers()) {
            throw new Refusal("not_allowed", "This game allows at most " + game.maxPlayers() + " players.");
        }
        if (!info.debug() || !me.owner()) {
            me.unseatAll(); // one seat per person (debug authors hold several)
        }
        me.seat(role);
        saveSeats(me, "seat", Messages.map("role", role, "take_over", takeOver));
        if (takeOver && current != null && current.last != null) {
            broadcastState();
        }
    }

    private void leaveRole(Participant me) {
        if (!phase.seatsMayChange()) {
            throw new Refusal("not_allowed", "You cannot leave your role during a game; ask the owner to pause or end it.");
        }
        if (me.roles().isEmpty()) {
            return;
        }
        me.unseatAll();
        saveSeats(me, "unseat", Messages.map("roles", List.of()));
    }

    private void assignRole(String participantId, Integer role, Participant owner) {
        Participant p = participants.get(participantId);
        if (p == null || p.removed()) {
            throw new Refusal("bad_message", "There is no such participant.");
        }
        if (!phase.seatsMayChange()) {
            throw new Refusal("not_allowed", "Seats can be changed in the lobby, while paused, or after a play-through.");
        }
        if (role == null) {
            p.unseatAll();
            saveSeats(p, "unseat", Messages.map("by", owner.id()));
            return;
        }
        GameDescription.Role r = role(role);
        if (!r.observer() && holdersOf(role).stream().anyMatch(h -> h != p) && holdersOf(role).size() >= Math.max(1, r.maxPlayers())) {
            throw new Refusal("not_allowed", "The role " + r.name() + " is taken; unseat its player first.");
        }
        if (!(info.debug() && p.owner())) {
            p.unseatAll();
        }
        p.seat(role);
        saveSeats(p, "seat", Messages.map("role", role, "by", owner.id()));
    }

    private void seatBot(int role, String kind, String byId) {
        GameDescription.Role r = role(role);
        if (r.observer()) {
            throw new Refusal("not_allowed", "Bots cannot sit in an observer role.");
        }
        if (!phase.seatsMayChange()) {
            throw new Refusal("not_allowed", "Bots can be seated in the lobby, while paused, or after a play-through.");
        }
        if (rt.bots().ofKind(kind).isEmpty()) {
            throw new Refusal("bad_message", "Unknown bot kind \"" + kind + "\"; available: " + rt.bots().kinds() + ".");
        }
        List<Participant> holders = holdersOf(role);
        if (!holders.isEmpty() && !(info.debug() && holders.stream().allMatch(Participant::owner))) {
            throw new Refusal("not_allowed", "The role " + r.name() + " is taken.");
        }
        for (Participant h : holders) { // debug author hands this role to a bot
            h.unseat(role);
            saveSeats(h, "unseat", Messages.map("role", role, "reason", "bot seated"));
        }
        Participant bot = new Participant(Tokens.newId(), botName(kind, r), Participant.Kind.BOT, kind, false, false, false,
                List.of(role), false, Instant.now());
        rt.eventLog().append(info.id(), cursor, List.of(NewEvent.of(currentId(), "bot_seated", byId,
                Messages.map("bot_id", bot.id(), "kind", kind, "role", role, "name", bot.name()))),
                () -> rt.store().insertParticipant(info.id(), bot, null));
        participants.put(bot.id(), bot);
        lobbyChanged();
    }

    private static String botName(String kind, GameDescription.Role role) {
        String label = switch (kind) {
            case "first" -> "First-option bot";
            case "llm" -> "LLM bot";
            default -> "Random bot";
        };
        return label + " (" + role.name() + ")";
    }

    private void removeParticipant(String participantId, Participant owner) {
        Participant p = participants.get(participantId);
        if (p == null || p.removed()) {
            throw new Refusal("bad_message", "There is no such participant.");
        }
        if (p.owner()) {
            throw new Refusal("not_allowed", "The owner cannot be removed.");
        }
        if (phase == Phase.PLAYING && !p.roles().isEmpty()) {
            throw new Refusal("not_allowed", p.name() + " holds a role in the running game; pause or end it first.");
        }
        p.markRemoved();
        rt.eventLog().append(info.id(), cursor, List.of(NewEvent.of(currentId(), "removed", owner.id(),
                Messages.map("participant_id", p.id(), "name", p.name()))), () -> rt.store().updateParticipant(p));
        for (Conn c : List.copyOf(connections.values())) {
            if (c.participantId.equals(p.id())) {
                c.link.send(Messages.json(Messages.of("game_ended", "reason", "removed",
                        "message", "The owner removed you from this session.")));
                c.link.close("removed");
                connections.remove(c.link.id());
            }
        }
        broadcast(Messages.json(Messages.of("player_left", "participant", Messages.map("participant_id", p.id(), "name", p.name()))));
        lobbyChanged();
    }

    private void saveSeats(Participant p, String type, Map<String, Object> payload) {
        Map<String, Object> full = new LinkedHashMap<>(payload);
        full.put("participant_id", p.id());
        full.put("roles", p.roles());
        rt.eventLog().append(info.id(), cursor, List.of(NewEvent.of(currentId(), type, p.id(), full)),
                () -> rt.store().updateParticipant(p));
        lobbyChanged();
    }

    // --- starting -------------------------------------------------------------------------------

    /** Why the game cannot start now, or null when it can. */
    private String startBlocker() {
        if (phase == Phase.PLAYING || phase == Phase.PAUSED) {
            return "A play-through is in progress.";
        }
        if (closed) {
            return "The session has ended.";
        }
        Set<Integer> seated = activeRoles();
        int min = Math.max(1, game.minPlayersToStart());
        if (seated.size() < min) {
            return "This game needs at least " + min + (min == 1 ? " role" : " roles") + " with a player or bot; "
                    + seated.size() + (seated.size() == 1 ? " is" : " are") + " seated.";
        }
        if (game.maxPlayers() > 0 && seatedNonObserverParticipants() > game.maxPlayers()) {
            return "This game allows at most " + game.maxPlayers() + " players.";
        }
        return null;
    }

    private void startPlaythrough(Participant owner, Map<String, Object> startOptions, boolean rematch) {
        if (rematch && phase != Phase.GOAL && phase != Phase.ENDED) {
            throw new Refusal("not_allowed", "A new play-through can start after a goal or after the owner ended the game.");
        }
        if (!rematch && phase != Phase.LOBBY) {
            throw new Refusal("not_ready", phase == Phase.PAUSED ? "The game is paused; resume it instead."
                    : "The game has already started.");
        }
        String blocker = startBlocker();
        if (blocker != null) {
            throw new Refusal("not_ready", blocker);
        }
        Map<String, Object> config = new LinkedHashMap<>(info.options());
        if (startOptions != null) {
            startOptions.forEach((k, v) -> {
                if (!k.equals("session_folder") && !k.equals("active_roles")) {
                    config.put(k, v);
                }
            });
        }
        config.put("active_roles", List.copyOf(activeRoles()));
        long seed = Tokens.newSeed();
        // This actor is the only one creating its session's play-throughs: read the last ordinal once.
        int ordinal = (lastOrdinal > 0 ? lastOrdinal : rt.store().lastPlaythroughOrdinal(info.id())) + 1;
        LivePlaythrough pt = new LivePlaythrough(Tokens.newId(), ordinal, seed, config, Instant.now());
        if (current != null) {
            closeHost(current);
        }
        GameHost host = rt.catalog().host();
        StepResult r = host.start(info.gameFolder(), pt.id, seed, config, info.assetsBaseUrl());
        pt.hostLive = true;
        List<LogEvent> stored = rt.eventLog().append(info.id(), cursor, List.of(new NewEvent(pt.id, "start", r.step(), null,
                        owner.id(), Messages.map("seed", seed, "step_seed", r.seed(), "config", config, "ordinal", ordinal,
                        "seats", seatsForLog(), "current_role", r.currentRole(), "parallel", r.parallel(),
                        "transition", r.transition(), "goal", r.goal()), r.stateJson(), r.snapshot())),
                () -> {
                    rt.store().insertPlaythrough(new StoredPlaythrough(pt.id, info.id(), ordinal, null, seed, config,
                            "playing", r.step(), false, null, null, false, pt.startedAt, null));
                    rt.store().updatePhase(info.id(), Phase.PLAYING, null);
                    saveArtifacts(pt.id, r);
                });
        current = pt;
        lastOrdinal = ordinal;
        pt.last = r;
        pt.undo.push(new UndoEntry(stored.get(0).seq(), r.step(), r.snapshot(), null, null, false, false));
        phase = Phase.PLAYING;
        afterStateChange(r, null);
    }

    private Set<Integer> activeRoles() {
        Set<Integer> roles = new java.util.TreeSet<>();
        for (Participant p : participants.values()) {
            if (!p.removed()) {
                for (int r : p.roles()) {
                    if (!role(r).observer()) {
                        roles.add(r);
                    }
                }
            }
        }
        return roles;
    }

    private long seatedNonObserverParticipants() {
        return participants.values().stream().filter(p -> !p.removed())
                .filter(p -> p.roles().stream().anyMatch(r -> !role(r).observer())).count();
    }

    // --- moves ----------------------------------------------------------------------------------

    /** Which of my seats moves: the one named, else my only non-observer seat, else my observer seat. */
    private int moverRole(Participant me, Integer requested, Conn conn) {
        if (me.roles().isEmpty()) {
            throw new Refusal("observer", "You are watching; take a role to play.");
        }
        if (requested != null) {
            if (!me.holds(requested)) {
                throw new Refusal("wrong_role", "You do not hold the role " + roleName(requested) + ".");
            }
            return requested;
        }
        if (me.roles().size() == 1) {
            return me.roles().get(0);
        }
        if (conn != null && conn.perspective != null && me.holds(conn.perspective)) {
            return conn.perspective;
        }
        throw new Refusal("bad_message", "You hold several roles; say which one moves with \"role\".");
    }

    private void applyFromPerson(Conn conn, Participant me, int role, int opIndex, List<Object> args, Object ref) {
        long started = System.nanoTime();
        requirePlayable();
        StepResult r = applyMove(me, role, opIndex, args, "move");
        conn.link.send(Messages.json(Messages.of("ack", "ref", ref, "step", r.step())));
        PlayMeters.moveApplied(started);
        afterStateChange(r, me);
    }

    private void requirePlayable() {
        switch (phase) {
            case PLAYING -> { }
            case PAUSED -> throw new Refusal("paused", "The game is paused.");
            case GOAL -> throw new Refusal("game_over", "This play-through is over; no more moves.");
            case ENDED -> throw new Refusal("game_over", "This play-through has ended.");
            default -> throw new Refusal("not_ready", "The game has not started yet.");
        }
    }

    /**
     * Applies one move in the game host and logs it. The caller sends the messages afterwards, so
     * nobody hears of a move that is not yet durable.
     */
    private StepResult applyMove(Participant mover, int role, int opIndex, List<Object> args, String eventType) {
        LivePlaythrough pt = current;
        ensureHostLive(pt);
        StepResult before = pt.last;
        StepResult r = rt.catalog().host().apply(pt.id, role, opIndex, args);
        StepResult.OperatorView used = operatorOf(before, role, opIndex);
        boolean allowUndo = used != null && used.allowUndo();
        String opName = used != null ? used.name() : null;
        Map<String, Object> payload = Messages.map("op_index", opIndex, "op_name", opName, "args", args == null ? List.of() : args,
                "step_seed", r.seed(), "transition", r.transition(), "current_role", r.currentRole(),
                "parallel", r.parallel(), "was_parallel", before.parallel(), "allow_undo", allowUndo,
                "goal", r.goal(), "goal_message", r.goalMessage(),
                "outcome", r.outcome() == null ? null : Messages.map("winners", r.outcome().winners(), "draw", r.outcome().draw()),
                "by", mover.isBot() ? "bot:" + mover.botKind() : mover.kind().wire());
        List<LogEvent> stored = rt.eventLog().append(info.id(), cursor, List.of(new NewEvent(pt.id, eventType, r.step(), role,
                mover.id(), payload, r.stateJson(), r.snapshot())), () -> {
            rt.store().updatePlaythrough(pt.id, r.goal() ? "goal" : "playing", r.step(), r.goal(), r.goalMessage(),
                    r.outcome() == null ? null : r.outcome().winners(), r.outcome() != null && r.outcome().draw(),
                    r.goal() ? Instant.now() : null);
            if (r.goal()) {
                rt.store().updatePhase(info.id(), Phase.GOAL, null);
            }
            saveArtifacts(pt.id, r);
        });
        pt.last = r;
        pt.undo.push(new UndoEntry(stored.get(0).seq(), r.step(), r.snapshot(), mover.id(), role,
                before.parallel() || r.parallel(), allowUndo));
        if (before.parallel()) {
            pt.movedThisRound.add(role);
        }
        pt.botsThinking.remove(role);
        return r;
    }

    private static StepResult.OperatorView operatorOf(StepResult result, int role, int opIndex) {
        StepResult.RoleView v = result == null ? null : result.viewFor(role);
        if (v == null || v.operators() == null) {
            return null;
        }
        return v.operators().stream().filter(o -> o.index() == opIndex).findFirst().orElse(null);
    }

    /** After a move, start, undo, resume or restore: tell everyone, cue the next player, wake bots. */
    private void afterStateChange(StepResult r, Participant mover) {
        LivePlaythrough pt = current;
        if (!r.parallel()) {
            pt.movedThisRound.clear();
        } else if (pt.movedThisRound.containsAll(activeRoles())) {
            pt.movedThisRound.clear(); // every seated role has moved: the game resolved a round
            armParallelTimer(true);
        }
        if (r.goal()) {
            phase = Phase.GOAL;
            cancelParallelTimer();
        }
        broadcastState();
        if (r.transition() != null && !r.transition().isBlank()) {
            broadcast(Messages.json(Messages.of("transition_msg", "step", r.step(), "text", r.transition())));
        }
        if (r.goal()) {
            List<String> winners = r.outcome() == null || r.outcome().winners() == null ? List.of()
                    : r.outcome().winners().stream().map(this::roleName).toList();
            broadcast(Messages.json(Messages.of("goal_reached", "message", r.goalMessage() == null ? "The game is over." : r.goalMessage(),
                    "winners", winners, "draw", r.outcome() != null && r.outcome().draw())));
            pt.undo.clear();
            closeHost(pt);
            broadcast(Messages.json(lobbyUpdate()));
            publishSummary("ended");
        } else {
            cueRoles(r);
            armParallelTimer(false);
            scheduleBots();
        }
        publishStatus();
    }

    private void cueRoles(StepResult r) {
        Set<Integer> cued = new HashSet<>();
        if (r.parallel()) {
            for (int role : activeRoles()) {
                StepResult.RoleView v = r.viewFor(role);
                if (!current.movedThisRound.contains(role) && v != null && v.operators() != null && !v.operators().isEmpty()) {
                    cued.add(role);
                }
            }
        } else if (r.currentRole() >= 0) {
            cued.add(r.currentRole());
        }
        for (int role : cued) {
            String text = r.parallel() ? "Make your choice as " + roleName(role) + "." : "It's your turn as " + roleName(role) + ".";
            String json = Messages.json(Messages.of("role_cue", "role", role, "message", text));
            for (Conn c : connections.values()) {
                Participant p = participants.get(c.participantId);
                if (p != null && p.holds(role)) {
                    c.link.send(json);
                }
            }
        }
    }

    // --- undo -----------------------------------------------------------------------------------

    private void undo(Participant me, Object ref, Conn conn) {
        if (phase != Phase.PLAYING) {
            throw new Refusal("cannot_undo", phase == Phase.PAUSED ? "The game is paused."
                    : "There is no game in progress to undo a move in.");
        }
        LivePlaythrough pt = current;
        if (pt.undo.size() < 2) {
            throw new Refusal("cannot_undo", "There is no move to undo.");
        }
        UndoEntry last = pt.undo.peek();
        if (!me.owner() && !me.id().equals(last.moverId())) {
            throw new Refusal("cannot_undo", "Only the owner or the player who made the last move can undo it.");
        }
        if (last.inParallelPhase() && !last.allowUndo()) {
            throw new Refusal("cannot_undo", "The last move belongs to a parallel phase; this game does not allow undoing it.");
        }
        UndoEntry target = new ArrayList<>(pt.undo).get(1);
        StepResult r = rt.catalog().host().restore(info.gameFolder(), pt.id, target.snapshot(), pt.seed, target.step(),
                pt.config, info.assetsBaseUrl());
        pt.hostLive = true;
        rt.eventLog().append(info.id(), cursor, List.of(new NewEvent(pt.id, "undo", r.step(), last.moverRole(), me.id(),
                Messages.map("undone_seq", last.seq(), "restored_seq", target.seq(), "to_step", target.step()),
                r.stateJson(), r.snapshot())), () -> rt.store().updatePlaythrough(pt.id, "playing", r.step(), false,
                null, null, false, null));
        pt.undo.pop();
        pt.last = r;
        pt.movedThisRound.clear();
        pt.botsThinking.clear();
        conn.link.send(Messages.json(Messages.of("ack", "ref", ref, "step", r.step())));
        afterStateChange(r, me);
    }

    // --- pause, resume, end ---------------------------------------------------------------------

    private void pause(String reason, String byId, String message) {
        LivePlaythrough pt = current;
        LogEvent e = rt.eventLog().appendOne(info.id(), cursor, NewEvent.of(pt.id, "pause", byId,
                Messages.map("reason", reason, "step", pt.last.step())));
        rt.store().insertCheckpoint(info.id(), pt.id, e.seq(), pt.last.step(), reason, pt.last.snapshot(), seatsForLog(),
                pt.undo.stream().map(UndoEntry::seq).toList());
        rt.store().updatePhase(info.id(), Phase.PAUSED, null);
        phase = Phase.PAUSED;
        cancelParallelTimer();
        reconnectTimers.values().forEach(t -> t.cancel(false));
        reconnectTimers.clear();
        broadcast(Messages.json(Messages.of("game_paused", "reason", reason, "message", message)));
        broadcast(Messages.json(lobbyUpdate()));
        publishStatus();
        publishSummary("paused");
    }

    private void resume(Participant owner) {
        if (phase != Phase.PAUSED) {
            throw new Refusal("not_allowed", "The game is not paused.");
        }
        LivePlaythrough pt = current;
        ensureHostLive(pt);
        rt.eventLog().appendOne(info.id(), cursor, NewEvent.of(pt.id, "resume", owner.id(), Messages.map("step", pt.last.step())));
        rt.store().updatePhase(info.id(), Phase.PLAYING, null);
        phase = Phase.PLAYING;
        broadcast(Messages.json(Messages.of("game_resumed")));
        for (Participant p : participants.values()) {
            startReconnectWindow(p);
        }
        afterStateChange(pt.last, owner);
    }

    private void endPlaythrough(Participant owner) {
        if (phase != Phase.PLAYING && phase != Phase.PAUSED) {
            throw new Refusal("not_allowed", "No play-through is in progress.");
        }
        LivePlaythrough pt = current;
        rt.eventLog().append(info.id(), cursor, List.of(NewEvent.of(pt.id, "end_game", owner.id(),
                Messages.map("step", pt.last.step()))), () -> {
            rt.store().updatePlaythrough(pt.id, "ended", pt.last.step(), false, null, null, false, Instant.now());
            rt.store().updatePhase(info.id(), Phase.ENDED, null);
        });
        phase = Phase.ENDED;
        cancelParallelTimer();
        pt.undo.clear();
        closeHost(pt);
        broadcast(Messages.json(Messages.of("game_ended", "reason", "owner", "message", "The owner ended the game.")));
        broadcast(Messages.json(lobbyUpdate()));
        publishStatus();
        publishSummary("ended");
    }

    /** Ends the whole session: everyone is told, connections close, the actor stops. */
    void endSession(String byId, String reason, String message) {
        if (closed) {
            return;
        }
        rt.eventLog().append(info.id(), cursor, List.of(NewEvent.of(currentId(), "end_session", byId,
                Messages.map("reason", reason))), () -> {
            if (current != null && (phase == Phase.PLAYING || phase == Phase.PAUSED)) {
                // A continued play-through lives on in the new session; otherwise it ends here.
                rt.store().updatePlaythrough(current.id, reason.equals("continued") ? "continued" : "ended",
                        current.last.step(), false, null, null, false, Instant.now());
            }
            rt.store().updatePhase(info.id(), Phase.ENDED, Instant.now());
        });
        phase = Phase.ENDED;
        closed = true;
        cancelParallelTimer();
        reconnectTimers.values().forEach(t -> t.cancel(false));
        reconnectTimers.clear();
        if (current != null) {
            current.undo.clear();
            closeHost(current);
        }
        String json = Messages.json(Messages.of("game_ended", "reason", "session", "message", message));
        for (Conn c : connections.values()) {
            c.link.send(json);
            c.link.close("session ended");
        }
        connections.clear();
        publishStatus();
        publishSummary("ended");
        rt.onEnded().accept(this);
        executor.shutdown();
    }

    // --- parallel phases, bots ------------------------------------------------------------------

    private void armParallelTimer(boolean restart) {
        if (current == null || phase != Phase.PLAYING || current.last == null || !current.last.parallel()
                || parallelLimitSeconds <= 0) {
            cancelParallelTimer();
            return;
        }
        if (current.parallelTimer != null && !restart) {
            return;
        }
        cancelParallelTimer();
        String ptId = current.id;
        int step = current.last.step();
        current.parallelTimer = rt.scheduler().schedule(() -> tell(() -> parallelTimeUp(ptId, step)),
                parallelLimitSeconds, TimeUnit.SECONDS);
    }

    private void cancelParallelTimer() {
        if (current != null && current.parallelTimer != null) {
            current.parallelTimer.cancel(false);
            current.parallelTimer = null;
        }
    }

    /** The owner's time limit for a parallel phase ran out: act for every silent role. */
    private void parallelTimeUp(String ptId, int armedAtStep) {
        if (current == null || !current.id.equals(ptId) || phase != Phase.PLAYING || !current.last.parallel()) {
            return;
        }
        current.parallelTimer = null;
        List<Integer> silent = activeRoles().stream().filter(r -> !current.movedThisRound.contains(r)).toList();
        rt.eventLog().appendOne(info.id(), cursor, NewEvent.of(current.id, "timeout", null,
                Messages.map("silent_roles", silent, "limit_seconds", parallelLimitSeconds)));
        for (int role : silent) {
            if (phase != Phase.PLAYING || !current.last.parallel()) {
                break;
            }
            StepResult.RoleView view = current.last.viewFor(role);
            if (view == null || view.operators() == null || view.operators().isEmpty()) {
                continue;
            }
            Participant holder = holdersOf(role).stream().findFirst().orElse(null);
            if (holder == null) {
                continue;
            }
            Bot bot = holder.isBot() ? rt.bots().ofKind(holder.botKind()).orElse(null) : null;
            BotMove move = bot != null && !bot.kind().equals("llm") ? bot.choose(info.gameTitle(), roleName(role), view) : null;
            if (move == null) {
                var op = view.operators().get(0);
                move = new BotMove(op.index(), RandomArguments.forOperator(op), "time limit: first applicable operator");
            }
            try {
                StepResult r = applyMove(holder, role, move.opIndex(), move.args(), "timeout_move");
                afterStateChange(r, holder);
            } catch (GameHostException e) {
                log.info("session {}: timeout move for role {} refused: {}", info.id(), role, e.getMessage());
            }
        }
    }

    /** Wakes the bots whose turn it is; each decides off the actor thread and sends its move back. */
    private void scheduleBots() {
        if (phase != Phase.PLAYING || current == null) {
            return;
        }
        StepResult r = current.last;
        for (Participant p : participants.values()) {
            if (!p.isBot() || p.removed()) {
                continue;
            }
            for (int role : p.roles()) {
                boolean due = r.parallel() ? !current.movedThisRound.contains(role) : r.currentRole() == role;
                StepResult.RoleView view = r.viewFor(role);
                if (!due || view == null || view.operators() == null || view.operators().isEmpty()
                        || current.botsThinking.contains(role)) {
                    continue;
                }
                Bot bot = rt.bots().ofKind(p.botKind()).orElse(null);
                if (bot == null) {
                    continue;
                }
                current.botsThinking.add(role);
                String ptId = current.id;
                int step = r.step();
                String roleName = roleName(role);
                rt.scheduler().schedule(() -> Thread.ofVirtual().start(() -> {
                    BotMove move;
                    try {
                        move = bot.choose(info.gameTitle(), roleName, view);
                    } catch (RuntimeException e) {
                        log.warn("session {}: bot failed", info.id(), e);
                        move = null;
                    }
                    BotMove decided = move;
                    tell(() -> botMove(p.id(), role, ptId, step, decided));
                }), rt.settings().botDelay().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void botMove(String botId, int role, String ptId, int step, BotMove move) {
        if (current == null || !current.id.equals(ptId)) {
            return;
        }
        current.botsThinking.remove(role);
        Participant bot = participants.get(botId);
        if (move == null || bot == null || bot.removed() || !bot.holds(role) || phase != Phase.PLAYING
                || current.last.step() != step) {
            return;
        }
        StepResult r;
        try {
            r = applyMove(bot, role, move.opIndex(), move.args(), "move");
        } catch (GameHostException e) {
            // An invalid bot choice falls back to the first applicable operator.
            StepResult.RoleView view = current.last.viewFor(role);
            if (!e.isRefusal() || view == null || view.operators() == null || view.operators().isEmpty()) {
                log.info("session {}: bot move refused: {}", info.id(), e.getMessage());
                return;
            }
            var op = view.operators().get(0);
            try {
                r = applyMove(bot, role, op.index(), RandomArguments.forOperator(op), "move");
            } catch (GameHostException again) {
                log.info("session {}: bot fallback refused: {}", info.id(), again.getMessage());
                return;
            }
        }
        afterStateChange(r, bot);
    }

    // --- game host ------------------------------------------------------------------------------

    /** Makes sure the worker holds this play-through (after a restart or a worker crash). */
    private void ensureHostLive(LivePlaythrough pt) {
        if (pt.hostLive) {
            return;
        }
        UndoEntry top = pt.undo.peek();
        String snapshot = top != null ? top.snapshot() : pt.last.snapshot();
        int step = top != null ? top.step() : pt.last.step();
        pt.last = rt.catalog().host().restore(info.gameFolder(), pt.id, snapshot, pt.seed, step, pt.config,
                info.assetsBaseUrl());
        pt.hostLive = true;
    }

    private void closeHost(LivePlaythrough pt) {
        if (pt.hostLive) {
            pt.hostLive = false;
            try {
                rt.catalog().host().close(pt.id);
            } catch (RuntimeException e) {
                log.info("session {}: closing play-through {} in the game host: {}", info.id(), pt.id, e.getMessage());
            }
        }
    }

    /** Copies documents the game wrote into GDM as new artifact versions (inside the move's transaction). */
    private void saveArtifacts(String ptId, StepResult r) {
        if (r.artifacts() == null || r.artifacts().isEmpty() || r.sessionFolder() == null) {
            return;
        }
        Path folder = Path.of(r.sessionFolder()).normalize();
        for (StepResult.ArtifactChange a : r.artifacts()) {
            Path file = folder.resolve(a.path()).normalize();
            if (!file.startsWith(folder)) {
                continue;
            }
            try {
                rt.store().insertArtifact(info.id(), ptId, a.path(), r.step(), a.sha256(), Files.readAllBytes(file));
            } catch (java.io.IOException e) {
                log.warn("session {}: artifact {} could not be read: {}", info.id(), a.path(), e.getMessage());
            }
        }
    }

    static String errorCode(GameHostException e) {
        return switch (e.code()) {
            case "not_your_turn", "wrong_role", "not_applicable", "no_such_operator", "bad_args", "game_over",
                 "game_error" -> e.code();
            case "timeout" -> "game_error";
            default -> "worker_unavailable";
        };
    }

    static String describe(GameHostException e) {
        String message = e.getMessage() == null ? e.code() : e.getMessage();
        if (e.file() != null && !message.contains(e.file())) {
            message += " (" + e.file() + (e.line() != null ? ", line " + e.line() : "") + ")";
        }
        if (!e.isRefusal() || errorCode(e).equals("worker_unavailable")) {
            message += " The game is being rebuilt; please try again.";
        }
        return message;
    }

    // =============================================================================================
    // Recovery
    // =============================================================================================

    /**
     * Rebuilds this session after a restart: participants and seats from GDM, the current
     * play-through's undo history by folding its log (start pushes, a move pushes, an undo pops),
     * and the game state in a worker from the last logged snapshot.
     */
    private void recover() {
        game = rt.catalog().describe(info.gameFolder());
        for (Participant p : rt.store().participants(info.id())) {
            participants.put(p.id(), p);
        }
        List<StoredPlaythrough> pts = rt.store().playthroughs(info.id());
        if (pts.isEmpty()) {
            return;
        }
        StoredPlaythrough stored = pts.get(pts.size() - 1);
        LivePlaythrough pt = new LivePlaythrough(stored.id(), stored.ordinal(), stored.seed(), stored.config(), stored.startedAt());
        for (UndoEntry e : foldUndoHistory(stored)) {
            pt.undo.addLast(e);
        }
        current = pt;
        if (phase == Phase.PLAYING || phase == Phase.PAUSED) {
            UndoEntry top = pt.undo.peekFirst();
            pt.last = rt.catalog().host().restore(info.gameFolder(), pt.id, top.snapshot(), pt.seed, top.step(),
                    pt.config, info.assetsBaseUrl());
            pt.hostLive = true;
            if (pt.last.parallel()) {
                // Roles that already moved in the current parallel round, from the log.
                List<LogEvent> events = rt.eventLog().playthroughEvents(pt.id);
                for (int i = events.size() - 1; i >= 0; i--) {
                    LogEvent e = events.get(i);
                    if (!e.type().endsWith("move")) {
                        if (e.type().equals("undo") || e.type().equals("start") || e.type().equals("continued")) {
                            break;
                        }
                        continue;
                    }
                    if (!org.wsz6.play.gdm.CanonicalJson.read(e.payload()).path("was_parallel").asBoolean()) {
                        break;
                    }
                    pt.movedThisRound.add(e.role());
                }
                if (pt.movedThisRound.containsAll(activeRoles())) {
                    pt.movedThisRound.clear();
                }
            }
            if (phase == Phase.PLAYING) {
                for (Participant p : participants.values()) {
                    startReconnectWindow(p);
                }
                armParallelTimer(true);
                scheduleBots();
            }
        } else {
            // goal or ended: show the final state from its logged snapshot without keeping a worker busy.
            UndoEntry top = pt.undo.peekFirst();
            if (top != null) {
                try {
                    pt.last = rt.catalog().host().restore(info.gameFolder(), pt.id, top.snapshot(), pt.seed, top.step(),
                            pt.config, info.assetsBaseUrl());
                    pt.hostLive = true;
                    closeHost(pt);
                } catch (GameHostException e) {
                    log.info("session {}: final state not shown after restart: {}", info.id(), e.getMessage());
                }
            }
            pt.undo.clear();
        }
        log.info("session {} recovered in phase {} at step {}", info.id(), phase.wire(),
                pt.last == null ? "-" : pt.last.step());
    }

    /** The undo stack of a play-through (top first) from its log, following continued play-throughs to their parent. */
    private List<UndoEntry> foldUndoHistory(StoredPlaythrough stored) {
        Deque<UndoEntry> stack = new ArrayDeque<>();
        if (stored.parentPlaythroughId() != null) {
            rt.store().playthrough(stored.parentPlaythroughId())
                    .ifPresent(parent -> foldUndoHistory(parent).reversed().forEach(stack::push));
        }
        for (LogEvent e : rt.eventLog().playthroughEvents(stored.id())) {
            JsonNode payload = org.wsz6.play.gdm.CanonicalJson.read(e.payload());
            switch (e.type()) {
                case "start", "continued" -> {
                    if (e.type().equals("start")) {
                        stack.clear();
                    }
                    stack.push(new UndoEntry(e.seq(), e.step(), e.snapshot(), null, null, false, false));
                }
                case "move", "timeout_move" -> stack.push(new UndoEntry(e.seq(), e.step(), e.snapshot(),
                        e.participantId(), e.role(),
                        payload.path("was_parallel").asBoolean() || payload.path("parallel").asBoolean(),
                        payload.path("allow_undo").asBoolean()));
                case "undo" -> {
                    if (stack.size() > 1) {
                        stack.pop();
                    }
                }
                default -> { }
            }
        }
        return new ArrayList<>(stack);
    }

    /**
     * A continued session: copies the parent's seats (people come back by the new links) and its
     * current play-through's exact state and undo history, then waits paused for the owner.
     */
    void continueFrom(SessionStore.StoredSession parent) {
        game = rt.catalog().describe(info.gameFolder());
        for (Participant old : rt.store().participants(parent.info().id())) {
            if (old.removed() || old.adminObserver()) {
                continue;
            }
            Participant copy = new Participant(Tokens.newId(), old.name(), old.kind(), old.botKind(), old.owner(), false, false,
                    old.roles(), false, Instant.now());
            rt.eventLog().append(info.id(), cursor, List.of(NewEvent.of(null, "seat_carried_over", copy.id(),
                    Messages.map("name", copy.name(), "roles", copy.roles(), "from_participant", old.id(),
                            "kind", copy.kind().wire(), "owner", copy.owner()))),
                    () -> rt.store().insertParticipant(info.id(), copy, null));
            participants.put(copy.id(), copy);
            if (!copy.isBot()) {
                unclaimed.add(copy.id());
            }
        }
        List<StoredPlaythrough> pts = rt.store().playthroughs(parent.info().id());
        if (pts.isEmpty()) {
            return;
        }
        StoredPlaythrough from = pts.get(pts.size() - 1);
        List<UndoEntry> history = foldUndoHistory(from);
        if (history.isEmpty() || !("playing".equals(from.status()) || "continued".equals(from.status()))) {
            return; // the parent's play-through finished: the continued session starts in its lobby
        }
        UndoEntry top = history.get(0);
        LivePlaythrough pt = new LivePlaythrough(Tokens.newId(), 1, from.seed(), from.config(), Instant.now());
        StepResult r = rt.catalog().host().restore(info.gameFolder(), pt.id, top.snapshot(), from.seed(), top.step(),
                from.config(), info.assetsBaseUrl());
        pt.hostLive = true;
        List<LogEvent> stored = rt.eventLog().append(info.id(), cursor, List.of(new NewEvent(pt.id, "continued", r.step(), null,
                null, Messages.map("parent_session_id", parent.info().id(), "parent_playthrough_id", from.id(),
                        "seed", from.seed(), "config", from.config()), r.stateJson(), r.snapshot())), () -> {
            rt.store().insertPlaythrough(new StoredPlaythrough(pt.id, info.id(), 1, from.id(), from.seed(), from.config(),
                    "playing", r.step(), false, null, null, false, pt.startedAt, null));
            rt.store().updatePhase(info.id(), Phase.PAUSED, null);
        });
        // The parent's history below, this session's "continued" state on top (same step, same snapshot).
        for (int i = history.size() - 1; i >= 1; i--) {
            pt.undo.push(history.get(i));
        }
        UndoEntry parentTop = history.get(0);
        pt.undo.push(new UndoEntry(stored.get(0).seq(), r.step(), r.snapshot(), parentTop.moverId(), parentTop.moverRole(),
                parentTop.inParallelPhase(), parentTop.allowUndo()));
        pt.last = r;
        current = pt;
        phase = Phase.PAUSED;
    }

    // =============================================================================================
    // Views (what each connection may see)
    // =============================================================================================

    private Integer defaultPerspective(Participant p) {
        for (int r : p.roles()) {
            if (!role(r).observer()) {
                return r;
            }
        }
        if (!p.roles().isEmpty()) {
            return p.roles().get(0);
        }
        return game.roles().stream().filter(GameDescription.Role::observer).map(GameDescription.Role::index)
                .findFirst().orElse(p.adminObserver() ? (game.roles().isEmpty() ? null : 0) : null);
    }

    private boolean canSwitchPerspective(Participant p) {
        return p.adminObserver() || (info.debug() && p.owner());
    }

    private Map<String, Object> welcome(Participant p) {
        List<Map<String, Object>> roles = game.roles().stream().map(r -> Messages.map("index", r.index(), "name", r.name(),
                "description", r.description(), "observer", r.observer(), "max_players", r.maxPlayers())).toList();
        String invite = p.owner() ? "/play/join/" + rt.store().inviteToken(info.id()) : null;
        return Messages.of("welcome", "protocol", 1, "session_id", info.id(),
                "you", Messages.map("participant_id", p.id(), "name", p.name(), "owner", p.owner(), "roles", p.roles(),
                        "observer", p.roles().isEmpty() || p.roles().stream().allMatch(r -> role(r).observer()),
                        "can_switch_perspective", canSwitchPerspective(p)),
                "game", Messages.map("title", info.gameTitle(), "brief_desc", game.briefDesc(), "roles", roles,
                        "min_players", game.minPlayersToStart(), "max_players", game.maxPlayers()),
                "phase", phase.wire(), "debug", info.debug(), "bot_kinds", rt.bots().kinds(),
                "parallel_time_limit", parallelLimitSeconds, "invite_url", invite);
    }

    private Map<String, Object> lobbyUpdate() {
        List<Map<String, Object>> people = participants.values().stream().filter(p -> !p.removed())
                .map(p -> Messages.map("participant_id", p.id(), "name", p.name(), "kind", p.kind().wire(),
                        "bot_kind", p.botKind(), "owner", p.owner(), "roles", p.roles(), "connected", p.connected()))
                .toList();
        String blocker = startBlocker();
        return Messages.of("lobby_update", "participants", people, "can_start", blocker == null, "start_blocker", blocker,
                "phase", phase.wire());
    }

    private void lobbyChanged() {
        broadcast(Messages.json(lobbyUpdate()));
        // Seats changed: a connection's perspective and operators may change with them.
        for (Conn c : connections.values()) {
            Participant p = participants.get(c.participantId);
            if (p != null && c.perspective != null && !p.holds(c.perspective) && !canSwitchPerspective(p)) {
                c.perspective = defaultPerspective(p);
            } else if (p != null && c.perspective == null) {
                c.perspective = defaultPerspective(p);
            }
        }
        if (current != null && current.last != null) {
            broadcastState();
        }
        publishStatus();
    }

    private void broadcastState() {
        for (Conn c : connections.values()) {
            c.link.send(Messages.json(stateUpdate(c)));
        }
    }

    /** Only what the connection's perspective role may see; never state_json or snapshots. */
    private Map<String, Object> stateUpdate(Conn c) {
        Participant me = participants.get(c.participantId);
        StepResult r = current.last;
        StepResult.RoleView view = c.perspective == null ? null : r.viewFor(c.perspective);
        boolean mayAct = phase == Phase.PLAYING && c.perspective != null && me.holds(c.perspective);
        List<Map<String, Object>> operators = !mayAct || view == null || view.operators() == null ? List.of()
                : view.operators().stream().map(o -> Messages.map("index", o.index(), "name", o.name(),
                        "description", o.description(), "params", o.params() == null ? List.of() : o.params().stream()
                                .map(p -> Messages.map("name", p.name(), "type", p.type() == null ? "str" : p.type(),
                                        "min", p.min(), "max", p.max(), "file_path", p.filePath(),
                                        "initial_text", p.initialText())).toList())).toList();
        UndoEntry top = current.undo.peek();
        boolean canUndo = phase == Phase.PLAYING && current.undo.size() > 1 && top != null
                && (me.owner() || me.id().equals(top.moverId())) && (!top.inParallelPhase() || top.allowUndo());
        String text = view != null ? view.text()
                : "You are watching. Take a role in the lobby to see the game from a player's side.";
        return Messages.of("state_update", "playthrough", current.ordinal, "step", r.step(),
                "perspective_role", c.perspective, "your_roles", me.roles(),
                "current_role", r.currentRole(), "current_role_name", r.currentRole() >= 0 && roleExists(r.currentRole())
                        ? roleName(r.currentRole()) : null,
                "parallel", r.parallel(), "text", text, "vis_html", view == null ? null : view.visHtml(),
                "operators", operators, "can_undo", canUndo, "roster", roster(), "goal", r.goal(), "phase", phase.wire());
    }

    private List<Map<String, Object>> roster() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (GameDescription.Role role : game.roles()) {
            List<Participant> holders = holdersOf(role.index());
            out.add(Messages.map("role", role.index(), "role_name", role.name(),
                    "players", holders.stream().map(Participant::name).toList(),
                    "bot", holders.stream().anyMatch(Participant::isBot)));
        }
        return out;
    }

    private Map<String, Object> help() {
        List<Map<String, Object>> ops = game.operators() == null ? List.of() : game.operators().stream()
                .map(o -> Messages.map("name", o.name(), "description", o.description())).toList();
        return Messages.of("help", "title", info.gameTitle(), "text", game.briefDesc(), "operators", ops);
    }

    private void broadcast(String json) {
        for (Conn c : connections.values()) {
            c.link.send(json);
        }
    }

    // --- small helpers --------------------------------------------------------------------------

    private List<Participant> holdersOf(int role) {
        return participants.values().stream().filter(p -> !p.removed() && p.holds(role)).toList();
    }

    private GameDescription.Role role(int index) {
        return game.roles().stream().filter(r -> r.index() == index).findFirst()
                .orElseThrow(() -> new Refusal("bad_message", "There is no role " + index + " in this game."));
    }

    private boolean roleExists(int index) {
        return game.roles().stream().anyMatch(r -> r.index() == index);
    }

    private String roleName(int index) {
        return game.roles().stream().filter(r -> r.index() == index).map(GameDescription.Role::name).findFirst()
                .orElse("role " + index);
    }

    private String currentId() {
        return current == null || phase == Phase.LOBBY ? null : current.id;
    }

    private Integer currentStep() {
        return current == null || current.last == null ? null : current.last.step();
    }

    private List<Map<String, Object>> seatsForLog() {
        return participants.values().stream().filter(p -> !p.removed() && !p.roles().isEmpty())
                .map(p -> Messages.map("participant_id", p.id(), "name", p.name(), "kind", p.kind().wire(),
                        "bot_kind", p.botKind(), "roles", p.roles())).toList();
    }

    private void appendSessionEvent(String participantId, String type, Map<String, Object> payload) {
        rt.eventLog().appendOne(info.id(), cursor, NewEvent.of(currentId(), type, participantId, payload));
    }

    // --- admin notifications --------------------------------------------------------------------

    /** Admin notifications never stop a command: a failure here is only logged. */
    private void publishStatus() {
        try {
            rt.listener().status(status());
        } catch (RuntimeException e) {
            log.warn("session {}: status not published: {}", info.id(), e.toString());
        }
    }

    /** For the admin's live panel; also answered from {@code activeSessions}. */
    SessionStatus status() {
        List<SessionStatus.Seat> seats = new ArrayList<>();
        int observers = 0;
        for (Participant p : participants.values()) {
            if (p.removed() || game == null) { // game is null only while a restore is pending
                continue;
            }
            boolean seatedAsPlayer = false;
            for (int r : p.roles()) {
                if (roleExists(r) && !role(r).observer()) {
                    seats.add(new SessionStatus.Seat(r, roleName(r), p.name(), p.isBot(), p.connected()));
                    seatedAsPlayer = true;
                }
            }
            if (!seatedAsPlayer && !p.isBot()) {
                observers++;
            }
        }
        // Admin's panel knows lobby / playing / paused / ended; between play-throughs is "lobby".
        String state = closed ? "ended" : switch (phase) {
            case PLAYING -> "playing";
            case PAUSED -> "paused";
            default -> "lobby";
        };
        return new SessionStatus(info.id(), info.gameSlug(), info.gameVersion(), info.gameTitle(), info.ownerName(), state,
                seats, observers, current == null || current.last == null ? 0 : current.last.step(), info.debug(),
                info.createdAt(), Instant.now());
    }

    private void publishSummary(String status) {
        try {
            // Participants and times are the actor's state, taken now; the play-throughs are read
            // from GDM (thread-safe) only when the listener sends this summary.
            List<SessionSummary.Participant> people = summaryParticipants();
            Instant endedAt = closed || "paused".equals(status) ? Instant.now() : null;
            rt.listener().summary(info.id(), endedAt != null, () -> summary(status, people, endedAt));
        } catch (RuntimeException e) {
            log.warn("session {}: summary not published: {}", info.id(), e.toString());
        }
    }

    private SessionSummary summary(String status, List<SessionSummary.Participant> people, Instant endedAt) {
        List<SessionSummary.PlaythroughSummary> pts = rt.store().playthroughs(info.id()).stream()
                .map(pt -> new SessionSummary.PlaythroughSummary(pt.id(), pt.ordinal(), pt.startedAt(), pt.endedAt(),
                        pt.steps(), pt.goalReached(), pt.goalMessage(), pt.winners() == null ? List.of() : pt.winners(),
                        pt.draw(), pt.seed())).toList();
        return new SessionSummary(SessionSummary.SCHEMA_VERSION, info.id(), info.parentSessionId(),
                info.gameSlug(), info.gameVersion(), info.owner(), info.createdAt(), endedAt, status, info.debug(), people, pts);
    }

    private List<SessionSummary.Participant> summaryParticipants() {
        return participants.values().stream().filter(p -> !p.removed())
                .flatMap(p -> {
                    Long userId = p.owner() && info.owner() != null ? info.owner().id() : null;
                    if (p.roles().isEmpty()) {
                        return java.util.stream.Stream.of(new SessionSummary.Participant(p.name(), userId,
                                p.kind() == Participant.Kind.GUEST, p.isBot(), null, null));
                    }
                    return p.roles().stream().map(r -> new SessionSummary.Participant(p.name(), userId,
                            p.kind() == Participant.Kind.GUEST, p.isBot(), r, roleName(r)));
                }).toList();
    }

    @Override
    public String toString() {
        return "SessionActor[" + info.id() + ", " + Objects.toString(phase) + "]";
    }
}
