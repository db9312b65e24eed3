import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load generator for WSZ6-play (a benchmark, not a test). Starts the packaged portal on a fresh data
 * folder (unless {@code --url} is given), launches N Tic-Tac-Toe sessions through the internal API
 * and, for each, two scripted players over real WebSockets (one JDK HttpClient for all) play
 * play-throughs back to back ({@code new_playthrough} after each goal).
 *
 * <ul>
 * <li>A move counts once the mover got its {@code ack} (the move is durable in GDM).</li>
 * <li>Latency: from sending {@code apply_operator} until BOTH players hold the resulting
 * {@code state_update}.</li>
 * <li>An error is any {@code error} message, a closed socket, or a session stuck for 30 s.</li>
 * </ul>
 * Last line: {@code sessions=N moves_per_s=X p50_ms=Y p99_ms=Z errors=E rss_mb=R} (RSS of the
 * portal process, from /proc).
 *
 * Usage: see bench/run-load.sh.
 */
public class LoadBench {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

    // --- options ---
    int sessions = 50;
    int seconds = 30;
    int warmupSeconds = 5;
    /** Pause of each player between a move's update and the next move (0: as fast as the server answers). */
    int thinkMillis = 0;
    int idleConnections = 0;
    int setupParallel = 32;
    boolean withHostile = false;
    String url;
    String secret;
    Long pid;
    String db = "h2";
    Path root = Path.of(".");
    Path jar;
    List<String> portalArgs = new ArrayList<>();
    List<String> jvmArgs = new ArrayList<>(List.of("-XX:+UseZGC", "-Xmx2g"));
    boolean keepData;
    /** Where to record a JFR profile of the portal during the (first) measured window, or null. */
    Path jfr;

