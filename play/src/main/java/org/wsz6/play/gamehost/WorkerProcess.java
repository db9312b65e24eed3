package org.wsz6.play.gamehost;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DatabindException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Python worker and the line-delimited JSON conversation with it (protocol 2: a
 * response line may be preceded by raw string frames it refers to).
 *
 * <p>One reader thread per worker reads every line the worker writes, checks that it is JSON and
 * hands it to the caller waiting for that id. Callers are serialized by the owner (one call at a
 * time), so at most one request is pending. Anything unexpected (a line that is not JSON, an
 * unknown id, end of output, a missed deadline) kills the whole process tree: a worker is either
 * fully trusted to be in step with us or gone.
 */
final class WorkerProcess {

    private static final Logger log = LoggerFactory.getLogger(WorkerProcess.class);
    /** The protocol's limit on one line (docs/gamehost-protocol.md). */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;
    /** First byte of a string frame header line (protocol 2). */
    private static final byte FRAME_MARK = '=';
    private static final int STDERR_TAIL_BYTES = 4096;

    private final Process process;
    private final String label;
    private final ObjectMapper mapper;
    private final OutputStream stdin;
    private final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
    private final Consumer<WorkerProcess> onUnexpectedDeath;
    private final StderrTail stderrTail = new StderrTail(STDERR_TAIL_BYTES);
    private final Thread stderrDrain;

    /** Readers by result type, each with its deserializers looked up once (used by the reader thread only). */
    private final Map<Class<?>, ObjectReader> readers = new HashMap<>();

    private long nextId = 1;
    private volatile Pending pending;
    /** Why this worker is unusable, or null while it is healthy. */
    private volatile WorkerFailure failure;
    private volatile boolean stopping;

    private record Pending(long id, Class<?> resultType, CompletableFuture<WorkerResponse> response) { }

