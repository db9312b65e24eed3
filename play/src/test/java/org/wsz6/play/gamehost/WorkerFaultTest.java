package org.wsz6.play.gamehost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the bridge treats a worker that misbehaves in ways the real worker never does on purpose
 * (garbage on the protocol channel, ignoring its own timeout, dying mid-call, answering the wrong
 * id). Uses {@code gamehost/fake_worker.py}, a protocol stand-in that misbehaves on request; the
 * real worker is exercised by {@link ProcessGameHostTest} and {@link HostileGamesTest}.
 */
@Timeout(60)
class WorkerFaultTest {

    @TempDir
    Path tmp;
    Path gameA;
    Path gameB;
    ProcessGameHost host;

    static Path fakeWorker() throws URISyntaxException {
        return Path.of(WorkerFaultTest.class.getResource("/gamehost/fake_worker.py").toURI());
    }

    GameHostSettings settings() throws URISyntaxException {
        return GameHostSettings.defaults(tmp, tmp.resolve("data")).withWorkerScript(fakeWorker())
                .withCallTimeout(Duration.ofMillis(300));
    }

    @BeforeEach
    void setUp() throws Exception {
        gameA = Files.createDirectories(tmp.resolve("gameA"));
        gameB = Files.createDirectories(tmp.resolve("gameB"));
        host = new ProcessGameHost(settings());
    }

    @AfterEach
    void tearDown() {
        host.close();
    }

    private StepResult start(Path game, String pt) {
        return host.start(game, pt, 1, Map.of(), "/g/");
    }

    private StepResult move(String pt) {
        return host.apply(pt, 0, 0, List.of());
    }

    private long workerPid() {
        return host.workers().stream().filter(w -> w.pid() != null).findFirst().orElseThrow().pid();
    }

