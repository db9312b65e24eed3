package org.wsz6.play.gamehost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Starts Python workers: builds the command line of docs/gamehost-protocol.md, gives the process
 * an empty environment (PATH, LANG and the game's own variables only) and waits for its
 * {@code ready} line.
 *
 * <p>Every process is started from one long-lived thread. Linux delivers a child's "parent died"
 * signal (bubblewrap's {@code --die-with-parent}) when the <em>thread</em> that started it ends, so
 * starting workers from a short-lived pool or virtual thread would kill them at random later.
 */
final class WorkerLauncher implements AutoCloseable {

    static final String PATH = "/usr/bin:/bin";
    static final String LANG = "C.UTF-8";

    private final GameHostSettings settings;
    private final ObjectMapper mapper;
    private volatile String resolvedPython;
    private final ExecutorService spawner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gamehost-launcher");
        t.setDaemon(true);
        return t;
    });

    WorkerLauncher(GameHostSettings settings, ObjectMapper mapper) {
        this.settings = settings;
        this.mapper = mapper;
    }

    /** The command that starts a worker for {@code gameFolder} with scratch folder {@code scratch}. */
    List<String> command(Path gameFolder, Path scratch, GameSettings game) {
        List<String> cmd = new ArrayList<>(List.of(python(), "-I", settings.workerScript().toString(),
                "--game", gameFolder.toString(), "--scratch", scratch.toString(),
                "--call-timeout-ms", Long.toString(settings.callTimeout().toMillis()), "--records"));
        if (settings.memoryMb() != null) {
            cmd.add("--memory-mb");
            cmd.add(settings.memoryMb().toString());
        }
        if (game.allowNetwork()) {
            cmd.add("--allow-network");
        }
        if (!settings.useBwrap()) {
            cmd.add("--no-bwrap");
        }
        return cmd;
    }

    /**
     * The interpreter itself rather than what {@code wsz6.python} names: a launcher script such as
     * a pyenv shim would otherwise run first and put its own directories on the game's PATH.
     * Asked once; when the question fails the name is used as given (and a start then reports why).
     */
    private String python() {
        String p = resolvedPython;
        if (p == null) {
            p = settings.python();
            try {
                Process probe = new ProcessBuilder(settings.python(), "-I", "-c", "import sys; print(sys.executable)")
                        .redirectErrorStream(true).start();
                String out = new String(probe.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
                if (probe.waitFor() == 0 && !out.isEmpty() && Files.isExecutable(Path.of(out))) {
                    p = out;
                }
            } catch (IOException e) {
                // keep the configured name
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            resolvedPython = p;
        }
        return p;
    }

    /** The complete environment of a worker: nothing of the portal's own. */
    static Map<String, String> environment(GameSettings game) {
        Map<String, String> env = new java.util.HashMap<>(game.env());
        env.put("PATH", PATH);
        env.put("LANG", LANG);
        return env;
    }

    /**
     * Starts a worker and waits until it is ready.
     *
     * @throws WorkerFailure {@code worker_unavailable} when it cannot be started or does not say ready in time
     */
    WorkerProcess launch(Path gameFolder, Path scratch, GameSettings game, String label,
                         Consumer<WorkerProcess> onUnexpectedDeath) throws WorkerFailure {
        List<String> cmd = command(gameFolder, scratch, game);
        Process process;
        try {
            Files.createDirectories(scratch);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(scratch.toFile());
            pb.environment().clear();
            pb.environment().putAll(environment(game));
            Future<Process> started = spawner.submit(pb::start);
            process = started.get();
        } catch (ExecutionException | IOException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new WorkerFailure(WorkerFailure.UNAVAILABLE, "could not start the Python worker ("
                    + settings.python() + "): " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerFailure(WorkerFailure.UNAVAILABLE, "interrupted while starting a worker");
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new WorkerFailure(WorkerFailure.UNAVAILABLE, "the game host is shut down");
        }
        WorkerProcess worker = new WorkerProcess(process, label, mapper, new AnswerSpin(settings.answerSpin()), onUnexpectedDeath);
        try {
            JsonNode ready = worker.awaitReady(settings.startDeadline());
            int protocol = ready.path("protocol").asInt(-1);
            // Version 2 added string frames, version 3 binary records (sent only when asked with --records).
            if (protocol != WorkerProtocol.VERSION) {
                worker.stop(java.time.Duration.ZERO);
                throw new WorkerFailure(WorkerFailure.UNAVAILABLE, "the worker speaks protocol " + protocol
                        + "; this portal speaks protocol " + WorkerProtocol.VERSION);
            }
            return worker;
        } catch (WorkerFailure f) {
            String tail = worker.stderrTail().strip();
            boolean tailShown = tail.isEmpty() || f.getMessage().contains("Last output");
            throw new WorkerFailure(WorkerFailure.UNAVAILABLE, "the Python worker for " + gameFolder.getFileName()
                    + " did not start: " + f.getMessage() + (tailShown ? "" : " (" + lastLine(tail) + ")"));
        }
    }

    private static String lastLine(String text) {
        int nl = text.lastIndexOf('\n');
        return nl < 0 ? text : text.substring(nl + 1);
    }

    @Override
    public void close() {
        spawner.shutdownNow();
    }
}
