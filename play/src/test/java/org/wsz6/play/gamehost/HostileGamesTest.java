package org.wsz6.play.gamehost;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile games of {@code gamehost/tests/hostile/} through the Java bridge: for each, the
 * clear error a caller (and so a player) sees, and proof that a play-through of another game on
 * the same GameHost keeps moving normally and quickly while the attack runs and afterwards.
 * Each hostile game has operator 0 "Attack" and operator 1 "Count up" (the base counting game).
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileGamesTest {

    static final int CALL_TIMEOUT_MS = 4000; // room for the memory bomb to reach its limit on a busy machine
    /** A witness move slower than this would mean the attack held up another game. */
    static final long WITNESS_MAX_MS = 1000;

    @TempDir
    static Path data;
    ProcessGameHost host;
    final String witness = "witness";
    int witnessMoves;

    @BeforeAll
    void startHost() {
        host = new ProcessGameHost(RealWorker.settings(data, Duration.ofMillis(CALL_TIMEOUT_MS)).withMemoryMb(256));
        host.start(RealWorker.fixture("pebbles"), witness, 5, Map.of("pile", 10), "/games/pebbles/");
    }

    @AfterAll
    void stopHost() {
        host.close();
    }

    /** What the attack looked like to the caller, and how the witness fared meanwhile. */
    record Outcome(GameHostException error, StepResult result, long attackMs, List<Long> witnessMs) { }

    /**
     * Runs {@code attack} while a witness play-through of another game (Pebbles) moves in a loop
     * on the same GameHost, then checks the witness moved normally meanwhile and afterwards.
     */
    Outcome underWitness(Supplier<StepResult> attack) throws Exception {
        List<Long> witnessMs = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean attacking = new AtomicBoolean(true);
        Thread mover = Thread.ofPlatform().start(() -> {
            while (attacking.get()) {
                witnessMs.add(timedWitnessMove());
            }
        });
        long t0 = System.nanoTime();
        GameHostException error = null;
        StepResult result = null;
        try {
            result = attack.get();
        } catch (GameHostException e) {
            error = e;
        }
        long attackMs = (System.nanoTime() - t0) / 1_000_000;
        attacking.set(false);
        mover.join();

        assertThat(witnessMs).as("witness move times (ms) during the attack").allSatisfy(ms -> assertThat(ms).isLessThan(WITNESS_MAX_MS));
        if (attackMs > 500) {
            assertThat(witnessMs.size()).as("witness moves during a %d ms attack", attackMs).isGreaterThanOrEqualTo(3);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(timedWitnessMove()).as("witness move after the attack (ms)").isLessThan(WITNESS_MAX_MS);
        }
        return new Outcome(error, result, attackMs, witnessMs);
    }

    long timedWitnessMove() {
        long t0 = System.nanoTime();
        StepResult r = host.apply(witness, 0, 5, List.of("w" + (witnessMoves++)));
        assertThat(r.viewFor(0).text()).startsWith("Pile: 10.");
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Starts the hostile game, attacks with operator {@code op}, and expects {@code code}. */
    GameHostException attack(String game, int op, String code) throws Exception {
        String pt = game.replace('_', '-');
        host.start(RealWorker.hostile(game), pt, 1, Map.of(), "/games/h/");
        Outcome o = underWitness(() -> host.apply(pt, 0, op, null));
        assertThat(o.error()).as("the attack of %s must be refused", game).isNotNull();
        assertThat(o.error().code()).as("code (message: %s)", o.error().getMessage()).isEqualTo(code);
        assertThat(o.attackMs()).isLessThan(CALL_TIMEOUT_MS + GameHostSettings.DEADLINE_GRACE.toMillis() + 1000);
        // The hostile play-through itself goes on: its harmless operator still moves.
        assertThat(host.apply(pt, 0, 1, null).step()).isEqualTo(1);
        host.close(pt);
        return o.error();
    }

    @Test
    void loopAtImportTimesOutAndNothingIsKept() throws Exception {
        int before = host.playthroughCount();
        Outcome o = underWitness(() -> host.start(RealWorker.hostile("loop_at_import"), "loop-import", 1, Map.of(), ""));
        assertThat(o.error().code()).isEqualTo("timeout");
        assertThat(o.error().getMessage()).contains("starting the game");
        assertThat(o.attackMs()).isBetween((long) CALL_TIMEOUT_MS, (long) CALL_TIMEOUT_MS + 3000);
        assertThat(host.playthroughCount()).isEqualTo(before);
    }

    @Test
    void loopInTransitionTimesOut() throws Exception {
        GameHostException e = attack("loop_in_transition", 0, "timeout");
        assertThat(e.getMessage()).contains(CALL_TIMEOUT_MS + " ms");
        assertThat(e.isRefusal()).isTrue();
    }

    @Test
    void memoryBombIsAMemoryError() throws Exception {
        GameHostException e = attack("memory_bomb", 0, "game_error");
        assertThat(e.exceptionType()).isEqualTo("MemoryError");
        assertThat(e.getMessage()).contains("ran out of memory");
    }

    @Test
    void forkBombIsRefused() throws Exception {
        GameHostException e = attack("fork_bomb", 0, "game_error");
        assertThat(e.getMessage()).contains("creating processes is not allowed");
        assertThat(e.file()).isEqualTo("ForkBomb_SZ6.py");
        assertThat(e.line()).isPositive();
        assertThat(Path.of("/tmp/wsz6-escaped")).doesNotExist();
    }

    @Test
    void deepRecursionIsARecursionError() throws Exception {
        assertThat(attack("deep_recursion", 0, "game_error").exceptionType()).isEqualTo("RecursionError");
    }

    @Test
    void sysExitIsAnErrorNotAnExit() throws Exception {
        assertThat(attack("sys_exit", 0, "game_error").getMessage()).contains("sys.exit(3)");
    }

    @Test
    void osExitIsAnErrorNotAnExit() throws Exception {
        long restarts = host.stats().restarts();
        assertThat(attack("os_exit", 0, "game_error").getMessage()).contains("os._exit()");
        assertThat(host.stats().restarts()).isEqualTo(restarts);
    }

    @Test
    void portalSecretsNeverReachTheGameButItsOwnVariablesDo() throws Exception {
        String secret = System.getenv("WSZ6_TEST_PORTAL_SECRET");
        assertThat(secret).as("set by surefire (play/pom.xml)").isNotBlank();
        Path game = RealWorker.hostile("read_env_secret");
        host.registerGame(game, Map.of("LLM_API_KEY", "game-key-77"), false);
        StepResult start = host.start(game, "env-spy", 1, Map.of(), "");
        String shown = start.viewFor(0).text();
        assertThat(shown).contains("game-key-77").doesNotContain(secret).doesNotContain("WSZ6_TEST_PORTAL_SECRET");

        GameHostException e = attack("read_env_secret", 0, "game_error");
        assertThat(e.getMessage()).containsPattern("reading /proc/\\S+/environ").doesNotContain(secret);
        host.close("env-spy");
    }

    @Test
    void readingOutsideTheGameFolderIsRefused() throws Exception {
        GameHostException e = attack("read_outside", 0, "game_error");
        assertThat(e.exceptionType()).isEqualTo("SandboxRefusal");
        assertThat(e.getMessage()).contains("reading /etc/passwd");
    }

    @Test
    void writingOutsideScratchIsRefused() throws Exception {
        assertThat(attack("write_outside", 0, "game_error").getMessage()).contains("writing");
        assertThat(RealWorker.hostile("write_outside").resolve("defaced.txt")).doesNotExist();
        assertThat(attack("write_outside", 2, "game_error").getMessage()).contains("writing");
        assertThat(Files.exists(Path.of("/tmp/wsz6-written-outside"))).isFalse();
    }

    @Test
    void socketsAreRefused() throws Exception {
        assertThat(attack("open_socket", 0, "game_error").getMessage()).contains("network access is not allowed");
    }

    @Test
    void theNetworkIsReachableOnlyForAGameTheAdminAllowed() throws Exception {
        try (ProcessGameHost own = new ProcessGameHost(RealWorker.settings(data.resolve("net"), Duration.ofMillis(3000)))) {
            Path game = RealWorker.hostile("open_socket");
            own.registerGame(game, Map.of(), true);
            own.start(game, "net", 1, Map.of(), "");
            try {
                own.apply("net", 0, 0, null); // a server may or may not listen on 127.0.0.1:5432
            } catch (GameHostException e) {
                assertThat(e.getMessage()).doesNotContain("not allowed");
            }
        }
    }

    @Test
    void stdoutFloodIsCapturedTruncatedAndTheProtocolStaysIntact() throws Exception {
        host.start(RealWorker.hostile("stdout_flood"), "flood", 1, Map.of(), "");
        long restarts = host.stats().restarts();
        Outcome o = underWitness(() -> host.apply("flood", 0, 0, null));
        assertThat(o.error()).isNull();
        assertThat(o.result().viewFor(0).text()).isEqualTo("Count: 1");
        assertThat(o.result().stdout()).startsWith("flood line 0 ").contains("more characters of output dropped");
        assertThat(o.result().stdout().length()).isLessThan(70 * 1024);
        assertThat(host.apply("flood", 0, 1, null).step()).isEqualTo(2);
        assertThat(host.stats().restarts()).isEqualTo(restarts);
        host.close("flood");
    }
}
