package org.wsz6.play.research;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.wsz6.play.gamehost.GameHost;
import org.wsz6.play.gdm.CanonicalJson;
import org.wsz6.play.gdm.EventLog;
import org.wsz6.play.gdm.GdmTestDatabase;
import org.wsz6.play.gdm.GdmTime;
import org.wsz6.play.gdm.NewEvent;
import org.wsz6.play.session.GameCatalog;
import org.wsz6.play.session.SessionStore;

/** Writes sessions with long logs straight into a GDM (no game, no server) and builds the research services over it. */
final class ResearchLogFixture {

    final GdmTestDatabase db;
    final SessionStore store;
    final Pseudonyms pseudonyms = new Pseudonyms("test-key".getBytes());
    final ResearchReader reader;
    final LogExport export;

    ResearchLogFixture(GdmTestDatabase db) {
        this.db = db;
        this.store = new SessionStore(db.jdbc);
        ObjectProvider<GameHost> noHost = new StaticListableBeanFactory().getBeanProvider(GameHost.class);
        GameCatalog catalog = new GameCatalog(noHost);
        GameVersionHash hash = new GameVersionHash();
        this.reader = new ResearchReader(db.jdbc, store, catalog, pseudonyms, hash);
        this.export = new LogExport(reader, store, pseudonyms, hash);
    }

    /**
     * Like {@link #sessionWithMoves} but written with JDBC batches, for the million-event benchmark:
     * the hashes are chained but not the log's real ones (the export does not verify; generating a
     * verified million-event chain through EventLog takes far longer than the export it sets up).
     */
    String bulkSessionWithMoves(int moves) throws java.sql.SQLException {
        String pt = sessionWithMoves(0, 1);
        String session = store.playthrough(pt).orElseThrow().sessionId();
        String now = Instant.now().toString();
        try (java.sql.Connection c = db.dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (java.sql.PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO events (session_id, seq, playthrough_id, type, step, role, participant_id, payload,
                                        state_json, snapshot, created_at, prev_hash, hash)
                    VALUES (?, ?, ?, 'move', ?, 0, ?, ?, ?, NULL, ?, ?, ?)""")) {
                String prev = "0".repeat(64);
                for (int step = 1; step <= moves; step++) {
                    String hash = String.format("%064x", step);
                    insert.setString(1, session);
                    insert.setLong(2, step + 1L);
                    insert.setString(3, pt);
                    insert.setInt(4, step);
                    insert.setString(5, "pa" + session);
                    insert.setString(6, "{\"args\":[" + (step % 7) + "],\"op_index\":0,\"op_name\":\"Add 1\",\"step_seed\":"
                            + (1000 + step) + ",\"transition\":\"n is now " + step + "\"}");
                    insert.setString(7, "{\"history\":[" + (step - 1) + "," + step + "],\"n\":" + step + "}");
                    insert.setString(8, now);
                    insert.setString(9, prev);
                    insert.setString(10, hash);
                    insert.addBatch();
                    prev = hash;
                    if (step % 10_000 == 0 || step == moves) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
            }
        }
        return pt;
    }

    /** A session with one play-through of {@code moves} moves (plus a start event); returns the play-through id. */
    String sessionWithMoves(int moves, int batch) {
        String session = "s" + System.nanoTime();
        String pt = "pt" + System.nanoTime();
        Instant now = Instant.now();
        db.jdbc.sql("""
                INSERT INTO sessions (id, game_slug, game_version, game_title, game_folder, owner_json, options_json,
                    game_env_json, allow_network, debug, phase, invite_token, created_at, updated_at)
                VALUES (?, 'counting', '1', 'Counting', '/nonexistent/counting', '{}', '{}', '{}', FALSE, FALSE, 'ended', ?, ?, ?)""")
                .params(session, "inv" + session, GdmTime.db(now), GdmTime.db(now)).update();
        db.jdbc.sql("""
                INSERT INTO participants (id, session_id, name, kind, owner, roles_json, joined_at)
                VALUES (?, ?, 'Ann Example', 'guest', TRUE, '[0]', ?)""").params("pa" + session, session, GdmTime.db(now)).update();
        db.jdbc.sql("""
                INSERT INTO playthroughs (id, session_id, ordinal, seed, config_json, status, steps, started_at)
                VALUES (?, ?, 1, 42, '{}', 'playing', ?, ?)""").params(pt, session, moves, GdmTime.db(now)).update();
        EventLog log = db.eventLog();
        var cursor = new EventLog.AtomicCursor(log.cursor(session));
        log.appendOne(session, cursor, new NewEvent(pt, "start", 0, null, "pa" + session,
                Map.of("seed", 42, "step_seed", 42), CanonicalJson.read("{\"n\":0}"), "c25hcA=="));
        List<NewEvent> pending = new ArrayList<>(batch);
        for (int step = 1; step <= moves; step++) {
            pending.add(new NewEvent(pt, "move", step, 0, "pa" + session,
                    Map.of("op_index", 0, "op_name", "Add 1, then \"count\"", "args", List.of(step % 7),
                            "step_seed", 1000 + step, "transition", "n is now " + step),
                    CanonicalJson.read("{\"n\":" + step + ",\"history\":[" + (step - 1) + "," + step + "]}"), null));
            if (pending.size() == batch || step == moves) {
                log.append(session, cursor, pending, null);
                pending.clear();
            }
        }
        return pt;
    }
}
