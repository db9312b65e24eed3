package org.wsz6.admin.install;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.wsz6.admin.catalogue.GameDescription;
import org.wsz6.admin.catalogue.RolePreview;

/**
 * Reads and checks a game folder by running the game host's command-line tool in a subprocess:
 * {@code <python> -I <root>/gamehost/wsz6ctl.py describe|validate <folder> --json}. Game code never
 * runs in the portal's JVM; the tool sandboxes itself (docs/gamehost-protocol.md). Every run has a
 * deadline and a clean environment.
 */
@Component
public class GameHostCli {

    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final String python;
    private final Path root;
    private final Duration describeTimeout;
    private final Duration validateTimeout;

    public GameHostCli(@Value("${wsz6.python:python3}") String python, @Value("${wsz6.root:.}") String root,
                       @Value("${wsz6.install.describe-timeout-s:30}") int describeTimeout,
                       @Value("${wsz6.install.validate-timeout-s:120}") int validateTimeout) {
        this.python = python;
        this.root = Path.of(root).toAbsolutePath().normalize();
        this.describeTimeout = Duration.ofSeconds(describeTimeout);
        this.validateTimeout = Duration.ofSeconds(validateTimeout);
    }

    /** The game's metadata, or {@link InstallRefused} saying why the PFF does not load. */
    public GameDescription describe(Path folder) {
        Result result = run(List.of("describe", folder.toString(), "--json"), describeTimeout);
        JsonNode node = result.json();
        if (!result.ok() || node == null || node.has("error")) {
            throw new InstallRefused("The game's PFF failed to load: " + problem(result), result.detail());
        }
        JsonNode description = node.has("description") ? node.get("description") : node.has("result") ? node.get("result") : node;
        try {
            return JSON.treeToValue(description, GameDescription.class);
        } catch (IOException e) {
            throw new InstallRefused("The game host described the game in a form the portal cannot read: " + e.getMessage());
        }
    }

    /** Random playouts; a report for people, and whether they all went through. */
    public ValidationReport validate(Path folder, int playouts) {
        Result result = run(List.of("validate", folder.toString(), "--playouts", String.valueOf(playouts), "--json"),
                validateTimeout);
        JsonNode node = result.json();
        if (node == null || !node.has("playouts")) {
            return new ValidationReport(false, "Validation failed: " + problem(result), result.detail());
        }
        boolean ok = result.ok() && node.path("ok").asBoolean(false);
        String figures = String.format(java.util.Locale.ROOT,
                "%d random play-throughs in the sandbox (%s): %d reached a goal, %d dead ends, %d stopped at the step cap; "
                        + "%d moves, %d snapshot checks, %.1f s.",
                node.path("playouts").asInt(), node.path("sandbox").asText("?"), node.path("goals_reached").asInt(),
                node.path("dead_ends").asInt(), node.path("step_cap_reached").asInt(), node.path("steps").asInt(),
                node.path("snapshot_checks").asInt(), node.path("seconds").asDouble());
        StringBuilder details = new StringBuilder(figures);
        for (JsonNode fault : node.path("faults")) {
            details.append("\n\nFault ").append(faultText(fault));
            if (fault.hasNonNull("traceback")) {
                details.append("\n").append(fault.get("traceback").asText());
            }
        }
        JsonNode firstFault = node.path("faults").path(0);
        String summary = ok ? "Validation passed: " + figures
                : "Validation failed: " + (firstFault.isMissingNode() ? problem(result) : faultText(firstFault));
        return new ValidationReport(ok, summary, details.toString());
    }

    private static String faultText(JsonNode fault) {
        String where = fault.path("where").asText("");
        String file = fault.path("file").asText("");
        return (where.isEmpty() ? "" : where + ": ") + fault.path("message").asText(fault.path("code").asText("fault"))
                + (file.isEmpty() ? "" : " (" + file + (fault.has("line") ? ", line " + fault.get("line").asText() : "") + ")");
    }

    public record ValidationReport(boolean ok, String summary, String details) {
    }

