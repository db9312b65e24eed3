package org.wsz6.play.research;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.wsz6.contract.v1.ResearchEventPage;
import org.wsz6.contract.v1.ResearchSession;
import org.wsz6.play.gamehost.GameDescription;
import org.wsz6.play.gdm.CanonicalJson;
import org.wsz6.play.gdm.GdmTime;
import org.wsz6.play.gdm.LogEvent;
import org.wsz6.play.session.GameCatalog;
import org.wsz6.play.session.Participant;
import org.wsz6.play.session.SessionStore;

/**
 * Read-only research queries over GDM. Logs are read in bounded seq windows (see {@link #rows}),
 * never all at once, so a play-through of a million events streams in constant memory on H2 and
 * on PostgreSQL alike.
 */
@Service
public class ResearchReader {

    /** Rows fetched per round trip while streaming a whole log. */
    static final int STREAM_PAGE = 500;
    public static final int MAX_PAGE = 1000;

    private final JdbcClient jdbc;
    private final SessionStore store;
    private final GameCatalog catalog;
    private final Pseudonyms pseudonyms;
    private final GameVersionHash versionHash;

    public ResearchReader(@Qualifier("gdmJdbc") JdbcClient jdbc, SessionStore store, GameCatalog catalog,
                          Pseudonyms pseudonyms, GameVersionHash versionHash) {
        this.jdbc = jdbc;
        this.store = store;
        this.catalog = catalog;
        this.pseudonyms = pseudonyms;
        this.versionHash = versionHash;
    }

    public Optional<ResearchSession> session(String sessionId) {
        return store.session(sessionId).map(stored -> {
            var info = stored.info();
            List<GameDescription.Role> roles = roles(info.gameFolder());
            List<ResearchSession.Participant> participants = store.participants(sessionId).stream()
                    .map(p -> participant(p, roles)).toList();
            List<ResearchSession.Playthrough> playthroughs = store.playthroughs(sessionId).stream()
                    .map(pt -> new ResearchSession.Playthrough(pt.id(), pt.ordinal(), pt.parentPlaythroughId(), pt.seed(),
                            pt.status(), pt.steps(), pt.goalReached(), pt.goalMessage(), pt.winners(), pt.draw(),
                            pt.startedAt(), pt.endedAt(), countEvents(pt.id())))
                    .toList();
            return new ResearchSession(info.id(), info.parentSessionId(), parentChain(info.parentSessionId()),
                    info.gameSlug(), info.gameVersion(), info.gameTitle(), versionHash.of(info.gameFolder()), info.owner(),
                    info.createdAt(), stored.endedAt(), stored.phase().wire(), info.debug(), participants, playthroughs,
                    artifacts(sessionId));
        });
    }

    /** The sessions this one continues, nearest first (stops at a missing link or a loop). */
    List<String> parentChain(String parentId) {
        List<String> chain = new ArrayList<>();
        String next = parentId;
        while (next != null && !chain.contains(next) && chain.size() < 100) {
            chain.add(next);
            next = store.session(next).map(s -> s.info().parentSessionId()).orElse(null);
        }
        return chain;
    }

    private ResearchSession.Participant participant(Participant p, List<GameDescription.Role> roles) {
        List<String> names = p.roles().stream()
                .map(r -> roles.stream().filter(role -> role.index() == r).map(GameDescription.Role::name)
                        .findFirst().orElse("Role " + r))
                .toList();
        return new ResearchSession.Participant(p.id(), pseudonyms.of(p.id()), p.name(), p.kind().wire(), p.botKind(),
                p.owner(), p.roles(), names, p.removed());
    }

