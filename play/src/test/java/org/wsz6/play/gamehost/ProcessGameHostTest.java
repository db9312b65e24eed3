package org.wsz6.play.gamehost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge against the real Python worker, on the Pebbles fixture game: round trips of every
 * operation, every refusal code, reproducible randomness, restore, crash recovery, memory.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcessGameHostTest {

    static final Path PEBBLES = RealWorker.fixture("pebbles");

    @TempDir
    static Path data;
    ProcessGameHost host;
    int nextPt;

    @BeforeAll
    void startHost() {
        host = new ProcessGameHost(RealWorker.settings(data, Duration.ofMillis(1500)));
    }

    @AfterAll
    void stopHost() {
        host.close();
    }

    String newPt() {
        return "t" + (nextPt++);
    }

    StepResult startPebbles(String pt, long seed, int pile) {
        return host.start(PEBBLES, pt, seed, Map.of("pile", pile), "/games/pebbles/");
    }

    @Test
    void describeReadsTheGame() {
        GameDescription d = host.describe(PEBBLES);
        assertThat(d.name()).isEqualTo("Pebbles");
        assertThat(d.pff()).isEqualTo("Pebbles_SZ6.py");
        assertThat(d.vis()).isEqualTo("Pebbles_WSZ6_VIS.py");
        assertThat(d.roles()).extracting(GameDescription.Role::name).containsExactly("Alice", "Bob", "Observer");
        assertThat(d.roles().get(2).observer()).isTrue();
        assertThat(d.minPlayersToStart()).isEqualTo(2);
        assertThat(d.operators()).hasSize(6);
        assertThat(d.operators().get(1).role()).isEqualTo(0);
        assertThat(d.operators().get(0).params().get(0).max()).isEqualTo(3.0);
        assertThat(d.configKeys()).contains("pile");
        assertThat(d.hasTextViewForRole()).isTrue();
        assertThat(d.roleSpecificVis()).isTrue();
    }

    @Test
    void startApplyViewRoundTrip() {
        String pt = newPt();
        StepResult s0 = startPebbles(pt, 7, 7);
        assertThat(s0.step()).isZero();
        assertThat(s0.views()).extracting(StepResult.RoleView::role).containsExactly(0, 1, 2);
        assertThat(s0.viewFor(0).text()).startsWith("Pile: 7.").contains("Your secret:");
        assertThat(s0.viewFor(1).text()).startsWith("Pile: 7.").doesNotContain("secret");
        assertThat(s0.viewFor(1).visHtml()).contains("data-role=\"1\"");
        assertThat(s0.viewFor(0).visHtml().split("<circle", -1)).hasSize(8);
        assertThat(s0.viewFor(0).operators()).extracting(StepResult.OperatorView::index).contains(0, 1, 5);
        assertThat(s0.viewFor(1).operators()).isEmpty(); // not Bob's turn
        assertThat(s0.snapshot()).isNotBlank();

        StepResult s1 = host.apply(pt, 0, 0, List.of(2));
        assertThat(s1.step()).isEqualTo(1);
        assertThat(s1.transition()).isEqualTo("Alice takes 2.");
        assertThat(s1.currentRole()).isEqualTo(1);
        assertThat(s1.viewFor(1).text()).startsWith("Pile: 5.");
        assertThat(s1.seed()).isNotEqualTo(s0.seed());

        StepResult s2 = host.apply(pt, 1, 0, List.of("3")); // an int given as a string is accepted
        assertThat(s2.viewFor(0).text()).startsWith("Pile: 2.");
        StepResult v = host.view(pt);
        assertThat(v.step()).isEqualTo(2);
        assertThat(v.viewFor(0).text()).isEqualTo(s2.viewFor(0).text());

        StepResult end = host.apply(pt, 0, 0, List.of(2));
        assertThat(end.goal()).isTrue();
        assertThat(end.goalMessage()).isEqualTo("Alice took the last pebble and wins.");
        assertThat(end.outcome().winners()).containsExactly(0);
        assertThat(end.outcome().draw()).isFalse();
        host.close(pt);
    }

    @Test
    void theSameSeedGivesTheSameSecret() {
        String a = newPt();
        String b = newPt();
        String c = newPt();
        String secretA = startPebbles(a, 12345, 5).viewFor(0).text();
        String secretB = startPebbles(b, 12345, 5).viewFor(0).text();
        String secretC = startPebbles(c, 54321, 5).viewFor(0).text();
        assertThat(secretA).isEqualTo(secretB);
        assertThat(secretC).isNotEqualTo(secretA);
        List.of(a, b, c).forEach(host::close);
    }

    @Test
    void restoreGivesBackTheExactStateIncludingSetsAndModuleGlobals() {
        String pt = newPt();
        startPebbles(pt, 99, 12);
        host.apply(pt, 0, 5, List.of("pearl"));
        host.apply(pt, 0, 0, List.of(1));
        StepResult saved = host.apply(pt, 1, 0, List.of(2));
        host.apply(pt, 0, 5, List.of("opal"));
        host.apply(pt, 0, 0, List.of(3));

        // Undo: back to the saved step in the same play-through.
        StepResult undone = host.restore(PEBBLES, pt, saved.snapshot(), 99, saved.step(), Map.of("pile", 12), "/games/pebbles/");
        assertThat(undone.step()).isEqualTo(saved.step());
        assertThat(texts(undone)).isEqualTo(texts(saved));
        assertThat(undone.stateJson()).isEqualTo(saved.stateJson());

        // A server restart: a fresh bridge and worker rebuild it under a new id.
        try (ProcessGameHost fresh = new ProcessGameHost(RealWorker.settings(data.resolve("fresh"), Duration.ofMillis(1500)))) {
            StepResult rebuilt = fresh.restore(PEBBLES, "rebuilt", saved.snapshot(), 99, saved.step(), Map.of("pile", 12), "/g/");
            assertThat(texts(rebuilt)).isEqualTo(texts(saved));
            // ...and plays on exactly as the original does.
            assertThat(texts(fresh.apply("rebuilt", 0, 0, List.of(1)))).isEqualTo(texts(host.apply(pt, 0, 0, List.of(1))));
        }
        host.close(pt);
    }

    @Test
    void everyRefusalComesBackWithItsCodeAndLeavesTheStateAlone() {
        String pt = newPt();
        StepResult s0 = startPebbles(pt, 3, 4);
        assertCode(() -> host.apply(pt, 0, 99, List.of()), "no_such_operator");
        assertCode(() -> host.apply(pt, 0, 3, List.of()), "not_applicable");
        assertCode(() -> host.apply(pt, 1, 1, List.of()), "wrong_role");
        assertCode(() -> host.apply(pt, 2, 1, List.of()), "wrong_role"); // the Observer
        assertCode(() -> host.apply(pt, 1, 0, List.of(1)), "not_your_turn");
        assertCode(() -> host.apply(pt, 0, 0, List.of(7)), "bad_args");
        assertCode(() -> host.apply(pt, 0, 0, List.of("many")), "bad_args");
        assertCode(() -> host.apply(pt, 0, 0, List.of()), "bad_args");
        GameHostException error = assertCode(() -> host.apply(pt, 0, 2, List.of()), "game_error");
        assertThat(error.exceptionType()).isEqualTo("ValueError");
        assertThat(error.getMessage()).contains("the pebbles scattered");
        assertThat(error.file()).isEqualTo("Pebbles_SZ6.py");
        assertThat(error.line()).isPositive();
        assertCode(() -> host.restore(PEBBLES, pt, "bm90IGEgcGlja2xl", 3, 0, Map.of(), ""), "restore_failed");

        StepResult unchanged = host.view(pt);
        assertThat(unchanged.step()).isZero();
        assertThat(texts(unchanged)).isEqualTo(texts(s0));

        host.apply(pt, 0, 0, List.of(3));
        host.apply(pt, 1, 0, List.of(1));
        assertCode(() -> host.apply(pt, 0, 0, List.of(1)), "game_over");
        host.close(pt);
        assertCode(() -> host.apply(pt, 0, 0, List.of(1)), "unknown_playthrough");
    }

    @Test
    void aLoopingTransitionIsInterruptedInsideTheWorkerAndThePlaythroughGoesOn() {
        String pt = newPt();
        startPebbles(pt, 1, 5);
        long t0 = System.nanoTime();
        assertCode(() -> host.apply(pt, 0, 4, List.of()), "timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(3500));
        assertThat(host.apply(pt, 0, 0, List.of(1)).viewFor(1).text()).startsWith("Pile: 4.");
        host.close(pt);
    }

    @Test
    void gameCodeThatIgnoresTheWorkersTimeoutCostsOneCallAndTheWorkersOtherPlaythroughsComeBack() {
        Path stubborn = RealWorker.fixture("stubborn");
        String victim = newPt();
        String bystander = newPt();
        host.start(stubborn, victim, 1, Map.of(), "");
        host.start(stubborn, bystander, 2, Map.of(), "");
        host.apply(victim, 0, 0, null);
        host.apply(bystander, 0, 0, null);
        host.apply(bystander, 0, 0, null);
        long restarts = host.stats().restarts();

        // Swallowing the deadline: the worker answers "timeout" itself, then exits.
        GameHostException swallowed = assertCode(() -> host.apply(victim, 0, 1, null), "timeout");
        assertThat(swallowed.getMessage()).contains("ignored the 1500 ms deadline");
        assertThat(host.view(bystander).viewFor(0).text()).isEqualTo("Count: 2");
        assertThat(host.apply(victim, 0, 0, null).viewFor(0).text()).isEqualTo("Count: 2");

        // Stuck in C: the worker cannot answer; the bridge kills it at its hard deadline.
        long t0 = System.nanoTime();
        GameHostException stuck = catchGameHostException(() -> host.apply(victim, 0, 2, null));
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(stuck.code()).as(stuck.getMessage()).isIn("worker_timeout", "worker_crashed");
        assertThat(tookMs).isLessThan(1500 + GameHostSettings.DEADLINE_GRACE.toMillis() + 1500);
        assertThat(host.view(bystander).viewFor(0).text()).isEqualTo("Count: 2");
        assertThat(host.apply(bystander, 0, 0, null).viewFor(0).text()).isEqualTo("Count: 3");
        assertThat(host.view(victim).viewFor(0).text()).isEqualTo("Count: 2");
        assertThat(host.stats().restarts()).isGreaterThanOrEqualTo(restarts + 2);
        host.close(victim);
        host.close(bystander);
    }

    static GameHostException catchGameHostException(Runnable call) {
        try {
            call.run();
        } catch (GameHostException e) {
            return e;
        }
        throw new AssertionError("expected a GameHostException");
    }

    @Test
    void aLoopingPlaythroughHoldsUpOnlyThoseSharingItsWorker() throws Exception {
        try (ProcessGameHost own = new ProcessGameHost(RealWorker.settings(data.resolve("class"), Duration.ofMillis(1500))
                .withPlaythroughsPerWorker(2))) {
            for (int i = 0; i < 6; i++) {
                own.start(PEBBLES, "s" + i, i, Map.of("pile", 30), "");
            }
            List<WorkerStatus> workers = own.workers();
            assertThat(workers).hasSize(3);
            String looping = workers.get(0).playthroughs().get(0);
            List<String> elsewhere = workers.subList(1, 3).stream().flatMap(w -> w.playthroughs().stream()).toList();

            var loop = java.util.concurrent.CompletableFuture.runAsync(() ->
                    assertCode(() -> own.apply(looping, 0, 4, null), "timeout"));
            Thread.sleep(200); // the loop is now running in its worker
            for (String pt : elsewhere) {
                long t0 = System.nanoTime();
                own.apply(pt, 0, 5, List.of("quick"));
                assertThat((System.nanoTime() - t0) / 1_000_000).as("a move of %s while %s loops", pt, looping).isLessThan(1000);
            }
            assertThat(loop.isDone()).as("the loop was still running while the others moved").isFalse();
            loop.get();
        }
    }

    @Test
    void aGameThatCannotBeImportedIsLoadFailedWithFileAndLine() {
        GameHostException e = assertCode(() -> host.start(RealWorker.fixture("broken_game"), newPt(), 1, Map.of(), ""),
                "load_failed");
        assertThat(e.file()).isEqualTo("Broken_SZ6.py");
        assertThat(e.line()).isEqualTo(4);
        assertCode(() -> host.describe(RealWorker.fixture("broken_game")), "load_failed");
    }

    @Test
    void aWorkerKilledMidGameIsReplacedAndItsPlaythroughsContinueWithIdenticalViews() throws Exception {
        String a = newPt();
        String b = newPt();
        startPebbles(a, 11, 9);
        startPebbles(b, 22, 9);
        host.apply(a, 0, 0, List.of(2));
        host.apply(a, 1, 5, List.of("ruby")); // sets survive
        host.apply(b, 0, 0, List.of(3));
        Map<Integer, String> beforeA = texts(host.view(a));
        Map<Integer, String> beforeB = texts(host.view(b));

        List<ProcessHandle> workers = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("worker.py")).toList();
        assertThat(workers).isNotEmpty();
        workers.forEach(ProcessHandle::destroyForcibly); // kill -9, from outside the bridge

        // The next call may be the one that notices; it then gets the clear error, and the one after works.
        StepResult viewA;
        try {
            viewA = host.view(a);
        } catch (GameHostException e) {
            assertThat(e.code()).isIn("worker_crashed", "worker_unavailable");
            viewA = host.view(a);
        }
        assertThat(texts(viewA)).isEqualTo(beforeA);
        assertThat(texts(host.view(b))).isEqualTo(beforeB);
        assertThat(host.apply(b, 1, 0, List.of(1)).viewFor(0).text()).startsWith("Pile: 5.");
        assertThat(host.stats().restores()).isPositive();
        host.close(a);
        host.close(b);
    }

    @Test
    void theGameSeesOnlyItsOwnEnvironment() throws Exception {
        Path probe = RealWorker.fixture("envprobe");
        host.registerGame(probe, Map.of("GAME_API_KEY", "key-for-this-game"), false);
        String pt = newPt();
        Map<String, String> env = new ObjectMapper().readValue(host.start(probe, pt, 1, Map.of(), "").viewFor(0).text(), new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
        host.close(pt);

        assertThat(env.get("GAME_API_KEY")).isEqualTo("key-for-this-game");
        assertThat(env.get("PATH")).isEqualTo("/usr/bin:/bin");
        // The worker adds only its own HOME and TMPDIR (inside its scratch folder); bubblewrap sets PWD.
        assertThat(env.keySet()).containsOnly("GAME_API_KEY", "PATH", "LANG", "HOME", "TMPDIR", "PWD");
        assertThat(env.get("HOME")).startsWith(data.toRealPath().toString());
        // Nothing of the JVM's own environment (HOME, JAVA_HOME, credentials, ...) reaches the game.
        assertThat(System.getenv("WSZ6_TEST_PORTAL_SECRET")).as("set by surefire (play/pom.xml)").isNotBlank();
        assertThat(String.join("\n", env.values())).doesNotContain(System.getenv("WSZ6_TEST_PORTAL_SECRET"));
        assertThat(env.get("HOME")).isNotEqualTo(System.getenv("HOME"));
    }

    @Test
    void closingManyPlaythroughsLeavesNothingBehindAndWorkerMemoryFlat() {
        try (ProcessGameHost own = new ProcessGameHost(RealWorker.settings(data.resolve("mem"), Duration.ofMillis(1500))
                .withPlaythroughsPerWorker(1000))) {
            long rssAfterWarmup = 0;
            for (int round = 0; round < 300; round++) {
                String pt = "m" + round;
                own.start(PEBBLES, pt, round, Map.of("pile", 6), "");
                own.apply(pt, 0, 5, List.of("name" + round));
                own.apply(pt, 0, 0, List.of(3));
                own.close(pt);
                if (round == 49) {
                    rssAfterWarmup = own.workers().get(0).rssKb();
                }
            }
            assertThat(own.playthroughCount()).isZero();
            // The play-throughs' session folders went with them.
            assertThat(own.settings().scratchDir()).isDirectory();
            try (var folders = java.nio.file.Files.find(own.settings().scratchDir(), 4,
                    (path, attrs) -> path.getParent() != null && path.getParent().getFileName().toString().equals("sessions"))) {
                assertThat(folders.toList()).isEmpty();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            List<WorkerStatus> workers = own.workers();
            assertThat(workers).hasSize(1);
            assertThat(workers.get(0).playthroughs()).isEmpty();
            long rssAtEnd = workers.get(0).rssKb();
            // 250 more play-throughs must not cost more than a few MB (a leak of one module each would).
            assertThat(rssAtEnd - rssAfterWarmup).as("RSS growth in KB").isLessThan(8 * 1024);
        }
    }

    static Map<Integer, String> texts(StepResult r) {
        Map<Integer, String> out = new HashMap<>();
        r.views().forEach(v -> out.put(v.role(), v.text() + "|" + v.visHtml()));
        return out;
    }

    static GameHostException assertCode(Runnable call, String code) {
        try {
            call.run();
        } catch (GameHostException e) {
            assertThat(e.code()).as("error code (message: %s)", e.getMessage()).isEqualTo(code);
            assertThat(e.getMessage()).isNotBlank();
            return e;
        }
        throw new AssertionError("expected a GameHostException with code " + code);
    }
}
