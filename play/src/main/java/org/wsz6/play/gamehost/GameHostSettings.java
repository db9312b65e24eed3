package org.wsz6.play.gamehost;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the bridge starts and drives Python workers.
 *
 * @param python                    the python executable ({@code python3}, or an absolute path)
 * @param workerScript              {@code <root>/gamehost/wsz6_gamehost/worker.py}
 * @param scratchDir                where workers get their scratch folders ({@code <data-dir>/scratch})
 * @param callTimeout               the worker interrupts game code after this long ({@code --call-timeout-ms});
 *                                  the bridge kills a worker that has not answered 2 s later
 * @param memoryMb                  address-space limit per worker ({@code --memory-mb}), or null for the worker's default
 * @param maxPlaythroughsPerWorker  a game gets another worker once each of its workers serves this many play-throughs
 * @param maxWorkersPerGame         never more workers than this for one game (then the least loaded is shared)
 * @param idleTimeout               a worker unused this long is stopped (its play-throughs come back by restore)
 * @param useBwrap                  false passes {@code --no-bwrap} (the worker then relies on rlimits and its audit hook)
 * @param answerSpin                how long a caller polls for a worker's answer before its read sleeps
 *                                  (see {@link AnswerSpin}); zero never polls
 */
public record GameHostSettings(
        String python,
        Path workerScript,
        Path scratchDir,
        Duration callTimeout,
        Integer memoryMb,
        int maxPlaythroughsPerWorker,
        int maxWorkersPerGame,
        Duration idleTimeout,
        boolean useBwrap,
        Duration answerSpin) {

    /** What the bridge adds to the call timeout before it gives up on a worker. */
    public static final Duration DEADLINE_GRACE = Duration.ofSeconds(2);
    /** Longer than most moves take, short enough that a slow game wastes little polling. */
    public static final Duration DEFAULT_ANSWER_SPIN = Duration.ofMillis(1);

    public GameHostSettings {
        Objects.requireNonNull(python, "python");
        Objects.requireNonNull(workerScript, "workerScript");
        Objects.requireNonNull(scratchDir, "scratchDir");
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(answerSpin, "answerSpin");
        if (answerSpin.isNegative()) {
            throw new IllegalArgumentException("answerSpin must not be negative");
        }
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive");
        }
        if (maxPlaythroughsPerWorker < 1 || maxWorkersPerGame < 1) {
            throw new IllegalArgumentException("maxPlaythroughsPerWorker and maxWorkersPerGame must be at least 1");
        }
        workerScript = workerScript.toAbsolutePath().normalize();
        scratchDir = scratchDir.toAbsolutePath().normalize();
    }

    /** The defaults for a repository checkout at {@code root} with data under {@code dataDir}. */
    public static GameHostSettings defaults(Path root, Path dataDir) {
        return new GameHostSettings("python3", workerScriptIn(root), dataDir.resolve("scratch"),
                Duration.ofMillis(5000), null, 8, 16, Duration.ofMinutes(10), true, DEFAULT_ANSWER_SPIN);
    }

    public static Path workerScriptIn(Path root) {
        return root.resolve("gamehost").resolve("wsz6_gamehost").resolve("worker.py");
    }

    /** The hard deadline of one call: the worker's own timeout plus {@link #DEADLINE_GRACE}. */
    public Duration callDeadline() {
        return callTimeout.plus(DEADLINE_GRACE);
    }

    /** How long a new worker may take to say "ready" (Python start-up plus bubblewrap, on a busy machine). */
    public Duration startDeadline() {
        Duration min = Duration.ofSeconds(15);
        return callDeadline().compareTo(min) > 0 ? callDeadline() : min;
    }

    public GameHostSettings withCallTimeout(Duration timeout) {
        return new GameHostSettings(python, workerScript, scratchDir, timeout, memoryMb,
                maxPlaythroughsPerWorker, maxWorkersPerGame, idleTimeout, useBwrap, answerSpin);
    }

    public GameHostSettings withPython(String executable) {
        return new GameHostSettings(executable, workerScript, scratchDir, callTimeout, memoryMb,
                maxPlaythroughsPerWorker, maxWorkersPerGame, idleTimeout, useBwrap, answerSpin);
    }

    public GameHostSettings withWorkerScript(Path script) {
        return new GameHostSettings(python, script, scratchDir, callTimeout, memoryMb,
                maxPlaythroughsPerWorker, maxWorkersPerGame, idleTimeout, useBwrap, answerSpin);
    }

    public GameHostSettings withMemoryMb(Integer mb) {
        return new GameHostSettings(python, workerScript, scratchDir, callTimeout, mb,
                maxPlaythroughsPerWorker, maxWorkersPerGame, idleTimeout, useBwrap, answerSpin);
    }

    public GameHostSettings withPlaythroughsPerWorker(int max) {
        return new GameHostSettings(python, workerScript, scratchDir, callTimeout, memoryMb,
                max, maxWorkersPerGame, idleTimeout, useBwrap, answerSpin);
    }

    public GameHostSettings withIdleTimeout(Duration timeout) {
        return new GameHostSettings(python, workerScript, scratchDir, callTimeout, memoryMb,
                maxPlaythroughsPerWorker, maxWorkersPerGame, timeout, useBwrap, answerSpin);
    }

    public GameHostSettings withBwrap(boolean use) {
        return new GameHostSettings(python, workerScript, scratchDir, callTimeout, memoryMb,
                maxPlaythroughsPerWorker, maxWorkersPerGame, idleTimeout, use, answerSpin);
    }

    public GameHostSettings withAnswerSpin(Duration spin) {
        return new GameHostSettings(python, workerScript, scratchDir, callTimeout, memoryMb,
                maxPlaythroughsPerWorker, maxWorkersPerGame, idleTimeout, useBwrap, spin);
    }
}
