package org.wsz6.play.research;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.stereotype.Service;
import org.wsz6.play.gdm.CanonicalJson;
import org.wsz6.play.gdm.LogEvent;
import org.wsz6.play.session.SessionStore;

/**
 * Writes a play-through's log as JSONL (the seed plan's shape) or as a flat CSV of moves, event by
 * event straight to the output: the stored state text is copied, not parsed, so memory stays flat
 * however long the log is.
 */
@Service
public class LogExport {

    public static final List<String> CSV_COLUMNS = List.of("session_id", "playthrough_id", "seq", "t", "event", "step",
            "role", "player", "op_index", "op_name", "args", "transition", "seed", "game_slug", "game_version",
            "game_version_hash", "hash");

    private final ResearchReader reader;
    private final SessionStore store;
    private final Pseudonyms pseudonyms;
    private final GameVersionHash versionHash;

    public LogExport(ResearchReader reader, SessionStore store, Pseudonyms pseudonyms, GameVersionHash versionHash) {
        this.reader = reader;
        this.store = store;
        this.pseudonyms = pseudonyms;
        this.versionHash = versionHash;
    }

    /**
     * One JSON object per line: {@code t, event, step, op_index, args, state} as in the seed plan,
     * plus {@code seq, role, player, seed, transition, hash, prev_hash}.
     */
    public void writeJsonl(String playthroughId, OutputStream out) throws IOException {
        JsonGenerator json = CanonicalJson.MAPPER.getFactory().createGenerator(out);
        json.setRootValueSeparator(null);
        try {
            reader.forEachEvent(playthroughId, e -> {
                try {
                    writeJsonLine(json, e);
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        json.flush();
    }

    private void writeJsonLine(JsonGenerator json, LogEvent e) throws IOException {
        JsonNode payload = CanonicalJson.read(e.payload());
        json.writeStartObject();
        json.writeStringField("t", e.createdAt());
        json.writeStringField("event", e.type());
        writeNumberOrNull(json, "step", e.step());
        json.writeFieldName("op_index");
        json.writeTree(payload.get("op_index"));
        json.writeFieldName("args");
        json.writeTree(payload.get("args"));
        json.writeFieldName("state");
        if (e.stateJson() == null) {
            json.writeNull();
        } else {
            json.writeRawValue(e.stateJson());
        }
        json.writeNumberField("seq", e.seq());
        writeNumberOrNull(json, "role", e.role());
        json.writeStringField("player", pseudonyms.of(e.participantId()));
        json.writeFieldName("seed");
        json.writeTree(payload.has("step_seed") ? payload.get("step_seed") : payload.get("seed"));
        json.writeFieldName("transition");
        json.writeTree(payload.get("transition"));
        json.writeStringField("hash", e.hash());
        json.writeStringField("prev_hash", e.prevHash());
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private static void writeNumberOrNull(JsonGenerator json, String field, Integer value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value);
        }
    }

    /** One row per event; players as pseudonyms; the game version's hash on every row. */
    public void writeCsv(String playthroughId, boolean header, OutputStream out) throws IOException {
        SessionStore.StoredPlaythrough pt = store.playthrough(playthroughId).orElseThrow();
        var info = store.session(pt.sessionId()).orElseThrow().info();
        String hash = versionHash.of(info.gameFolder());
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        if (header) {
            w.write(String.join(",", CSV_COLUMNS));
            w.write("\r\n");
        }
        try {
            reader.forEachEvent(playthroughId, e -> {
                JsonNode p = CanonicalJson.read(e.payload());
                try {
                    row(w, e.sessionId(), e.playthroughId(), Long.toString(e.seq()), e.createdAt(), e.type(),
                            str(e.step()), str(e.role()), pseudonyms.of(e.participantId()), text(p.get("op_index")),
                            text(p.get("op_name")), p.has("args") ? p.get("args").toString() : null,
                            text(p.get("transition")),
                            text(p.has("step_seed") ? p.get("step_seed") : p.get("seed")), info.gameSlug(),
                            info.gameVersion(), hash, e.hash());
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        w.flush();
    }

    private static void row(Writer w, String... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(csvCell(cells[i]));
        }
        w.write("\r\n");
    }

    /** RFC 4180: quote a cell holding a comma, quote or line break; double the quotes inside. */
    static String csvCell(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static String str(Integer v) {
        return v == null ? null : v.toString();
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() ? null : v.asText();
    }
}
