package org.wsz6.play.gamehost;

import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Python worker and the line-delimited JSON conversation with it (protocol 2: a
 * response line may be preceded by raw string frames it refers to).
 *
 * <p>The caller reads its own answer: callers are serialized by the owner (one call at a time) and
 * the worker answers in order, so the thread that sent a request reads the lines up to its answer,
 * without handing them over between threads (each hand-over is a thread wake-up, a good part of a
 * move's round trip). A missed deadline is the {@link Watchdog}'s: it kills the worker, which ends
 * the read. A worker that dies between calls is noticed as its process exits. Anything unexpected
 * (a line that is not JSON, an unknown id, end of output, a missed deadline) kills the whole
 * process tree: a worker is either fully trusted to be in step with us or gone.
 */
final class WorkerProcess implements Watchdog.Watched {

    private static final Logger log = LoggerFactory.getLogger(WorkerProcess.class);
    /** The protocol's limit on one line (docs/gamehost-protocol.md). */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;
    /** First byte of a string frame header line (protocol 2). */
    private static final byte FRAME_MARK = '=';
    /** First byte of a binary record header line (protocol 3): the response in marshal format. */
    private static final byte RECORD_MARK = '#';
    private static final int STDERR_TAIL_BYTES = 4096;

    private final Process process;
    private final String label;
    private final ObjectMapper mapper;
    private final OutputStream stdin;
    private final Consumer<WorkerProcess> onUnexpectedDeath;
    private final StderrTail stderrTail = new StderrTail(STDERR_TAIL_BYTES);
    private final Thread stderrDrain;

    /** Held by the thread talking to the worker: the owner serializes callers; this also hands the reader's state from one to the next. */
    private final Object io = new Object();
    private final LineReader lines;
    /** Reads a JSON line as a tree, refusing text after the value (as a protocol break). */
    private final ObjectReader lineReader;
    /** Readers by result type, each with its deserializers looked up once (used under {@link #io}). */
    private final Map<Class<?>, ObjectReader> readers = new HashMap<>();
    private long nextId = 1;
    private boolean ready;

    /** The deadline of the exchange in progress ({@link Watchdog#NONE} between calls), and the failure that missing it means. */
    private volatile long deadline = Watchdog.NONE;
    private volatile String deadlineCode;
    private volatile String deadlineMessage;
    /** Why this worker is unusable, or null while it is healthy. */
    private volatile WorkerFailure failure;
    private volatile boolean stopping;
    private final AtomicBoolean deathReported = new AtomicBoolean();

    WorkerProcess(Process process, String label, ObjectMapper mapper, AnswerSpin spin, Consumer<WorkerProcess> onUnexpectedDeath) {
        this.process = process;
        this.label = label;
        this.mapper = mapper;
        this.lineReader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.stdin = process.getOutputStream();
        this.onUnexpectedDeath = onUnexpectedDeath;
        this.lines = new LineReader(process.getInputStream(), MAX_LINE_BYTES, spin);
        this.stderrDrain = Thread.ofVirtual().name("gamehost-stderr-" + process.pid()).start(this::drainStderr);
        Watchdog.INSTANCE.add(this);
        // A worker that dies between calls is replaced now, not on the next move (that would pay for it).
        process.onExit().thenRunAsync(this::onExit, task -> Thread.ofVirtual().name("gamehost-exit-" + process.pid()).start(task));
    }

    long pid() {
        return process.pid();
    }

    String label() {
        return label;
    }

    boolean isAlive() {
        return failure == null && process.isAlive();
    }

    /** Waits for the worker's {@code ready} line; kills the worker when it does not come in time. */
    JsonNode awaitReady(Duration deadline) throws WorkerFailure {
        synchronized (io) {
            arm(deadline, WorkerFailure.UNAVAILABLE, "the worker did not start within " + deadline.toMillis() + " ms");
            try {
                LineReader.Line line = lines.next();
                if (line == null) {
                    throw endOfOutput();
                }
                JsonNode node = parseReady(line);
                ready = true;
                return node;
            } catch (LineReader.LineTooLong e) {
                throw protocolBroken(WorkerFailure.UNAVAILABLE, "the worker's first line was longer than 16 MiB");
            } catch (IOException e) {
                throw endOfOutput();
            } finally {
                disarm();
            }
        }
    }

    /**
     * Sends one request and reads its response ({@code ok} true or false) on the calling thread,
     * read as a tree (from a binary record or a JSON line alike) and its {@code result} bound to
     * {@code resultType}. A missed deadline kills the worker.
     */
    WorkerResponse call(ObjectNode request, Class<?> resultType, Duration deadline) throws WorkerFailure {
        synchronized (io) {
            WorkerFailure dead = failure;
            if (dead != null) {
                throw dead;
            }
            if (!ready) {
                throw fail(WorkerFailure.UNAVAILABLE, "the worker was called before it said ready");
            }
            long id = nextId++;
            request.put("id", id);
            byte[] framed;
            try {
                byte[] line = mapper.writeValueAsBytes(request);
                if (line.length >= MAX_LINE_BYTES) {
                    throw new WorkerFailure("bad_request", "the request is larger than the protocol's 16 MiB line limit");
                }
                // One write and one flush per request: the worker must see it now, not when a buffer fills.
                framed = new byte[line.length + 1];
                System.arraycopy(line, 0, framed, 0, line.length);
                framed[line.length] = '\n';
            } catch (IOException e) {
                throw new WorkerFailure("bad_request", "the request could not be written as JSON: " + e.getMessage());
            }
            arm(deadline, WorkerFailure.TIMEOUT, "the game did not answer within " + deadline.toMillis()
                    + " ms; its worker was stopped and restarted");
            try (AnswerSpin.InFlight inFlight = AnswerSpin.calling()) {
                try {
                    stdin.write(framed);
                    stdin.flush();
                } catch (IOException e) {
                    // The worker closed its input: it is gone; say how it ended.
                    WorkerFailure f = failure;
                    throw f != null ? f : endOfOutput();
                }
                return readResponse(id, resultType);
            } finally {
                disarm();
            }
        }
    }

    private void arm(Duration within, String code, String message) {
        deadlineCode = code;
        deadlineMessage = message;
        long d = Watchdog.after(within);
        deadline = d;
        Watchdog.INSTANCE.armed(d);
    }

    private void disarm() {
        deadline = Watchdog.NONE;
    }

    @Override
    public long deadline() {
        return deadline;
    }

    /** On the watchdog's thread: the exchange in progress took too long; killing the worker ends its read. */
    @Override
    public void deadlineMissed() {
        deadline = Watchdog.NONE;
        fail(deadlineCode, deadlineMessage);
    }

    /** Reads lines up to the response with id {@code id}: string frames, then its JSON line. */
    private WorkerResponse readResponse(long id, Class<?> resultType) throws WorkerFailure {
        List<String> frames = List.of(); // string frames of the response being read
        try {
            while (true) {
                LineReader.Line line = lines.next();
                if (line == null) {
                    throw endOfOutput();
                }
                byte first = line.length() > 0 ? line.bytes()[line.offset()] : 0;
                if (first == FRAME_MARK) {
                    frames = readFrame(line, frames);
                    continue;
                }
                JsonNode node = first == RECORD_MARK ? readRecord(line) : readJsonLine(line);
                WorkerResponse response = toResponse(node, resultType, frames);
                if (response.id() != id) {
                    throw protocolBroken(WorkerFailure.CRASHED, "the worker broke the protocol (an answer with id "
                            + response.id() + " nobody asked for); it was stopped and restarted");
                }
                return response;
            }
        } catch (LineReader.LineTooLong e) {
            throw protocolBroken(WorkerFailure.CRASHED, "the worker broke the protocol (a line longer than 16 MiB); "
                    + "it was stopped and restarted");
        } catch (IOException e) {
            throw endOfOutput();
        }
    }

    /** Waits (briefly) for a worker that announced it is exiting; true once it is gone. */
    boolean awaitExit(Duration max) {
        try {
            return process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Asks the worker to exit (end of input), then kills whatever is left. No death callback. */
    void stop(Duration grace) {
        stopping = true;
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already closed
        }
        try {
            process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fail(WorkerFailure.CRASHED, "the worker was stopped");
    }

    /**
     * Marks the worker failed and kills its whole process tree, which ends a caller's read. The
     * first failure wins (its message is the one callers see).
     */
    WorkerFailure fail(String code, String message) {
        WorkerFailure f;
        synchronized (this) {
            if (failure == null) {
                failure = new WorkerFailure(code, message);
            }
            f = failure;
        }
        Watchdog.INSTANCE.remove(this);
        killTree();
        return f;
    }

    private void killTree() {
        // Twice: a child may have been forked while we were listing them.
        for (int round = 0; round < 2; round++) {
            List<ProcessHandle> tree = process.descendants().toList();
            process.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** The first line, which must be {@code ready}; otherwise the worker is failed. */
    private JsonNode parseReady(LineReader.Line line) throws WorkerFailure {
        JsonNode node = null;
        try {
            node = mapper.readTree(line.bytes(), line.offset(), line.length());
        } catch (IOException e) {
            // reported below
        }
        if (node == null || !"ready".equals(node.path("type").asText())) {
            throw protocolBroken(WorkerFailure.UNAVAILABLE, "the worker's first line was not 'ready': " + preview(line));
        }
        return node;
    }

    /** The worker broke the protocol: it is killed, and its seat told to replace it. */
    private WorkerFailure protocolBroken(String code, String message) {
        WorkerFailure f = fail(code, message);
        reportDeath(f);
        return f;
    }

    /** A response sent as a JSON line, as a tree; anything but one JSON object fails the worker. */
    private JsonNode readJsonLine(LineReader.Line line) throws WorkerFailure {
        JsonNode node = null;
        try {
            node = lineReader.readTree(line.bytes(), line.offset(), line.length());
        } catch (IOException e) {
            // reported below
        }
        if (node == null || !node.isObject()) {
            throw protocolBroken(WorkerFailure.CRASHED, "the worker broke the protocol (a line that is not JSON: "
                    + preview(line) + "); it was stopped and restarted");
        }
        return node;
    }

    /**
     * A response sent as a binary record announced by {@code header} ({@code #<byte length>}), as
     * the tree its JSON line would give; a record that cannot be read fails the worker.
     */
    private JsonNode readRecord(LineReader.Line header) throws IOException, WorkerFailure {
        long size = announcedSize(header);
        if (size < 0) {
            throw protocolBroken(WorkerFailure.CRASHED, "the worker broke the protocol (a bad record header: "
                    + preview(header) + "); it was stopped and restarted");
        }
        LineReader.Line body = lines.nextBlock((int) size);
        JsonNode node;
        try {
            node = MarshalReader.read(body.bytes(), body.offset(), body.length());
        } catch (MarshalReader.Malformed e) {
            node = null;
            if (log.isDebugEnabled()) {
                log.debug("worker {}: unreadable record: {}", label, e.getMessage());
            }
        }
        if (node == null || !node.isObject()) {
            throw protocolBroken(WorkerFailure.CRASHED, "the worker broke the protocol (a binary record that is not a "
                    + "response object); it was stopped and restarted");
        }
        return node;
    }

    /**
     * {@code {"id":..,"ok":..,"result":..|"error":..}} with {@code result} bound to
     * {@code resultType}; a result that is valid but does not fit {@code resultType} stays a tree,
     * so the caller can say what was wrong.
     */
    private WorkerResponse toResponse(JsonNode node, Class<?> resultType, List<String> frames) throws IOException {
        JsonNode result = node.get("result");
        Object bound = null;
        if (result != null && !result.isNull()) {
            try {
                bound = resultType == JsonNode.class ? inlineFrames(result, frames) : bindTree(result, resultType, frames);
            } catch (DatabindException e) {
                bound = inlineFrames(result, frames);
            }
        }
        return new WorkerResponse(node.path("id").asLong(-1), node.path("ok").asBoolean(false), bound, node.get("error"));
    }

    /**
     * Binds a record's tree to {@code type}. A step's state_json is handed over as the tree it
     * already is: read token by token it would be copied node by node, a fifth of the bridge's
     * time for a card game.
     */
    private Object bindTree(JsonNode result, Class<?> type, List<String> frames) throws IOException {
        JsonNode state = type == StepResult.class && result instanceof ObjectNode o ? o.remove("state_json") : null;
        try {
            Object bound = reader(type, frames).readValue(mapper.treeAsTokens(result));
            return state == null ? bound : ((StepResult) bound).withStateJson(state);
        } finally {
            if (state != null) {
                ((ObjectNode) result).set("state_json", state); // whole again, should the caller need the tree
            }
        }
    }

    private ObjectReader reader(Class<?> type, List<String> frames) {
        ObjectReader reader = readers.computeIfAbsent(type, mapper::readerFor);
        return frames.isEmpty() ? reader : reader.withAttribute(FramedString.FRAMES, frames);
    }

    /** A result read as a tree gets its views' frame references replaced by the strings (as protocol 1 sent them). */
    private static JsonNode inlineFrames(JsonNode result, List<String> frames) {
        if (result == null || frames.isEmpty()) {
            return result;
        }
        for (JsonNode view : result.path("views")) {
            for (String field : new String[] {"text", "vis_html"}) {
                JsonNode ref = view.get(field);
                if (ref != null && ref.isInt() && ref.intValue() >= 0 && ref.intValue() < frames.size()
                        && view instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                    o.put(field, frames.get(ref.intValue()));
                }
            }
        }
        return result;
    }

    /**
     * Reads the string frame announced by {@code header} ({@code =<byte length>}) and returns the
     * frames so far with it appended; a malformed header or frames of one response over the line
     * limit fail the worker, as any protocol break does.
     */
    private List<String> readFrame(LineReader.Line header, List<String> frames) throws IOException, WorkerFailure {
        long size = announcedSize(header);
        // Frames of one response together stay under the line limit (counted in characters here).
        long total = size + framedChars(frames);
        if (size < 0 || total > MAX_LINE_BYTES) {
            throw protocolBroken(WorkerFailure.CRASHED, "the worker broke the protocol (a bad string frame: "
                    + preview(header) + "); it was stopped and restarted");
        }
        List<String> out = frames.isEmpty() ? new ArrayList<>() : frames;
        out.add(lines.nextString((int) size));
        return out;
    }

    private static long framedChars(List<String> frames) {
        long n = 0;
        for (String f : frames) {
            n += f.length();
        }
        return n;
    }

    /** The byte length a frame or record header ({@code =123}, {@code #123}) announces, or -1 when malformed or over the line limit. */
    private static long announcedSize(LineReader.Line header) {
        if (header.length() < 2) {
            return -1;
        }
        long size = 0;
        for (int i = 1; i < header.length(); i++) {
            byte b = header.bytes()[header.offset() + i];
            if (b < '0' || b > '9' || size > MAX_LINE_BYTES) {
                return -1;
            }
            size = size * 10 + (b - '0');
        }
        return size > MAX_LINE_BYTES ? -1 : size;
    }

    /** The worker's output ended during an exchange: the failure to report (a missed deadline or stop, if that was the cause). */
    private WorkerFailure endOfOutput() {
        WorkerFailure f = failure;
        if (f != null) {
            return f;
        }
        if (stopping) {
            return fail(WorkerFailure.CRASHED, "the worker was stopped");
        }
        f = fail(WorkerFailure.CRASHED, deathMessage());
        reportDeath(f);
        return f;
    }

    /** The process has exited (between calls, or during one: then the caller reports the same failure). */
    private void onExit() {
        if (stopping) {
            fail(WorkerFailure.CRASHED, "the worker was stopped");
            return;
        }
        reportDeath(failure != null ? failure : fail(WorkerFailure.CRASHED, deathMessage()));
    }

    /** How the worker ended, with its last words on stderr. */
    private String deathMessage() {
        Integer exit = null;
        try {
            if (process.waitFor(1, TimeUnit.SECONDS)) {
                exit = process.exitValue();
                // Its last words may still be in the pipe; a busy machine schedules the drain late.
                stderrDrain.join(java.time.Duration.ofMillis(500));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String how = exit == null ? "closed its output" : exit > 128 ? "was killed by signal " + (exit - 128)
                : "exited with code " + exit;
        String tail = stderrTail.text().strip();
        return "the game's worker process " + how + " unexpectedly; it was restarted"
                + (tail.isEmpty() ? "" : ". Last output: " + lastLines(tail, 3));
    }

    /** Tells the owner (once) that this worker died without being asked to stop. */
    private void reportDeath(WorkerFailure f) {
        if (stopping || !deathReported.compareAndSet(false, true)) {
            return;
        }
        log.warn("game-host worker {} (pid {}) failed: {}", label, process.pid(), f.getMessage());
        try {
            onUnexpectedDeath.accept(this);
        } catch (RuntimeException e) {
            log.error("recovery of worker {} could not be scheduled", label, e);
        }
    }

    private void drainStderr() {
        byte[] buf = new byte[8192];
        try (InputStream err = process.getErrorStream()) {
            int n;
            while ((n = err.read(buf)) > 0) {
                stderrTail.append(buf, n);
                if (log.isDebugEnabled()) {
                    log.debug("worker {} stderr: {}", label, new String(buf, 0, n, StandardCharsets.UTF_8).strip());
                }
            }
        } catch (IOException ignored) {
            // the worker is gone
        }
    }

    /** The last lines the worker wrote to stderr (for error messages and the admin). */
    String stderrTail() {
        return stderrTail.text();
    }

    private static String preview(LineReader.Line line) {
        String s = new String(line.bytes(), line.offset(), Math.min(line.length(), 200), StandardCharsets.UTF_8);
        return '"' + s.replace("\n", " ") + (line.length() > 200 ? "..." : "") + '"';
    }

    private static String lastLines(String text, int n) {
        String[] lines = text.split("\n");
        int from = Math.max(0, lines.length - n);
        return String.join(" | ", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }

    /** Keeps the last bytes a worker wrote to stderr, for messages about why it died. */
    private static final class StderrTail {
        private final byte[] ring;
        private int end;
        private boolean wrapped;

        StderrTail(int size) {
            ring = new byte[size];
        }

        synchronized void append(byte[] b, int n) {
            for (int i = Math.max(0, n - ring.length); i < n; i++) {
                ring[end] = b[i];
                end = (end + 1) % ring.length;
                if (end == 0) {
                    wrapped = true;
                }
            }
        }

        synchronized String text() {
            byte[] out;
            if (!wrapped) {
                out = java.util.Arrays.copyOf(ring, end);
            } else {
                out = new byte[ring.length];
                System.arraycopy(ring, end, out, 0, ring.length - end);
                System.arraycopy(ring, 0, out, ring.length - end, end);
            }
            return new String(out, StandardCharsets.UTF_8);
        }
    }
}
