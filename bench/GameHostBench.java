import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.wsz6.play.gamehost.GameHostException;
import org.wsz6.play.gamehost.GameHostSettings;
import org.wsz6.play.gamehost.ProcessGameHost;
import org.wsz6.play.gamehost.StepResult;
import org.wsz6.play.gamehost.WorkerStatus;

/**
 * Benchmark of the game-host bridge (not a test): random play-throughs of each game given on the
 * command line, through the real ProcessGameHost and Python worker, with views for every role on
 * every step. Prints per-move round-trip percentiles (Java -> worker -> Java, including JSON on
 * both sides) and the workers' resident memory.
 *
 * Usage: java -cp <play classes + deps> bench/GameHostBench.java --root R [--moves N] [--no-bwrap] [--answer-spin-us N] GAME...
 */
public class GameHostBench {

    public static void main(String[] argv) throws Exception {
        Path root = Path.of(".");
        int moves = 10_000;
        int warmup = 1_000;
        boolean bwrap = true;
        Duration answerSpin = GameHostSettings.DEFAULT_ANSWER_SPIN;
        List<Path> games = new ArrayList<>();
        for (int i = 0; i < argv.length; i++) {
            switch (argv[i]) {
                case "--root" -> root = Path.of(argv[++i]);
                case "--moves" -> moves = Integer.parseInt(argv[++i]);
                case "--warmup" -> warmup = Integer.parseInt(argv[++i]);
                case "--no-bwrap" -> bwrap = false;
                case "--answer-spin-us" -> answerSpin = Duration.ofNanos(Long.parseLong(argv[++i]) * 1000);
                default -> games.add(Path.of(argv[i]));
            }
        }
        Path data = Files.createTempDirectory("wsz6-bench");
        GameHostSettings settings = GameHostSettings.defaults(root.toAbsolutePath(), data).withBwrap(bwrap)
                .withPython(System.getenv().getOrDefault("WSZ6_PYTHON", "python3")).withAnswerSpin(answerSpin);
        System.out.printf("game-host benchmark: %d measured moves per game after %d warm-up moves, bwrap=%s, answer spin %d us, %d cores%n",
                moves, warmup, bwrap, answerSpin.toNanos() / 1000, Runtime.getRuntime().availableProcessors());
        System.out.printf("%-22s %8s %8s %8s %8s %8s %9s %9s %10s %10s%n", "game", "p50 ms", "p90 ms", "p99 ms", "max ms",
                "ping p50", "moves/s", "games", "RSS now", "RSS peak");
        List<StepResult> samples = new ArrayList<>();
        List<String> pausedLines = new ArrayList<>();
        try (ProcessGameHost host = new ProcessGameHost(settings)) {
            for (Path game : games) {
                samples.add(run(host, game, moves, warmup, pausedLines));
            }
        }
        System.out.println();
        System.out.printf("moves after a pause: %d more moves of each game, each %d ms after the one before (worker and caller%n",
                PAUSED_MOVES, PAUSE_MILLIS);
        System.out.println("asleep when it comes, as with people playing; the table above is moves back to back, as in a replay)");
        System.out.printf("%-22s %8s %8s %8s%n", "game", "p50 ms", "p90 ms", "p99 ms");
        pausedLines.forEach(System.out::println);
        System.out.println();
        System.out.println("bridge alone: the same step results replayed by an echo worker (no game code), so what is left");
        System.out.println("is the Java side plus pipe I/O: request JSON, write+flush, reading and parsing the answer into StepResult.");
        for (int i = 0; i < games.size(); i++) {
            bridgeOnly(settings, root, data, games.get(i), samples.get(i), moves);
        }
    }