    WorkerProcess(Process process, String label, ObjectMapper mapper, Consumer<WorkerProcess> onUnexpectedDeath) {
        this.process = process;
        this.label = label;
        this.mapper = mapper;
        this.stdin = process.getOutputStream();
        this.onUnexpectedDeath = onUnexpectedDeath;
        Thread reader = new Thread(this::readLoop, "gamehost-reader-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        this.stderrDrain = Thread.ofVirtual().name("gamehost-stderr-" + process.pid()).start(this::drainStderr);
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
        try {
            return ready.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw fail(WorkerFailure.UNAVAILABLE, "the worker did not start within " + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw asFailure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(WorkerFailure.UNAVAILABLE, "interrupted while waiting for the worker to start");
        }
    }

    /**
     * Sends one request and waits for its response ({@code ok} true or false). The reader thread
     * binds {@code result} straight to {@code resultType} while parsing (one pass over the bytes,
     * no intermediate tree). A missed deadline kills the worker.
     */
    WorkerResponse call(ObjectNode request, Class<?> resultType, Duration deadline) throws WorkerFailure {
        WorkerFailure dead = failure;
        if (dead != null) {
            throw dead;
        }
        long id = nextId++;
        request.put("id", id);
        CompletableFuture<WorkerResponse> response = new CompletableFuture<>();
        pending = new Pending(id, resultType, response);
        try {
            byte[] line = mapper.writeValueAsBytes(request);
            if (line.length >= MAX_LINE_BYTES) {
                pending = null;
                throw new WorkerFailure("bad_request", "the request is larger than the protocol's 16 MiB line limit");
            }
            // One write and one flush per request: the worker must see it now, not when a buffer fills.
            byte[] framed = new byte[line.length + 1];
            System.arraycopy(line, 0, framed, 0, line.length);
            framed[line.length] = '\n';
            stdin.write(framed);
            stdin.flush();
        } catch (IOException e) {
            // The worker closed its input: it is gone. The reader reports the exit with details.
            awaitQuietly(response, 500);
            throw failureOr(WorkerFailure.CRASHED, "the worker stopped reading requests (" + e.getMessage() + ")");
        }
        try {
            return response.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw fail(WorkerFailure.TIMEOUT, "the game did not answer within " + deadline.toMillis()
                    + " ms; its worker was stopped and restarted");
        } catch (ExecutionException e) {
            throw asFailure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // We cannot tell whether the worker is still in step with us: it has to go.
            throw fail(WorkerFailure.CRASHED, "interrupted while waiting for the worker");
        } finally {
            pending = null;
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
     * Marks the worker failed, kills its whole process tree and wakes any waiting caller. The
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
        killTree();
        Pending p = pending;
        if (p != null) {
            p.response.completeExceptionally(f);
        }
        ready.completeExceptionally(f);
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

    private void readLoop() {
        LineReader lines = new LineReader(process.getInputStream(), MAX_LINE_BYTES);
        List<String> frames = List.of(); // string frames of the response being read
        try {
            while (true) {
                LineReader.Line line = lines.next();
                if (line == null) {
                    onEndOfOutput();
                    return;
                }
                if (!ready.isDone()) {
                    JsonNode node = parseReady(line);
                    if (node == null) {
                        return;
                    }
                    ready.complete(node);
                    continue;
                }
                if (line.length() > 0 && line.bytes()[line.offset()] == FRAME_MARK) {
                    frames = readFrame(lines, line, frames);
                    if (frames == null) {
                        return;
                    }
                    continue;
                }
                Pending p = pending;
                WorkerResponse response;
                List<String> framesOfThisResponse = frames;
                frames = List.of();
                try {
                    response = parseResponse(line, p == null ? JsonNode.class : p.resultType, framesOfThisResponse);
                } catch (IOException e) {
                    reportDeath(fail(WorkerFailure.CRASHED, "the worker broke the protocol (a line that is not JSON: "
                            + preview(line) + "); it was stopped and restarted"));
                    return;
                }
                if (p == null || p.id != response.id()) {
                    reportDeath(fail(WorkerFailure.CRASHED, "the worker broke the protocol (an answer with id "
                            + response.id() + " nobody asked for); it was stopped and restarted"));
                    return;
                }
                p.response.complete(response);
            }
        } catch (LineReader.LineTooLong e) {
            reportDeath(fail(WorkerFailure.CRASHED, "the worker broke the protocol (a line longer than 16 MiB); "
                    + "it was stopped and restarted"));
        } catch (IOException e) {
            onEndOfOutput();
        }
    }

    /** The first line, which must be {@code ready}; null (and the worker failed) otherwise. */
    private JsonNode parseReady(LineReader.Line line) {
        JsonNode node = null;
        try {
            node = mapper.readTree(line.bytes(), line.offset(), line.length());
        } catch (IOException e) {
            // reported below
        }
        if (node == null || !"ready".equals(node.path("type").asText())) {
            reportDeath(fail(WorkerFailure.UNAVAILABLE, "the worker's first line was not 'ready': " + preview(line)));
            return null;
        }
        return node;
    }

    /**
     * Reads {@code {"id":..,"ok":..,"result":..|"error":..}} in one streaming pass. Malformed JSON
     * throws (the worker is then killed); a result that is valid JSON but does not fit
     * {@code resultType} comes back as a JsonNode so the caller can say what was wrong.
     */
    private WorkerResponse parseResponse(LineReader.Line line, Class<?> resultType, List<String> frames) throws IOException {
        try (JsonParser parser = mapper.getFactory().createParser(line.bytes(), line.offset(), line.length())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(parser, "a response must be a JSON object");
            }
            long id = -1;
            boolean ok = false;
            Object result = null;
            JsonNode error = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "id" -> id = parser.getValueAsLong(-1);
                    case "ok" -> ok = parser.getValueAsBoolean();
                    case "result" -> result = bind(parser, resultType, frames);
                    case "error" -> error = mapper.readTree(parser);
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "text after the response object");
            }
            return new WorkerResponse(id, ok, result, error);
        } catch (DatabindException e) {
            // Valid JSON of the wrong shape: keep the worker, hand the caller the tree.
            JsonNode node = mapper.readTree(line.bytes(), line.offset(), line.length());
            return new WorkerResponse(node.path("id").asLong(-1), node.path("ok").asBoolean(false),
                    inlineFrames(node.get("result"), frames), node.get("error"));
        }
    }

    private Object bind(JsonParser parser, Class<?> type, List<String> frames) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (type == JsonNode.class) {
            return inlineFrames(mapper.readTree(parser), frames);
        }
        if (frames.isEmpty()) {
            return mapper.readValue(parser, type);
        }
        return readers.computeIfAbsent(type, mapper::readerFor).withAttribute(FramedString.FRAMES, frames).readValue(parser);
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
     * frames so far with it appended; null when the header is malformed or the frames of one
     * response exceed the line limit (the worker is then failed, as for any protocol break).
     */
    private List<String> readFrame(LineReader lines, LineReader.Line header, List<String> frames) throws IOException {
        long size = 0;
        int digits = header.length() - 1;
        for (int i = 1; i < header.length(); i++) {
            byte b = header.bytes()[header.offset() + i];
            size = b >= '0' && b <= '9' && size <= MAX_LINE_BYTES ? size * 10 + (b - '0') : -1;
            if (size < 0) {
                break;
            }
        }
        // Frames of one response together stay under the line limit (counted in characters here).
        long total = size + frames.stream().mapToLong(String::length).sum();
        if (digits == 0 || size < 0 || total > MAX_LINE_BYTES) {
            reportDeath(fail(WorkerFailure.CRASHED, "the worker broke the protocol (a bad string frame: "
                    + preview(header) + "); it was stopped and restarted"));
            return null;
        }
        List<String> out = frames.isEmpty() ? new ArrayList<>() : frames;
        out.add(lines.nextString((int) size));
        return out;
    }

    private void onEndOfOutput() {
        if (stopping) {
            fail(WorkerFailure.CRASHED, "the worker was stopped");
            return;
        }
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
        String message = "the game's worker process " + how + " unexpectedly; it was restarted"
                + (tail.isEmpty() ? "" : ". Last output: " + lastLines(tail, 3));
        reportDeath(fail(WorkerFailure.CRASHED, message));
    }

    private void reportDeath(WorkerFailure f) {
        if (stopping) {
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

    private WorkerFailure asFailure(Throwable cause) {
        if (cause instanceof WorkerFailure f) {
            return f;
        }
        return fail(WorkerFailure.CRASHED, "the worker failed: " + cause);
    }

    private WorkerFailure failureOr(String code, String message) {
        WorkerFailure f = failure;
        return f != null ? f : fail(code, message);
    }

    private static void awaitQuietly(CompletableFuture<?> future, long millis) {
        try {
            future.get(millis, TimeUnit.MILLISECONDS);
        } catch (Exception ignored) {
            // only waiting for the reader to notice the exit
        }
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