    // --- shared client state ---
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(4)).build();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong brokenSessions = new AtomicLong();
    final AtomicLong historiesPrinted = new AtomicLong();
    final Map<String, AtomicLong> errorCodes = new java.util.concurrent.ConcurrentHashMap<>();
    final java.util.concurrent.ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();
    final List<String> errorSamples = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile boolean measuring;
    volatile boolean stopping;
    Process portal;
    Path dataDir;
    String schema;

    public static void main(String[] argv) throws Exception {
        LoadBench bench = new LoadBench();
        bench.parse(argv);
        try {
            bench.run();
        } finally {
            bench.shutdown();
        }
        System.exit(0);
    }

    void parse(String[] argv) {
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            switch (a) {
                case "--sessions" -> sessions = Integer.parseInt(argv[++i]);
                case "--seconds" -> seconds = Integer.parseInt(argv[++i]);
                case "--warmup" -> warmupSeconds = Integer.parseInt(argv[++i]);
                case "--think-ms" -> thinkMillis = Integer.parseInt(argv[++i]);
                case "--setup-parallel" -> setupParallel = Integer.parseInt(argv[++i]);
                case "--idle-connections" -> idleConnections = Integer.parseInt(argv[++i]);
                case "--with-hostile" -> withHostile = true;
                case "--url" -> url = argv[++i].replaceAll("/+$", "");
                case "--secret" -> secret = argv[++i];
                case "--pid" -> pid = Long.parseLong(argv[++i]);
                case "--db" -> db = argv[++i];
                case "--root" -> root = Path.of(argv[++i]).toAbsolutePath().normalize();
                case "--jar" -> jar = Path.of(argv[++i]);
                case "--portal-arg" -> portalArgs.add(argv[++i]);
                case "--jvm-arg" -> jvmArgs.add(argv[++i]);
                case "--keep-data" -> keepData = true;
                case "--jfr" -> jfr = Path.of(argv[++i]).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + a + " (see bench/run-load.sh)");
            }
        }
        if (!db.equals("h2") && !db.equals("postgres")) {
            throw new IllegalArgumentException("--db is h2 or postgres, not " + db);
        }
        if (sessions < 0 || seconds < 1 || idleConnections < 0 || thinkMillis < 0) {
            throw new IllegalArgumentException("--sessions and --idle-connections must be >= 0 and --seconds >= 1");
        }
        if (url != null && secret == null) {
            throw new IllegalArgumentException("--url needs --secret (the portal's internal secret: <data-dir>/internal-secret)");
        }
    }

    // =============================================================================================

    void run() throws Exception {
        if (url == null) {
            startPortal();
        }
        info("portal %s (pid %s), %d cores here", url, pid == null ? "?" : pid, Runtime.getRuntime().availableProcessors());
        if (idleConnections > 0) {
            idleConnectionFigure();
        }
        if (sessions == 0) {
            return;
        }
        List<Session> all = setUp(sessions);
        info("%d sessions ready; warming up %d s; %s", all.size(), warmupSeconds, thinkMillis > 0
                ? "players think " + thinkMillis / 2 + "-" + thinkMillis * 3 / 2 + " ms before each move"
                : "players move as soon as they have the update (no think time)");
        if (thinkMillis > 0) { // paced players: start at random moments, not all at once
            all.forEach(s -> s.think(s.random.nextLong(thinkMillis)));
        } else {
            all.forEach(Session::nextAction);
        }
        Thread.sleep(warmupSeconds * 1000L);
        Figures before = measure(all, seconds);
        if (!withHostile) {
            serverMetrics();
            System.out.println(before.line(sessions, rssMb()));
            return;
        }
        System.out.println("without hostile: " + before.line(sessions, rssMb()));
        Hostile hostile = new Hostile();
        hostile.start();
        Thread.sleep(2000);
        Figures after = measure(all, seconds);
        hostile.stop();
        double change = before.p99 > 0 ? 100.0 * (after.p99 - before.p99) / before.p99 : 0;
        System.out.printf("fault isolation: %d attacks on the looping game (each killed at the call deadline); "
                        + "other sessions' p99 %.1f ms -> %.1f ms (%+.0f%%), p50 %.1f -> %.1f ms%n",
                hostile.attacks.get(), before.p99, after.p99, change, before.p50, after.p50);
        System.out.println("with hostile: " + after.line(sessions, rssMb()));
        serverMetrics();
        System.out.println(after.line(sessions, rssMb()));
    }

    /** Measures a window: moves acknowledged in it, latencies of moves sent in it. */
    Figures measure(List<Session> all, int windowSeconds) throws InterruptedException {
        all.forEach(Session::resetStats);
        long errorsBefore = errors.get();
        ProcessUse use0 = processUse();
        double self0 = ownCpuSeconds();
        double load0 = loadAverage();
        startProfile(windowSeconds);
        measuring = true;
        long t0 = System.nanoTime();
        Thread.sleep(windowSeconds * 1000L);
        measuring = false;
        double elapsed = (System.nanoTime() - t0) / 1e9;
        ProcessUse use1 = processUse();
        double self1 = ownCpuSeconds();
        info("errors so far by code: %s; sessions given up: %d", errorCodes, brokenSessions.get());
        info("window %.1f s: portal JVM %.0f%% of a core, %d worker processes %.0f%% (RSS %d MB), this load generator %.0f%%, "
                        + "PostgreSQL processes %.0f%%, machine load average %.1f -> %.1f",
                elapsed, 100 * (use1.portalCpu() - use0.portalCpu()) / elapsed, use1.workers(),
                100 * (use1.workersCpu() - use0.workersCpu()) / elapsed, use1.workersRssMb(),
                100 * (self1 - self0) / elapsed, 100 * (use1.postgresCpu() - use0.postgresCpu()) / elapsed,
                load0, loadAverage());
        Thread.sleep(1000); // moves sent at the end of the window finish
        long moves = 0;
        List<long[]> samples = new ArrayList<>();
        int size = 0;
        for (Session s : all) {
            synchronized (s) {
                moves += s.acked;
                long[] copy = Arrays.copyOf(s.latencies, s.latencyCount);
                samples.add(copy);
                size += copy.length;
                if (s.progressAt < System.nanoTime() - TimeUnit.SECONDS.toNanos(30) && !s.reportedStuck) {
                    s.reportedStuck = true;
                    error(s, "no progress for 30 s");
                }
            }
        }
        long[] lat = new long[size];
        int k = 0;
        for (long[] a : samples) {
            System.arraycopy(a, 0, lat, k, a.length);
            k += a.length;
        }
        Arrays.sort(lat);
        return new Figures(moves / elapsed, pct(lat, 0.50), pct(lat, 0.99), errors.get() - errorsBefore, lat.length);
    }

    /** Profiles exactly the measured window (not start-up or set-up) with {@code jcmd JFR.start}. */
    void startProfile(int windowSeconds) {
        if (jfr == null || pid == null) {
            return;
        }
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "JFR.start", "name=window", "settings=profile", "duration=" + windowSeconds + "s",
                    "filename=" + jfr).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            info("profiling the window into %s%s", jfr, p.exitValue() == 0 ? "" : ": " + out.trim());
        } catch (IOException | InterruptedException e) {
            info("no profile: %s", e);
        }
        jfr = null; // the first window only
    }

    record Figures(double movesPerSecond, double p50, double p99, long errors, int samples) {
        String line(int sessions, long rssMb) {
            return String.format("sessions=%d moves_per_s=%.0f p50_ms=%.1f p99_ms=%.1f errors=%d rss_mb=%d",
                    sessions, movesPerSecond, p50, p99, errors, rssMb);
        }
    }

    static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    // =============================================================================================
    // Sessions and players
    // =============================================================================================

    List<Session> setUp(int n) throws Exception {
        List<Session> all = java.util.Collections.synchronizedList(new ArrayList<>());
        Semaphore parallel = new Semaphore(setupParallel);
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            parallel.acquire();
            int number = i;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    Session s = new Session(number);
                    s.open();
                    all.add(s);
                } catch (Exception e) {
                    errors.incrementAndGet();
                    System.err.println("session " + number + " could not be set up: " + e);
                } finally {
                    parallel.release();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        info("set up %d sessions in %.1f s", all.size(), (System.nanoTime() - t0) / 1e9);
        return all;
    }

    /** One Tic-Tac-Toe session: the owner plays X (role 0), an invited guest plays O (role 1). */
    final class Session {
        final int number;
        final Random random;
        Player owner;
        Player guest;
        String sessionId;

        // --- guarded by this ---
        int playthrough = -1;          // ordinal we expect next
        int targetStep;                // step both players must reach
        long sentAt;                   // nanoTime of the move in flight (0 = none)
        boolean sentInWindow;
        boolean ackPending;
        boolean newPlaythroughPending;
        boolean thinking;
        long acked;
        long[] latencies = new long[256];
        int latencyCount;
        long progressAt = System.nanoTime();
        boolean reportedStuck;
        boolean dead;
        int consecutiveErrors;
        /** The last messages sent and received, printed with the first refusal (for diagnosis). */
        final java.util.ArrayDeque<String> history = new java.util.ArrayDeque<>();

        synchronized void note(String what) {
            if (history.size() == 16) {
                history.removeFirst();
            }
            history.addLast(what);
        }

        Session(int number) {
            this.number = number;
            this.random = new Random(number);
        }

        void open() throws Exception {
            Map<String, String> launched = launch("TicTacToe", root.resolve("games/TicTacToe"));
            sessionId = launched.get("sessionId");
            owner = new Player(this, 0, claim(launched.get("ownerUrl")));
            guest = new Player(this, 1, join(launched.get("inviteUrl"), "Guest " + number));
            owner.connect();
            guest.connect();
            owner.command("take_role", "role", 0).get(30, TimeUnit.SECONDS);
            guest.command("take_role", "role", 1).get(30, TimeUnit.SECONDS);
            owner.command("start_game").get(30, TimeUnit.SECONDS);
            synchronized (this) {
                playthrough = owner.lastPlaythrough; // the state_update came before the ack
                targetStep = 0;
            }
        }

        /** Waits {@code millis} before the next action (paced players). */
        synchronized void think(long millis) {
            thinking = true;
            retries.schedule(() -> {
                synchronized (this) {
                    thinking = false;
                }
                nextAction();
            }, millis, TimeUnit.MILLISECONDS);
        }

        synchronized void resetStats() {
            acked = 0;
            latencyCount = 0;
        }

        /** Called after every message: sends the next move (or rematch) once everyone is in step. */
        synchronized void nextAction() {
            if (dead || stopping || playthrough < 0) {
                return;
            }
            if (ackPending || newPlaythroughPending || thinking) {
                return;
            }
            if (!owner.at(playthrough, targetStep) || !guest.at(playthrough, targetStep)) {
                return;
            }
            if (sentAt != 0) { // the move in flight has reached both players
                if (sentInWindow && measuring) {
                    if (latencyCount == latencies.length) {
                        latencies = Arrays.copyOf(latencies, latencies.length * 2);
                    }
                    latencies[latencyCount++] = Math.max(owner.arrivedAt, guest.arrivedAt) - sentAt;
                }
                sentAt = 0;
                if (thinkMillis > 0) { // a person looks at the board before the next move
                    think((long) (thinkMillis * (0.5 + random.nextDouble())));
                    return;
                }
            }
            progressAt = System.nanoTime();
            if (owner.over || guest.over) {
                newPlaythroughPending = true;
                playthrough++;
                targetStep = 0;
                owner.sendText("{\"type\":\"new_playthrough\",\"ref\":\"np\"}");
                return;
            }
            // The player whose role is on turn moves (the update names it).
            Player mover = owner.currentRole == owner.role ? owner : guest.currentRole == guest.role ? guest : null;
            if (mover == null || mover.operators.isEmpty()) {
                return; // wait for an update that gives someone operators
            }
            int op = mover.operators.get(random.nextInt(mover.operators.size()));
            targetStep++;
            ackPending = true;
            sentInWindow = measuring;
            sentAt = System.nanoTime();
            mover.sendText("{\"type\":\"apply_operator\",\"op_index\":" + op + ",\"ref\":\"m" + targetStep + "\"}");
        }

        synchronized void onAck(Player p, String ref) {
            consecutiveErrors = 0;
            if (ref.equals("np")) {
                newPlaythroughPending = false;
            } else if (ref.startsWith("m")) {
                ackPending = false;
                if (measuring) {
                    acked++;
                }
            }
            nextAction();
        }

        synchronized void onError(Player p, JsonNode m) {
            error(this, m.toString());
            if (consecutiveErrors == 0 && historiesPrinted.incrementAndGet() <= 3) {
                System.err.println("history of session " + sessionId + " before that refusal:\n  " + String.join("\n  ", history));
            }
            errorCodes.computeIfAbsent(m.path("code").asText(), c -> new AtomicLong()).incrementAndGet();
            // Start over from what the players see, after a pause; a session refused ten times in a
            // row is broken and stops (counted once more), rather than hammering the server.
            ackPending = false;
            newPlaythroughPending = false;
            sentAt = 0;
            if (p.lastPlaythrough > 0) {
                playthrough = p.lastPlaythrough;
                targetStep = p.lastStep;
            }
            if (++consecutiveErrors >= 10) {
                dead = true;
                error(this, "session given up after 10 refusals in a row; last: " + m);
                brokenSessions.incrementAndGet();
                return;
            }
            retries.schedule(this::nextAction, 200, TimeUnit.MILLISECONDS);
        }
    }

    class Player implements WebSocket.Listener {
        final Session session;
        final int role;
        final String cookie;
        WebSocket socket;
        CompletableFuture<WebSocket> sending;
        final StringBuilder partial = new StringBuilder();
        final Map<String, CompletableFuture<JsonNode>> waiting = new java.util.concurrent.ConcurrentHashMap<>();
        int refs;
        // --- guarded by session ---
        int lastPlaythrough;
        int lastStep = -1;
        boolean over;
        List<Integer> operators = List.of();
        int currentRole = -1;
        long arrivedAt;

        Player(Session session, int role, String cookie) {
            this.session = session;
            this.role = role;
            this.cookie = cookie;
        }

        void connect() throws Exception {
            String ws = url.replace("http://", "ws://") + "/play/ws?session=" + session.sessionId;
            socket = http.newWebSocketBuilder().header("Cookie", cookie).connectTimeout(Duration.ofSeconds(20))
                    .buildAsync(URI.create(ws), this).get(30, TimeUnit.SECONDS);
            sending = CompletableFuture.completedFuture(socket);
        }

        boolean at(int playthrough, int step) {
            return lastPlaythrough == playthrough && lastStep == step;
        }

        /** A set-up command; completes with its ack. */
        CompletableFuture<JsonNode> command(String type, Object... fields) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", type);
            for (int i = 0; i < fields.length; i += 2) {
                m.put((String) fields[i], fields[i + 1]);
            }
            String ref = "c" + (++refs);
            m.put("ref", ref);
            CompletableFuture<JsonNode> reply = new CompletableFuture<>();
            waiting.put(ref, reply);
            try {
                sendText(JSON.writeValueAsString(m));
            } catch (IOException e) {
                reply.completeExceptionally(e);
            }
            return reply;
        }


        synchronized void sendText(String text) {
            session.note((role == 0 ? "X" : "O") + " sends " + text);
            // The JDK WebSocket allows one outstanding send: chain them.
            sending = sending.thenCompose(ws -> ws.sendText(text, true));
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode m = JSON.readTree(text);
                    noteReceived(m, text);
                    handle(m);
                } catch (Exception e) {
                    error(session, "bad message: " + e);
                }
            }
            ws.request(1);
            return null;
        }

        /** Keeps the message for the diagnosis printed with a refusal (the raw text: no re-serialising). */
        void noteReceived(JsonNode m, String text) {
            String type = m.path("type").asText();
            if (!type.equals("lobby_update") && !type.equals("welcome")) {
                session.note((role == 0 ? "X" : "O") + " got " + (type.equals("state_update")
                        ? "state_update pt=" + m.path("playthrough") + " step=" + m.path("step") + " current_role="
                        + m.path("current_role") + " phase=" + m.path("phase") + " ops=" + m.path("operators").size()
                        : text.substring(0, Math.min(160, text.length()))));
            }
        }

        void handle(JsonNode m) {
            String type = m.path("type").asText();
            String ref = m.hasNonNull("ref") ? m.get("ref").asText() : null;
            if (ref != null && ref.startsWith("c")) {
                CompletableFuture<JsonNode> f = waiting.remove(ref);
                if (f != null) {
                    if (type.equals("ack")) {
                        f.complete(m);
                    } else {
                        f.completeExceptionally(new IllegalStateException(m.toString()));
                    }
                }
                return;
            }
            switch (type) {
                case "state_update" -> {
                    synchronized (session) {
                        lastPlaythrough = m.path("playthrough").asInt();
                        lastStep = m.path("step").asInt();
                        String phase = m.path("phase").asText();
                        over = m.path("goal").asBoolean(false) || phase.equals("goal") || phase.equals("ended");
                        List<Integer> ops = new ArrayList<>();
                        for (JsonNode op : m.path("operators")) {
                            ops.add(op.path("index").asInt());
                        }
                        operators = ops;
                        currentRole = m.path("current_role").asInt(-1);
                        arrivedAt = System.nanoTime();
                        session.nextAction();
                    }
                }
                case "ack" -> session.onAck(this, ref == null ? "" : ref);
                case "error" -> session.onError(this, m);
                default -> { }
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            if (!stopping) {
                synchronized (session) {
                    session.dead = true;
                }
                error(session, "socket closed " + statusCode + " " + reason);
            }
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            if (!stopping) {
                synchronized (session) {
                    session.dead = true;
                }
                error(session, "socket error " + error);
            }
        }
    }

    /** The looping game: its owner applies the operator that never returns, again and again. */
    final class Hostile {
        final AtomicLong attacks = new AtomicLong();
        volatile boolean running = true;
        Thread thread;

        void start() throws Exception {
            Path folder = root.resolve("gamehost/tests/hostile/loop_in_transition");
            Map<String, String> launched = launch("loop_in_transition", folder);
            String cookie = claim(launched.get("ownerUrl"));
            Session holder = new Session(-1);
            holder.sessionId = launched.get("sessionId");
            Player p = new Player(holder, 0, cookie) {
                @Override
                void handle(JsonNode m) {
                    String ref = m.hasNonNull("ref") ? m.get("ref").asText() : null;
                    CompletableFuture<JsonNode> f = ref == null ? null : waiting.remove(ref);
                    if (f != null) {
                        f.complete(m);
                    }
                }

                @Override
                public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                    return null;
                }
            };
            p.connect();
            JsonNode seated = p.command("take_role", "role", 0).handle((ok, e) -> ok).get(30, TimeUnit.SECONDS);
            if (seated == null) {
                info("hostile: the owner could not take role 0; trying to start anyway");
            }
            JsonNode started = p.command("start_game").handle((ok, e) -> ok).get(30, TimeUnit.SECONDS);
            info("hostile session %s started (%s)", holder.sessionId, started == null ? "start refused" : "playing");
            thread = Thread.ofVirtual().start(() -> {
                while (running) {
                    try {
                        p.command("apply_operator", "op_index", 0).handle((ok, e) -> ok).get(60, TimeUnit.SECONDS);
                        attacks.incrementAndGet();
                    } catch (Exception e) {
                        info("hostile: %s", e);
                    }
                }
            });
        }

        void stop() throws InterruptedException {
            running = false;
            if (thread != null) {
                thread.join(15_000);
            }
        }
    }

    // =============================================================================================
    // Idle connections
    // =============================================================================================

    void idleConnectionFigure() throws Exception {
        int perSession = 100;
        List<String[]> cookies = new ArrayList<>(); // {sessionId, cookie}
        for (int made = 0; made < idleConnections; ) {
            Map<String, String> launched = launch("TicTacToe", root.resolve("games/TicTacToe"));
            for (int j = 0; j < perSession && made < idleConnections; j++, made++) {
                cookies.add(new String[]{launched.get("sessionId"), join(launched.get("inviteUrl"), "Idle " + made)});
            }
        }
        long before = settledRssKb();
        List<WebSocket> sockets = new ArrayList<>();
        for (String[] c : cookies) {
            CompletableFuture<JsonNode> welcome = new CompletableFuture<>();
            sockets.add(http.newWebSocketBuilder().header("Cookie", c[1])
                    .buildAsync(URI.create(url.replace("http://", "ws://") + "/play/ws?session=" + c[0]), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            welcome.complete(null);
                            ws.request(1);
                            return null;
                        }
                    }).get(30, TimeUnit.SECONDS));
            welcome.get(30, TimeUnit.SECONDS);
        }
        Thread.sleep(2000);
        long after = settledRssKb();
        System.out.printf("idle_connections=%d rss_before_mb=%d rss_after_mb=%d kb_per_connection=%.1f%n",
                idleConnections, before / 1024, after / 1024, (after - before) / (double) idleConnections);
        for (WebSocket ws : sockets) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }

    /** RSS after a full GC in the portal (jcmd), so garbage does not count. */
    long settledRssKb() throws Exception {
        if (pid != null) {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
            Thread.sleep(1000);
        }
        return rssKb();
    }

    // =============================================================================================
    // HTTP: launch, claim, join
    // =============================================================================================

    Map<String, String> launch(String slug, Path folder) throws Exception {
        Map<String, Object> owner = Map.of("id", 1, "username", "loadowner", "displayName", "Load Owner", "accountType", "REGULAR");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("gameSlug", slug.toLowerCase());
        body.put("gameVersion", "1");
        body.put("gameTitle", slug);
        body.put("gameFolder", folder.toString());
        body.put("owner", owner);
        body.put("options", Map.of());
        body.put("debug", false);
        body.put("continueFromSessionId", null);
        body.put("gameEnv", Map.of());
        body.put("allowNetwork", false);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/internal/v1/play/sessions/launch"))
                .header("Content-Type", "application/json").header("X-WSZ6-Internal-Secret", secret)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("launch refused (" + r.statusCode() + "): " + r.body());
        }
        JsonNode j = JSON.readTree(r.body());
        return Map.of("sessionId", j.path("sessionId").asText(), "ownerUrl", j.path("ownerUrl").asText(),
                "inviteUrl", j.path("inviteUrl").asText());
    }

    /** GET the one-time owner link; returns the participant cookie it sets. */
    String claim(String ownerUrl) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + ownerUrl)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return participantCookie(r, "claim");
    }

    /** Joins through the invite page with a name (with the CSRF token and JSESSIONID when the form has one). */
    String join(String inviteUrl, String name) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url + inviteUrl)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            throw new IllegalStateException("invite page " + page.statusCode());
        }
        String form = "name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
        Matcher csrf = CSRF.matcher(page.body());
        if (csrf.find()) {
            form += "&_csrf=" + URLEncoder.encode(csrf.group(1) != null ? csrf.group(1) : csrf.group(2), StandardCharsets.UTF_8);
        }
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(url + inviteUrl)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        String jsession = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse(null);
        if (jsession != null) {
            post.header("Cookie", jsession);
        }
        return participantCookie(http.send(post.build(), HttpResponse.BodyHandlers.ofString()), "join");
    }

    static String participantCookie(HttpResponse<String> r, String what) {
        if (r.statusCode() != 302) {
            throw new IllegalStateException(what + " answered " + r.statusCode() + ": " + r.body().substring(0, Math.min(300, r.body().length())));
        }
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("wsz6_p_"))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new IllegalStateException(what + " set no participant cookie"));
    }

    /**
     * The server's own view, from {@code /actuator/prometheus}: refused without login, read as the
     * first general admin (whose password a fresh portal prints once in its log).
     */
    void serverMetrics() {
        try {
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            info("metrics without login: HTTP %d%s", anonymous.statusCode(),
                    anonymous.headers().firstValue("Location").map(l -> " -> " + l).orElse(""));
            if (dataDir == null) {
                return;
            }
            Matcher pw = Pattern.compile("password: (\\S+)").matcher(Files.readString(dataDir.resolve("portal.log")));
            if (!pw.find()) {
                info("metrics: no admin password in the portal log");
                return;
            }
            HttpResponse<String> loginPage = http.send(HttpRequest.newBuilder(URI.create(url + "/login")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            String jsession = sessionCookie(loginPage);
            Matcher csrf = CSRF.matcher(loginPage.body());
            String form = "username=admin&password=" + URLEncoder.encode(pw.group(1), StandardCharsets.UTF_8)
                    + (csrf.find() ? "&_csrf=" + URLEncoder.encode(csrf.group(1) != null ? csrf.group(1) : csrf.group(2), StandardCharsets.UTF_8) : "");
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(url + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", jsession)
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            String signedIn = sessionCookie(login);
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
                    .header("Cookie", signedIn == null ? jsession : signedIn).GET().build(), HttpResponse.BodyHandlers.ofString());
            info("metrics as admin: HTTP %d", metrics.statusCode());
            for (String line : metrics.body().split("\n")) {
                if (line.startsWith("wsz6_") && !line.contains("_bucket")) {
                    info("  %s", line);
                }
            }
        } catch (Exception e) {
            info("metrics not read: %s", e);
        }
    }

    static String sessionCookie(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse(null);
    }

    // =============================================================================================
    // The portal process
    // =============================================================================================

    void startPortal() throws Exception {
        Path jarPath = jar != null ? jar : root.resolve("app/target/wsz6-app.jar");
        if (!Files.exists(jarPath)) {
            throw new IllegalStateException("no " + jarPath + ": build it first (bench/run-load.sh does)");
        }
        dataDir = Files.createTempDirectory("wsz6-load-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        secret = "load-" + Long.toHexString(new Random().nextLong());
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-jar", jarPath.toString(), "--server.port=" + port, "--wsz6.data-dir=" + dataDir,
                "--wsz6.root=" + root, "--wsz6.python=" + System.getenv().getOrDefault("WSZ6_PYTHON", "python3"),
                "--wsz6.internal.secret=" + secret,
                // Scripted players move as fast as the server answers: far above a person's rate limit.
                "--wsz6.play.rate-limit.per-second=10000", "--wsz6.play.rate-limit.burst=10000",
                "--logging.level.root=WARN", "--logging.level.org.wsz6=WARN"));
        if (db.equals("postgres")) {
            schema = "load_" + Long.toHexString(System.nanoTime());
            String pg = "jdbc:postgresql://127.0.0.1:5432/test";
            try (Connection c = DriverManager.getConnection(pg, "postgres", "")) {
                c.createStatement().execute("CREATE SCHEMA " + schema + "_uard");
                c.createStatement().execute("CREATE SCHEMA " + schema + "_gdm");
            }
            for (String component : List.of("uard", "gdm")) {
                cmd.add("--wsz6." + component + ".url=" + pg + "?currentSchema=" + schema + "_" + component);
                cmd.add("--wsz6." + component + ".username=postgres");
                cmd.add("--wsz6." + component + ".schema=" + schema + "_" + component);
            }
        }
        cmd.addAll(portalArgs);
        portal = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("portal.log").toFile()).start();
        pid = portal.pid();
        url = "http://127.0.0.1:" + port;
        info("starting the portal (%s, data %s, log %s)", db, dataDir, dataDir.resolve("portal.log"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!portal.isAlive()) {
                throw new IllegalStateException("the portal exited:\n" + Files.readString(dataDir.resolve("portal.log")));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("the portal did not become healthy in 180 s");
    }

    void shutdown() {
        stopping = true;
        if (portal != null) {
            portal.destroy();
            try {
                if (!portal.waitFor(30, TimeUnit.SECONDS)) {
                    portal.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (schema != null) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
                c.createStatement().execute("DROP SCHEMA " + schema + "_uard CASCADE");
                c.createStatement().execute("DROP SCHEMA " + schema + "_gdm CASCADE");
            } catch (Exception e) {
                System.err.println("could not drop schema " + schema + ": " + e);
            }
        }
        if (dataDir != null && !keepData) {
            try (var walk = Files.walk(dataDir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // temp folder
            }
        }
    }

    long rssKb() {
        if (pid == null) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            System.err.println("no RSS for pid " + pid + ": " + e.getMessage());
        }
        return 0;
    }

    /** CPU seconds and RSS (MB) of the portal and, separately, of all its descendants (the Python workers). */
    record ProcessUse(double portalCpu, double workersCpu, long workersRssMb, int workers, double postgresCpu) {
    }

    ProcessUse processUse() {
        Map<Long, long[]> stat = new java.util.HashMap<>(); // pid -> {ppid, ticks, rssPages}
        long postgresTicks = 0; // every PostgreSQL process on this machine (with --db postgres it does GDM's work)
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : dirs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String line = Files.readString(d.resolve("stat"));
                    String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
                    if (line.contains("(postgres)")) {
                        postgresTicks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                    stat.put(Long.parseLong(d.getFileName().toString()),
                            new long[]{Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[21])});
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return new ProcessUse(0, 0, 0, 0, 0);
        }
        long[] me = stat.get(pid);
        if (me == null) {
            return new ProcessUse(0, 0, 0, 0, postgresTicks / 100.0);
        }
        long ticks = 0;
        long pages = 0;
        int count = 0;
        for (var e : stat.entrySet()) {
            long p = e.getValue()[0];
            for (int depth = 0; depth < 6 && p > 1; depth++) { // a descendant of the portal?
                if (p == pid) {
                    ticks += e.getValue()[1];
                    pages += e.getValue()[2];
                    count++;
                    break;
                }
                long[] parent = stat.get(p);
                p = parent == null ? 0 : parent[0];
            }
        }
        return new ProcessUse(me[1] / 100.0, ticks / 100.0, pages * 4 / 1024, count, postgresTicks / 100.0);
    }

    long rssMb() {
        return rssKb() / 1024;
    }

    /** CPU seconds (user + system) this load generator has used: it shares the machine with the portal. */
    static double ownCpuSeconds() {
        try {
            String line = Files.readString(Path.of("/proc/self/stat"));
            String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException e) {
            return -1;
        }
    }

    void error(Session s, String what) {
        if (stopping) {
            return; // the portal is being stopped: refusals now are expected
        }
        long n = errors.incrementAndGet();
        if (n <= 10) {
            System.err.println("error in session " + (s == null ? "?" : s.sessionId) + ": "
                    + what.substring(0, Math.min(what.length(), 300)));
        }
    }

    static void info(String format, Object... args) {
        System.out.println("# " + String.format(format, args));
    }
}