    /**
     * A worker that answers every request at once with one canned step result (its game folder's
     * canned.json), encoded as the real worker encodes it (protocol 3: view strings as raw frames,
     * the rest as a binary record).
     */
    static final String ECHO_WORKER = String.join("\n",
            "import json, os, struct, sys",
            "sys.path.insert(0, '@GAMEHOST@')",
            "from wsz6_gamehost import wire",
            "result = json.load(open(os.path.join(sys.argv[sys.argv.index('--game') + 1], 'canned.json'), 'rb'))",
            "marker = 987654321  # an id whose four bytes are put in place of each request's id",
            "framed = wire.encode_response({'id': marker, 'ok': True, 'result': result}, records='--records' in sys.argv)",
            "head, tail = framed.split(struct.pack('<i', marker), 1) if '--records' in sys.argv else framed.split(b'%d' % marker, 1)",
            "pack = (lambda i: struct.pack('<i', i)) if '--records' in sys.argv else (lambda i: b'%d' % i)",
            "out = sys.stdout.buffer",
            "out.write(json.dumps({'type': 'ready', 'protocol': 3, 'pid': os.getpid(), 'python': '', 'sandbox': 'none'}).encode() + b'\\n')",
            "out.flush()",
            "for line in sys.stdin.buffer:",
            "    out.write(head + pack(json.loads(line)['id']) + tail)",
            "    out.flush()",
            "");

