package org.wsz6.play.gdm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hash-chained log on both databases: append, verify, detect tampering, refuse a forked chain. */
class EventLogTest extends BothGdmDatabases {

    static String newSession(GdmTestDatabase db) {
        String id = "s" + System.nanoTime();
        db.jdbc.sql("""
                INSERT INTO sessions (id, game_slug, game_version, game_title, game_folder, owner_json, options_json,
                    game_env_json, allow_network, debug, phase, invite_token, created_at, updated_at)
                VALUES (?, 'g', '1', 'G', '/tmp/g', '{}', '{}', '{}', FALSE, FALSE, 'lobby', ?, ?, ?)""")
                .params(id, "h" + id, GdmTime.db(Instant.now()), GdmTime.db(Instant.now())).update();
        return id;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void appendedEventsFormAChainThatVerifies(String kind) {
        GdmTestDatabase db = db(kind);
        EventLog log = db.eventLog();
        String session = newSession(db);
        var cursor = new EventLog.AtomicCursor(log.cursor(session));
        log.appendOne(session, cursor, NewEvent.of(null, "join", "p1", Map.of("name", "Ann")));
        log.append(session, cursor, List.of(
                new NewEvent("pt1", "move", 1, 0, "p1", Map.of("op_index", 4, "args", List.of()),
                        CanonicalJson.read("{\"b\":[1,2],\"a\":{\"z\":1,\"y\":{\"__set__\":[3]}}}"), "c25hcA=="),
                NewEvent.of("pt1", "pause", "p1", Map.of("reason", "owner"))), null);

        List<LogEvent> events = log.events(session);
        assertThat(events).extracting(LogEvent::seq).containsExactly(1L, 2L, 3L);
        assertThat(events.get(0).prevHash()).isEqualTo(EventLog.GENESIS);
        assertThat(events.get(1).prevHash()).isEqualTo(events.get(0).hash());
        assertThat(events.get(1).stateJson()).isEqualTo("{\"a\":{\"y\":{\"__set__\":[3]},\"z\":1},\"b\":[1,2]}");
        assertThat(log.verify(session).intact()).isTrue();
        assertThat(log.verify(session).events()).isEqualTo(3);
        // A fresh cursor (as after a restart) continues the same chain.
        assertThat(log.cursor(session)).isEqualTo(cursor.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void editingOrDeletingAnEventBreaksTheChainThere(String kind) {
        GdmTestDatabase db = db(kind);
        EventLog log = db.eventLog();
        String session = newSession(db);
        var cursor = new EventLog.AtomicCursor(log.cursor(session));
        for (int i = 0; i < 4; i++) {
            log.appendOne(session, cursor, NewEvent.of("pt", "move", "p", Map.of("op_index", i)));
        }
        db.jdbc.sql("UPDATE events SET payload = '{\"op_index\":7}' WHERE session_id = ? AND seq = 3").param(session).update();
        ChainVerdict edited = log.verify(session);
        assertThat(edited.intact()).isFalse();
        assertThat(edited.brokenAtSeq()).isEqualTo(3);
        assertThat(edited.problem()).contains("content");

        String other = newSession(db);
        var c2 = new EventLog.AtomicCursor(log.cursor(other));
        for (int i = 0; i < 4; i++) {
            log.appendOne(other, c2, NewEvent.of("pt", "move", "p", Map.of("op_index", i)));
        }
        db.jdbc.sql("DELETE FROM events WHERE session_id = ? AND seq = 2").param(other).update();
        assertThat(log.verify(other).brokenAtSeq()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aSecondWriterWithAStaleCursorIsRefusedAndNothingIsWritten(String kind) {
        GdmTestDatabase db = db(kind);
        EventLog log = db.eventLog();
        String session = newSession(db);
        var mine = new EventLog.AtomicCursor(log.cursor(session));
        var stale = new EventLog.AtomicCursor(log.cursor(session));
        log.appendOne(session, mine, NewEvent.of(null, "join", "p1", Map.of()));
        assertThatThrownBy(() -> log.append(session, stale, List.of(
                NewEvent.of(null, "join", "p2", Map.of()), NewEvent.of(null, "join", "p3", Map.of())), null))
                .isInstanceOf(org.springframework.dao.DataAccessException.class);
        assertThat(log.events(session)).hasSize(1);
        assertThat(stale.get().nextSeq()).isEqualTo(1);
        assertThat(log.verify(session).intact()).isTrue();
    }
}
