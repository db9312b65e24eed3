package org.wsz6.play.session;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.wsz6.play.gamehost.GameHost;
import org.wsz6.play.gamehost.StepResult;
import org.wsz6.play.gdm.CanonicalJson;
import org.wsz6.play.gdm.EventLog;
import org.wsz6.play.gdm.LogEvent;

/**
 * Rebuilds a play-through from its log alone — seed, config, then every logged move by role,
 * operator and arguments — in a fresh play-through of the game host, and compares each resulting
 * state with the logged one. Proves the log is replay-complete (and that the game is deterministic
 * under the logged seeds).
 */
@Service
public class PlaythroughReplayer {

    private final EventLog eventLog;
    private final SessionStore store;
    private final GameCatalog catalog;

    public PlaythroughReplayer(EventLog eventLog, SessionStore store, GameCatalog catalog) {
        this.eventLog = eventLog;
        this.store = store;
        this.catalog = catalog;
    }

    /** {@code mismatches} is empty when every logged state was reproduced exactly. */
    public record Replay(String playthroughId, int stepsReplayed, List<String> mismatches) {
        public boolean exact() {
            return mismatches.isEmpty();
        }
    }

    public Replay replay(String playthroughId) {
        SessionStore.StoredPlaythrough pt = store.playthrough(playthroughId)
                .orElseThrow(() -> new IllegalArgumentException("no play-through " + playthroughId));
        SessionInfo session = store.session(pt.sessionId()).orElseThrow().info();
        GameHost host = catalog.host();
        String replayId = "replay-" + Tokens.newId();
        List<String> mismatches = new ArrayList<>();
        int steps = 0;
        try {
            for (LogEvent e : eventLog.playthroughEvents(playthroughId)) {
                StepResult r;
                switch (e.type()) {
                    case "start" -> r = host.start(session.gameFolder(), replayId, pt.seed(), pt.config(), session.assetsBaseUrl());
                    case "continued" -> r = host.restore(session.gameFolder(), replayId, e.snapshot(), pt.seed(), e.step(),
                            pt.config(), session.assetsBaseUrl());
                    case "move", "timeout_move" -> {
                        JsonNode payload = CanonicalJson.read(e.payload());
                        List<Object> args = CanonicalJson.MAPPER.convertValue(payload.path("args"),
                                new TypeReference<List<Object>>() { });
                        r = host.apply(replayId, e.role(), payload.path("op_index").asInt(), args);
                    }
                    // An undo restores the logged snapshot of the state it went back to; compare that.
                    case "undo" -> r = host.restore(session.gameFolder(), replayId, e.snapshot(), pt.seed(), e.step(),
                            pt.config(), session.assetsBaseUrl());
                    default -> {
                        continue;
                    }
                }
                steps++;
                String replayed = CanonicalJson.write(r.stateJson());
                if (r.step() != e.step()) {
                    mismatches.add("event " + e.seq() + " (" + e.type() + "): step " + r.step() + " instead of " + e.step());
                } else if (!replayed.equals(e.stateJson())) {
                    mismatches.add("event " + e.seq() + " (" + e.type() + ", step " + e.step() + "): state " + replayed
                            + " instead of " + e.stateJson());
                }
            }
        } finally {
            try {
                host.close(replayId);
            } catch (RuntimeException ignored) {
                // never started
            }
        }
        return new Replay(playthroughId, steps, mismatches);
    }

    /** Every play-through that reached its goal or was ended, in this GDM. */
    public List<String> finishedPlaythroughs() {
        return store.finishedPlaythroughIds();
    }
}