    static void bridgeOnly(GameHostSettings settings, Path root, Path data, Path game, StepResult sample, int moves) throws Exception {
        Path dir = Files.createDirectories(data.resolve("echo"));
        Path script = Files.writeString(dir.resolve("echo_worker.py"),
                ECHO_WORKER.replace("@GAMEHOST@", root.resolve("gamehost").toAbsolutePath().toString()));
        Path folder = Files.createDirectories(dir.resolve(game.getFileName().toString()));
        byte[] canned = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(sample);
        Files.write(folder.resolve("canned.json"), canned);
        try (ProcessGameHost host = new ProcessGameHost(settings.withWorkerScript(script).withBwrap(false))) {
            host.start(folder, "echo", 1, Map.of(), "");
            long[] nanos = new long[moves];
            for (int i = -1000; i < moves; i++) {
                long t0 = System.nanoTime();
                host.apply("echo", 0, 0, null);
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - t0;
                }
            }
            Arrays.sort(nanos);
            System.out.printf("%-22s %8.3f %8.3f %8.3f   (%d-byte step result)%n", game.getFileName(),
                    ms(pct(nanos, 50)), ms(pct(nanos, 90)), ms(pct(nanos, 99)), canned.length);
        }
    }

    /** Plays random moves of one game through the host, a play-through after another. */
    static final class Player {
        final ProcessGameHost host;
        final Path game;
        final Random random = new Random(42);
        int playthroughs;
        int refused;
        String pt;
        StepResult step;

        Player(ProcessGameHost host, Path game) {
            this.host = host;
            this.game = game;
        }

        /** One random move of the role to move; its round trip in ns, or -1 when the game refused it. */
        long move() {
            if (step == null || step.goal() || stuck(step)) {
                if (pt != null) {
                    host.close(pt);
                }
                pt = "bench" + playthroughs++;
                step = host.start(game, pt, random.nextLong(), Map.of(), "/games/bench/");
            }
            StepResult.RoleView mover = chooseMover(step, random);
            StepResult.OperatorView op = mover.operators().get(random.nextInt(mover.operators().size()));
            List<Object> args = argsFor(op, random);
            long t0 = System.nanoTime();
            try {
                step = host.apply(pt, mover.role(), op.index(), args);
            } catch (GameHostException e) {
                refused++;
                return -1;
            }
            return System.nanoTime() - t0;
        }

        /** Round trips of {@code n} moves, each after a pause of {@code pauseMillis} (0: back to back). */
        long[] moves(int n, long pauseMillis) throws InterruptedException {
            long[] nanos = new long[n];
            for (int i = 0; i < n; ) {
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
                long t = move();
                if (t >= 0) {
                    nanos[i++] = t;
                }
            }
            Arrays.sort(nanos);
            return nanos;
        }
    }

    /** Moves a person makes: seconds apart, so worker and caller are asleep when one comes (measured 5 ms apart). */
    static final int PAUSED_MOVES = 1000;
    static final long PAUSE_MILLIS = 5;

    static StepResult run(ProcessGameHost host, Path game, int moves, int warmup, List<String> pausedLines)
            throws InterruptedException {
        Player player = new Player(host, game);
        player.moves(warmup, 0);
        long wallStart = System.nanoTime();
        long[] nanos = player.moves(moves, 0);
        double wallSec = (System.nanoTime() - wallStart) / 1e9;
        long[] paused = player.moves(PAUSED_MOVES, PAUSE_MILLIS);
        pausedLines.add(String.format("%-22s %8.3f %8.3f %8.3f", game.getFileName(),
                ms(pct(paused, 50)), ms(pct(paused, 90)), ms(pct(paused, 99))));
        String pt = player.pt;
        long[] ping = pingNanos(host, pt, 2000);
        StepResult sample = host.view(pt);
        host.close(pt);
        List<WorkerStatus> workers = host.workers().stream()
                .filter(w -> w.game().getFileName().equals(game.toAbsolutePath().normalize().getFileName())).toList();
        // Both from /proc (VmRSS, VmHWM) of the Python process: the worker's own ru_maxrss can include
        // the memory of the process it was spawned from, which exec hands down on Linux.
        long rss = workers.stream().map(WorkerStatus::pid).filter(p -> p != null)
                .mapToLong(p -> procStatusKb(p, "VmRSS:")).max().orElse(-1);
        long peakRss = workers.stream().map(WorkerStatus::pid).filter(p -> p != null)
                .mapToLong(p -> procStatusKb(p, "VmHWM:")).max().orElse(-1);
        System.out.printf("%-22s %8.3f %8.3f %8.3f %8.3f %8.3f %9.0f %9d %7.1f MB %7.1f MB%n", game.getFileName(),
                ms(pct(nanos, 50)), ms(pct(nanos, 90)), ms(pct(nanos, 99)), ms(nanos[nanos.length - 1]),
                ms(pct(ping, 50)), moves / wallSec, player.playthroughs, rss / 1024.0, peakRss / 1024.0);
        if (player.refused > 0) {
            System.out.printf("  (%d random moves were refused by the game and not counted)%n", player.refused);
        }
        return sample;
    }

    /** The floor of the bridge itself: a protocol ping (tiny request and answer, no game code). */
    static long[] pingNanos(ProcessGameHost host, String pt, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            host.workers();
            out[i] = System.nanoTime() - t0;
        }
        Arrays.sort(out);
        return out;
    }

    /** A memory figure ({@code VmRSS:} now, {@code VmHWM:} peak) of the Python process in a worker's tree (bubblewrap's own is tiny). */
    static long procStatusKb(long pid, String field) {
        return ProcessHandle.of(pid).stream().flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()))
                .mapToLong(p -> {
                    try {
                        return Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status")).stream()
                                .filter(l -> l.startsWith(field)).mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                                .findFirst().orElse(0);
                    } catch (Exception e) {
                        return 0;
                    }
                }).max().orElse(-1);
    }

    static boolean stuck(StepResult step) {
        return step.views().stream().allMatch(v -> v.operators() == null || v.operators().isEmpty());
    }

    static StepResult.RoleView chooseMover(StepResult step, Random random) {
        StepResult.RoleView turn = step.viewFor(step.currentRole());
        if (!step.parallel() && turn != null && turn.operators() != null && !turn.operators().isEmpty()) {
            return turn;
        }
        List<StepResult.RoleView> able = step.views().stream()
                .filter(v -> v.operators() != null && !v.operators().isEmpty()).toList();
        return able.get(random.nextInt(able.size()));
    }

    static List<Object> argsFor(StepResult.OperatorView op, Random random) {
        if (op.params() == null || op.params().isEmpty()) {
            return null;
        }
        List<Object> args = new ArrayList<>();
        for (StepResult.ParamSpec p : op.params()) {
            String type = p.type() == null ? "str" : p.type();
            double lo = p.min() == null ? 0 : p.min();
            double hi = p.max() == null ? lo + 10 : p.max();
            switch (type) {
                case "int" -> args.add((long) lo + random.nextInt((int) (hi - lo) + 1));
                case "float" -> args.add(lo + random.nextDouble() * (hi - lo));
                default -> args.add(p.initialText() != null ? p.initialText() + " more" : "word" + random.nextInt(100));
            }
        }
        return args;
    }

    static long pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