    /** The game's roles, or none when the game can no longer be loaded (names then fall back to numbers). */
    public List<GameDescription.Role> roles(java.nio.file.Path folder) {
        try {
            GameDescription d = catalog.describe(folder);
            return d.roles() == null ? List.of() : d.roles();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    long countEvents(String playthroughId) {
        return jdbc.sql("SELECT COUNT(*) FROM events WHERE playthrough_id = ?").param(playthroughId)
                .query(Long.class).single();
    }

    List<ResearchSession.Artifact> artifacts(String sessionId) {
        return jdbc.sql("""
                        SELECT id, playthrough_id, path, version, step, sha256, size_bytes, created_at
                        FROM artifacts WHERE session_id = ? ORDER BY playthrough_id, path, version""")
                .param(sessionId)
                .query((rs, n) -> new ResearchSession.Artifact(rs.getLong("id"), rs.getString("playthrough_id"),
                        rs.getString("path"), rs.getInt("version"), rs.getInt("step"), rs.getString("sha256"),
                        rs.getLong("size_bytes"), GdmTime.instant(rs, "created_at")))
                .list();
    }

    /** An artifact's name and bytes, streamed from the database. */
    public record ArtifactContent(String path, long size, InputStream content) {
    }

    public <T> Optional<T> withArtifact(long id, java.util.function.Function<ArtifactContent, T> use) {
        return jdbc.sql("SELECT path, size_bytes, content FROM artifacts WHERE id = ?").param(id)
                .query((rs, n) -> use.apply(new ArtifactContent(rs.getString("path"), rs.getLong("size_bytes"),
                        rs.getBinaryStream("content"))))
                .optional();
    }

    public boolean playthroughExists(String playthroughId) {
        return store.playthrough(playthroughId).isPresent();
    }

    /**
     * One page of raw log rows of a play-through, seq greater than {@code after}, at most {@code limit}.
     * Read in bounded seq windows ({@code seq > lo AND seq <= hi}) rather than {@code seq > after ORDER BY
     * seq LIMIT n}: H2 answers the open-ended form (and MIN(seq) over it) by scanning every later row
     * of the play-through, which makes paging through a long log quadratic. A window is an index
     * range scan on both databases, and holds at most {@code limit} rows because seq is unique per
     * session. Windows over seqs of other play-throughs come back short or empty; the loop goes on
     * until the page is full or the play-through's last seq is passed.
     */
    public List<LogEvent> rows(String playthroughId, long after, int limit) {
        return rows(playthroughId, after, limit, lastSeq(playthroughId));
    }

    private List<LogEvent> rows(String playthroughId, long after, int limit, long lastSeq) {
        List<LogEvent> page = new ArrayList<>(Math.min(limit, STREAM_PAGE));
        long lo = after;
        while (page.size() < limit && lo < lastSeq) {
            long hi = lo + (limit - page.size());
            page.addAll(window(playthroughId, lo, hi));
            lo = hi;
        }
        return page;
    }

    /** The highest seq of the play-through (0 when it has no events); one index scan. */
    private long lastSeq(String playthroughId) {
        Long max = jdbc.sql("SELECT MAX(seq) FROM events WHERE playthrough_id = ?").param(playthroughId)
                .query(Long.class).optional().orElse(null);
        return max == null ? 0 : max;
    }

    private List<LogEvent> window(String playthroughId, long after, long upTo) {
        return jdbc.sql("SELECT * FROM events WHERE playthrough_id = ? AND seq > ? AND seq <= ? ORDER BY seq")
                .params(playthroughId, after, upTo)
                .query((rs, n) -> new LogEvent(rs.getString("session_id"), rs.getLong("seq"), rs.getString("playthrough_id"),
                        rs.getString("type"), (Integer) rs.getObject("step", Integer.class),
                        (Integer) rs.getObject("role", Integer.class), rs.getString("participant_id"),
                        rs.getString("payload"), rs.getString("state_json"), rs.getString("snapshot"),
                        rs.getString("created_at"), rs.getString("prev_hash"), rs.getString("hash")))
                .list();
    }

    /** Calls {@code each} for every event of the play-through in order, one page in memory at a time. */
    public void forEachEvent(String playthroughId, Consumer<LogEvent> each) {
        long after = 0;
        long lastSeq = lastSeq(playthroughId);
        while (true) {
            List<LogEvent> page = rows(playthroughId, after, STREAM_PAGE, lastSeq);
            page.forEach(each);
            if (page.size() < STREAM_PAGE) {
                return;
            }
            after = page.get(page.size() - 1).seq();
        }
    }

    public ResearchEventPage page(String playthroughId, long after, int limit) {
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        List<LogEvent> rows = rows(playthroughId, after, size);
        String sessionId = rows.isEmpty() ? store.playthrough(playthroughId).map(SessionStore.StoredPlaythrough::sessionId).orElse(null)
                : rows.get(0).sessionId();
        Long next = rows.size() < size ? null : rows.get(rows.size() - 1).seq();
        return new ResearchEventPage(sessionId, playthroughId, rows.stream().map(this::event).toList(), next);
    }

    /**
     * The page starting at the {@code index}-th event (0-based) of the play-through: the replay
     * viewer's slider addresses events by position. Found by OFFSET, which is fine for a viewer.
     */
    public ResearchEventPage pageAt(String playthroughId, long index, int limit) {
        Long before = jdbc.sql("SELECT seq FROM events WHERE playthrough_id = ? ORDER BY seq LIMIT 1 OFFSET ?")
                .params(playthroughId, index).query(Long.class).optional().orElse(null);
        if (before == null) {
            return new ResearchEventPage(store.playthrough(playthroughId).map(SessionStore.StoredPlaythrough::sessionId)
                    .orElse(null), playthroughId, List.of(), null);
        }
        return page(playthroughId, before - 1, limit);
    }

    public ResearchEventPage.Event event(LogEvent e) {
        JsonNode payload = CanonicalJson.read(e.payload());
        Map<String, Object> payloadMap = CanonicalJson.MAPPER.convertValue(payload, new TypeReference<>() { });
        JsonNode args = payload.get("args");
        List<Object> argList = args == null || args.isNull() ? null
                : CanonicalJson.MAPPER.convertValue(args, new TypeReference<List<Object>>() { });
        Object state = e.stateJson() == null ? null : CanonicalJson.MAPPER.convertValue(CanonicalJson.read(e.stateJson()), Object.class);
        return new ResearchEventPage.Event(e.seq(), e.createdAt(), e.type(), e.step(), e.role(), pseudonyms.of(e.participantId()),
                payload.hasNonNull("op_index") ? payload.get("op_index").asInt() : null,
                text(payload, "op_name"), argList, text(payload, "transition"), payloadMap, state, e.hash(), e.prevHash());
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