    /**
     * Neither {@code describe} nor {@code validate} returns views, so this speaks the worker protocol
     * itself through the CLI's client module (same sandboxed worker): {@code describe}, then
     * {@code start} of one play-through with every role rendered. Prints {@code {"views": [...]}}.
     */
    private static final String PREVIEW_SCRIPT = """
            import json, sys
            sys.path.insert(0, sys.argv[1])
            from wsz6_gamehost.client import CallFailed, WorkerClient, WorkerDied
            try:
                with WorkerClient(sys.argv[2]) as worker:
                    d = worker.call("describe", config={})
                    names = {r["index"]: r["name"] for r in d["roles"]}
                    active = [r["index"] for r in d["roles"] if not r["observer"]]
                    step = worker.call("start", pt="preview", seed=1, config={}, base_url="", active_roles=active)
                print(json.dumps({"views": [{"role": v["role"], "roleName": names.get(v["role"], str(v["role"])),
                                             "text": v.get("text") or "", "visHtml": v.get("vis_html")} for v in step["views"]]}))
            except CallFailed as e:
                print(json.dumps({"error": e.error}))
                sys.exit(1)
            except WorkerDied as e:
                print(json.dumps({"error": {"code": "worker_crashed", "message": str(e)}}))
                sys.exit(1)
            """;

    /** The initial state as each role sees it, or {@link InstallRefused} saying why it could not be rendered. */
    public List<RolePreview> preview(Path folder) {
        Result result = run(List.of("-c", PREVIEW_SCRIPT, root.resolve("gamehost").toString(), folder.toString()),
                describeTimeout, false);
        JsonNode node = result.json();
        if (!result.ok() || node == null || !node.has("views")) {
            throw new InstallRefused("The game's first state could not be rendered: " + problem(result), result.detail());
        }
        List<RolePreview> views = new ArrayList<>();
        for (JsonNode v : node.get("views")) {
            views.add(new RolePreview(v.path("role").asInt(), v.path("roleName").asText(),
                    v.hasNonNull("visHtml") ? v.get("visHtml").asText() : null, v.path("text").asText("")));
        }
        return views;
    }

    private record Result(boolean ok, int exitCode, JsonNode json, String stdout, String stderr) {
        String detail() {
            String text = json != null ? json.toPrettyString() : stdout;
            if (!stderr.isBlank()) {
                text = text + (text.isBlank() ? "" : "\n\n") + stderr;
            }
            return text.length() > 20_000 ? text.substring(0, 20_000) + "\n…" : text;
        }
    }

    private static String problem(Result result) {
        JsonNode node = result.json();
        JsonNode error = node == null ? null : node.has("error") ? node.get("error") : null;
        if (error != null) {
            String message = error.isTextual() ? error.asText() : error.path("message").asText("unknown error");
            String file = error.path("file").asText("");
            String where = file.isEmpty() ? "" : " (" + file + (error.has("line") ? ", line " + error.get("line").asText() : "") + ")";
            return message + where;
        }
        if (node != null && node.has("message")) {
            return node.get("message").asText();
        }
        if (node != null && node.has("errors") && node.get("errors").size() > 0) {
            JsonNode first = node.get("errors").get(0);
            return first.isTextual() ? first.asText() : first.path("message").asText(first.toString());
        }
        String lastLine = result.stderr().strip();
        int cut = lastLine.lastIndexOf('\n');
        return lastLine.isEmpty() ? "the game host exited with code " + result.exitCode() : lastLine.substring(cut + 1);
    }

    private Result run(List<String> args, Duration timeout) {
        return run(args, timeout, true);
    }

    /** Runs {@code python -I [wsz6ctl.py] args...}; without the script the args start with {@code -c}. */
    private Result run(List<String> args, Duration timeout, boolean viaCli) {
        List<String> command = new ArrayList<>(List.of(python, "-I"));
        if (viaCli) {
            command.add(root.resolve("gamehost/wsz6ctl.py").toString());
        }
        command.addAll(args);
        Path out = null, err = null;
        try {
            out = Files.createTempFile("wsz6-gamehost", ".out");
            err = Files.createTempFile("wsz6-gamehost", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> env = builder.environment();
            env.clear(); // no portal secrets reach game code
            env.put("PATH", "/usr/bin:/bin");
            env.put("LANG", "C.UTF-8");
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new InstallRefused("The game host did not finish within " + timeout.toSeconds()
                        + " s; the game may loop forever while loading or playing.");
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            JsonNode json = null;
            try {
                json = stdout.isBlank() ? null : JSON.readTree(stdout);
            } catch (IOException notJson) {
                // leave json null: the raw output goes into the report
            }
            return new Result(process.exitValue() == 0, process.exitValue(), json, stdout, stderr);
        } catch (IOException e) {
            throw new InstallRefused("The game host could not be started (" + python + "): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstallRefused("Interrupted while the game host was checking the game.");
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file; the OS cleans it eventually
            }
        }
    }
}