    @Test
    void aLineThatIsNotJsonKillsTheWorkerAndItsPlaythroughsComeBackFromTheirSnapshots() {
        start(gameA, "a");
        start(gameA, "b");
        move("a");
        move("a");
        move("b");
        long before = workerPid();

        assertThatThrownBy(() -> host.apply("a", 0, 90, List.of()))
                .isInstanceOfSatisfying(GameHostException.class, e -> {
                    assertThat(e.code()).isEqualTo("worker_crashed");
                    assertThat(e.getMessage()).contains("not JSON").contains("Traceback");
                    assertThat(e.isRefusal()).isFalse();
                });

        assertThat(host.view("a").step()).isEqualTo(2);
        assertThat(host.view("b").step()).isEqualTo(1);
        assertThat(move("a").step()).isEqualTo(3);
        assertThat(workerPid()).isNotEqualTo(before);
        assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(host.stats().restarts()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aWorkerThatMissesTheHardDeadlineIsKilledAndTheCallerToldSo() {
        start(gameA, "a");
        move("a");
        long before = workerPid();
        long t0 = System.nanoTime();

        assertThatThrownBy(() -> host.apply("a", 0, 91, List.of()))
                .isInstanceOfSatisfying(GameHostException.class, e -> {
                    assertThat(e.code()).isEqualTo("worker_timeout");
                    assertThat(e.getMessage()).contains("did not answer within 2300 ms");
                });
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(tookMs).isBetween(2300L, 6000L);

        assertThat(host.view("a").step()).isEqualTo(1);
        assertThat(workerPid()).isNotEqualTo(before);
    }

    @Test
    void aWorkerThatExitsMidCallIsReportedWithItsExitCodeAndLastWords() {
        start(gameA, "a");
        assertThatThrownBy(() -> host.apply("a", 0, 92, List.of()))
                .isInstanceOfSatisfying(GameHostException.class, e -> {
                    assertThat(e.code()).isEqualTo("worker_crashed");
                    assertThat(e.getMessage()).contains("exited with code 3").contains("exiting on purpose");
                });
        assertThat(move("a").step()).isEqualTo(1);
    }

    @Test
    void anAnswerWithAnIdNobodyAskedForKillsTheWorker() {
        start(gameA, "a");
        assertThatThrownBy(() -> host.apply("a", 0, 93, List.of()))
                .isInstanceOfSatisfying(GameHostException.class, e -> {
                    assertThat(e.code()).isEqualTo("worker_crashed");
                    assertThat(e.getMessage()).contains("nobody asked for");
                });
        assertThat(move("a").step()).isEqualTo(1);
    }

    @Test
    void viewStringsSentAsFramesArriveAsTheStringsTheWorkerSent() {
        start(gameA, "a");
        StepResult step = host.apply("a", 0, 1, List.of());
        String svg = "<svg>\n<text>é ♥ \"quoted\"</text>\n</svg>";
        assertThat(step.viewFor(0).visHtml()).isEqualTo(svg);
        assertThat(step.viewFor(0).text()).isEqualTo("=5\nnot a header");
        assertThat(step.viewFor(1).visHtml()).isEqualTo(svg);
        assertThat(step.viewFor(1).text()).isEqualTo("inline");
        assertThat(move("a").step()).isEqualTo(2); // the frames belonged to that response only
    }

    @Test
    void aStepSentAsABinaryRecordArrivesAsTheWorkerSentIt() {
        start(gameA, "a");
        StepResult step = host.apply("a", 0, 2, List.of());
        assertThat(step.step()).isEqualTo(1);
        assertThat(step.viewFor(0).visHtml()).isEqualTo("<svg>\n<text>é ♥ \"quoted\"</text>\n</svg>");
        assertThat(step.viewFor(0).text()).isEqualTo("lone \ud800 surrogate, big 1" + "0".repeat(30));
        assertThat(step.viewFor(0).operators()).extracting(StepResult.OperatorView::name).containsExactly("Go");
        assertThat(step.viewFor(1).text()).isNull();
        assertThat(step.stateJson().toString())
                .isEqualTo("{\"big\":1" + "0".repeat(30) + ",\"neg\":-1099511627776,\"pi\":3.25,\"list\":[1,\"two\",null,true]}");
        assertThat(move("a").step()).isEqualTo(2);
    }

    @Test
    void anUnreadableOrSelfReferringBinaryRecordKillsTheWorker() {
        start(gameA, "a");
        for (int behaviour : new int[] {96, 97}) {
            int before = move("a").step();
            assertThatThrownBy(() -> host.apply("a", 0, behaviour, List.of()))
                    .isInstanceOfSatisfying(GameHostException.class, e -> {
                        assertThat(e.code()).isEqualTo("worker_crashed");
                        assertThat(e.getMessage()).contains("binary record");
                    });
            assertThat(move("a").step()).isEqualTo(before + 1); // rebuilt in a fresh worker from its snapshot
        }
    }

    @Test
    void aMalformedOrCutOffStringFrameKillsTheWorker() {
        start(gameA, "a");
        assertThatThrownBy(() -> host.apply("a", 0, 94, List.of()))
                .isInstanceOfSatisfying(GameHostException.class, e -> {
                    assertThat(e.code()).isEqualTo("worker_crashed");
                    assertThat(e.getMessage()).contains("bad string frame").contains("=12x");
                });
        assertThat(move("a").step()).isEqualTo(1); // rebuilt in a fresh worker from its snapshot
        assertThatThrownBy(() -> host.apply("a", 0, 95, List.of()))
                .isInstanceOfSatisfying(GameHostException.class, e -> assertThat(e.code()).isEqualTo("worker_crashed"));
        assertThat(move("a").step()).isEqualTo(2);
    }

    @Test
    void aWorkerKilledWhileIdleIsReplacedWithoutWaitingForTheNextMove() throws Exception {
        start(gameA, "a");
        move("a");
        long before = workerPid();
        ProcessHandle.of(before).orElseThrow().destroyForcibly();

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Long after = null;
        while (System.nanoTime() < deadline) {
            after = host.workers().get(0).pid();
            if (after != null && after != before && ProcessHandle.of(after).isPresent()) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(after).isNotNull().isNotEqualTo(before);
        assertThat(host.stats().restores()).isEqualTo(1);
        assertThat(host.view("a").step()).isEqualTo(1);
    }

    @Test
    void aHangingGameDoesNotSlowAnotherGame() throws Exception {
        start(gameA, "a");
        start(gameB, "b");
        CompletableFuture<Throwable> hanging = CompletableFuture.supplyAsync(() -> {
            try {
                host.apply("a", 0, 91, List.of());
                return null;
            } catch (GameHostException e) {
                return e;
            }
        });
        Thread.sleep(200); // the hanging call is now in its worker
        for (int i = 1; i <= 20; i++) {
            long t0 = System.nanoTime();
            assertThat(move("b").step()).isEqualTo(i);
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1000); // the hang lasts 2300 ms
        }
        assertThat(hanging.isDone()).isFalse();
        assertThat(hanging.get()).isInstanceOf(GameHostException.class);
    }

    @Test
    void aWorkerThatDoesNotSayReadyIsRefusedAndNothingIsKept() throws Exception {
        Path noReady = Files.createDirectories(tmp.resolve("no_ready"));
        assertThatThrownBy(() -> start(noReady, "x"))
                .isInstanceOfSatisfying(GameHostException.class, e -> {
                    assertThat(e.code()).isEqualTo("worker_unavailable");
                    assertThat(e.getMessage()).contains("not 'ready'").contains("hello, I am not a worker");
                });
        assertThat(host.playthroughCount()).isZero();
        assertThatThrownBy(() -> move("x")).hasFieldOrPropertyWithValue("code", "unknown_playthrough");
    }

    @Test
    void aMissingPythonIsAClearError() throws Exception {
        try (ProcessGameHost broken = new ProcessGameHost(settings().withPython("/nonexistent/python3"))) {
            assertThatThrownBy(() -> broken.start(gameA, "x", 1, Map.of(), ""))
                    .isInstanceOfSatisfying(GameHostException.class, e -> {
                        assertThat(e.code()).isEqualTo("worker_unavailable");
                        assertThat(e.getMessage()).contains("could not start the Python worker (/nonexistent/python3)");
                    });
        }
    }

    @Test
    void requestsTheBridgeCanRefuseItselfGetClearCodes() {
        assertThatThrownBy(() -> start(gameA, "not valid!")).hasFieldOrPropertyWithValue("code", "bad_request")
                .hasMessageContaining("'not valid!'");
        start(gameA, "a");
        assertThatThrownBy(() -> start(gameA, "a")).hasFieldOrPropertyWithValue("code", "bad_request")
                .hasMessageContaining("already running");
        assertThatThrownBy(() -> move("nope")).hasFieldOrPropertyWithValue("code", "unknown_playthrough");
        assertThatThrownBy(() -> start(tmp.resolve("missing"), "m")).hasFieldOrPropertyWithValue("code", "load_failed")
                .hasMessageContaining("no game folder");
        assertThatThrownBy(() -> host.restore(gameA, "r", "", 1, 0, Map.of(), "")).hasFieldOrPropertyWithValue("code", "restore_failed");
        // The refusals above left nothing behind.
        assertThat(host.playthroughCount()).isEqualTo(1);
        assertThat(move("a").step()).isEqualTo(1);
    }

    @Test
    void aGameGetsMoreWorkersAsPlaythroughsGrow() throws Exception {
        try (ProcessGameHost small = new ProcessGameHost(settings().withPlaythroughsPerWorker(2))) {
            for (int i = 0; i < 5; i++) {
                small.start(gameA, "p" + i, 1, Map.of(), "");
            }
            List<WorkerStatus> workers = small.workers();
            assertThat(workers).hasSize(3);
            assertThat(workers).allSatisfy(w -> assertThat(w.playthroughs().size()).isBetween(1, 2));
            assertThat(workers.stream().map(WorkerStatus::pid).distinct()).hasSize(3);
        }
    }

    @Test
    void idleWorkersAreStoppedAndTheirPlaythroughsComeBackOnTheNextMove() throws Exception {
        try (ProcessGameHost idle = new ProcessGameHost(settings().withIdleTimeout(Duration.ofMillis(500)))) {
            idle.start(gameA, "a", 1, Map.of(), "");
            idle.apply("a", 0, 0, List.of());
            long pid = idle.workers().get(0).pid();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (idle.workers().get(0).pid() != null && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(idle.workers().get(0).pid()).isNull();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(idle.apply("a", 0, 0, List.of()).step()).isEqualTo(2);
        }
    }

    @Test
    void closingFreesEverythingAndShutdownLeavesNoProcess() {
        for (int i = 0; i < 30; i++) {
            start(gameA, "p" + i);
            move("p" + i);
        }
        List<Long> pids = host.workers().stream().map(WorkerStatus::pid).toList();
        for (int i = 0; i < 30; i++) {
            host.close("p" + i);
        }
        host.close("p0"); // closing twice is harmless
        assertThat(host.playthroughCount()).isZero();
        assertThat(host.workers()).allSatisfy(w -> assertThat(w.playthroughs()).isEmpty());

        host.close();
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse());
        assertThatThrownBy(() -> start(gameA, "late")).hasFieldOrPropertyWithValue("code", "worker_unavailable");
    }
}
