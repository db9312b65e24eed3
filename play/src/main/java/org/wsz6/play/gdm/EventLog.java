package org.wsz6.play.gdm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append-only, hash-chained log of each session in GDM. Each event carries
 * {@code hash = sha256(prev_hash + canonical content)}, so any edit or deletion breaks the chain
 * from that event on. A session actor is the only writer of its session's log; the primary key
 * (session_id, seq) makes a concurrent second writer fail instead of forking the chain.
 */
@Service
public class EventLog {

    /** prev_hash of the first event of every session. */
    public static final String GENESIS = "0".repeat(64);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    @Autowired
    public EventLog(@Qualifier("gdmJdbc") JdbcClient jdbc,
                    @Qualifier("gdmTransactions") TransactionTemplate transactions) {
        this(jdbc, transactions, Clock.systemUTC());
    }

    EventLog(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Where a session's chain ends: the next seq to write and the hash to chain from. */
    public record Cursor(long nextSeq, String lastHash) {
    }

    public Cursor cursor(String sessionId) {
        return jdbc.sql("SELECT seq, hash FROM events WHERE session_id = ? ORDER BY seq DESC LIMIT 1")
                .param(sessionId)
                .query((rs, n) -> new Cursor(rs.getLong("seq") + 1, rs.getString("hash")))
                .optional().orElse(new Cursor(1, GENESIS));
    }

    /**
     * Appends events (in order) in one transaction, together with {@code alsoInTransaction} (for
     * example the play-through row's new step count), and returns the stored events. Nothing is
     * appended if anything fails.
     */
    public List<LogEvent> append(String sessionId, AtomicCursor cursor, List<NewEvent> events, Runnable alsoInTransaction) {
        return transactions.execute(status -> {
            Cursor start = cursor.get();
            long seq = start.nextSeq();
            String prev = start.lastHash();
            List<LogEvent> stored = new ArrayList<>(events.size());
            String now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
            for (NewEvent e : events) {
                String payload = CanonicalJson.write(e.payload() == null ? Map.of() : e.payload());
                String state = e.stateJson() == null ? null : CanonicalJson.write(e.stateJson());
                LogEvent draft = new LogEvent(sessionId, seq, e.playthroughId(), e.type(), e.step(), e.role(),
                        e.participantId(), payload, state, e.snapshot(), now, prev, null);
                String hash = hashOf(draft);
                jdbc.sql("""
                        INSERT INTO events (session_id, seq, playthrough_id, type, step, role, participant_id,
                                            payload, state_json, snapshot, created_at, prev_hash, hash)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(sessionId, seq, e.playthroughId(), e.type(), e.step(), e.role(), e.participantId(),
                                payload, state, e.snapshot(), now, prev, hash)
                        .update();
                stored.add(new LogEvent(sessionId, seq, e.playthroughId(), e.type(), e.step(), e.role(),
                        e.participantId(), payload, state, e.snapshot(), now, prev, hash));
                prev = hash;
                seq++;
            }
            if (alsoInTransaction != null) {
                alsoInTransaction.run();
            }
            cursor.set(new Cursor(seq, prev));
            return stored;
        });
    }

    public LogEvent appendOne(String sessionId, AtomicCursor cursor, NewEvent event) {
        return append(sessionId, cursor, List.of(event), null).get(0);
    }

    /**
     * The writer's view of where its chain ends. The cursor only moves after a commit; if the
     * transaction rolls back it stays where it was.
     */
    public static final class AtomicCursor {
        private volatile Cursor cursor;

        public AtomicCursor(Cursor cursor) {
            this.cursor = cursor;
        }

        public Cursor get() {
            return cursor;
        }

        void set(Cursor next) {
            this.cursor = next;
        }
    }

    public List<LogEvent> events(String sessionId) {
        return jdbc.sql("SELECT * FROM events WHERE session_id = ? ORDER BY seq").param(sessionId)
                .query(EventLog::map).list();
    }

    public List<LogEvent> playthroughEvents(String playthroughId) {
        return jdbc.sql("SELECT * FROM events WHERE playthrough_id = ? ORDER BY seq").param(playthroughId)
                .query(EventLog::map).list();
    }

    public Optional<LogEvent> event(String sessionId, long seq) {
        return jdbc.sql("SELECT * FROM events WHERE session_id = ? AND seq = ?").params(sessionId, seq)
                .query(EventLog::map).optional();
    }

    /** Recomputes every hash of a session's chain and reports the first event that does not match. */
    public ChainVerdict verify(String sessionId) {
        AtomicLong count = new AtomicLong();
        String[] prev = {GENESIS};
        long[] expectedSeq = {1};
        ChainVerdict[] verdict = {null};
        jdbc.sql("SELECT * FROM events WHERE session_id = ? ORDER BY seq").param(sessionId)
                .query(rs -> {
                    if (verdict[0] != null) {
                        return;
                    }
                    LogEvent e = map(rs, 0);
                    count.incrementAndGet();
                    if (e.seq() != expectedSeq[0]) {
                        verdict[0] = ChainVerdict.broken(count.get(), e.seq(),
                                "event " + expectedSeq[0] + " is missing");
                    } else if (!e.prevHash().equals(prev[0])) {
                        verdict[0] = ChainVerdict.broken(count.get(), e.seq(),
                                "prev_hash does not match the hash of event " + (e.seq() - 1));
                    } else if (!hashOf(e).equals(e.hash())) {
                        verdict[0] = ChainVerdict.broken(count.get(), e.seq(), "content does not match its hash");
                    }
                    prev[0] = e.hash();
                    expectedSeq[0]++;
                });
        return verdict[0] != null ? verdict[0] : ChainVerdict.ok(count.get());
    }

    /** sha256 over prev_hash and every stored column, each field on its own line, nulls as "∅". */
    static String hashOf(LogEvent e) {
        String content = String.join("\n",
                e.prevHash(), e.sessionId(), Long.toString(e.seq()), str(e.playthroughId()), e.type(),
                str(e.step()), str(e.role()), str(e.participantId()), e.payload(), str(e.stateJson()),
                str(e.snapshot()), e.createdAt());
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e1) {
            throw new IllegalStateException(e1);
        }
    }

    private static String str(Object o) {
        return o == null ? "\u2205" : Objects.toString(o);
    }

    private static LogEvent map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new LogEvent(rs.getString("session_id"), rs.getLong("seq"), rs.getString("playthrough_id"),
                rs.getString("type"), (Integer) rs.getObject("step", Integer.class),
                (Integer) rs.getObject("role", Integer.class), rs.getString("participant_id"),
                rs.getString("payload"), rs.getString("state_json"), rs.getString("snapshot"),
                rs.getString("created_at"), rs.getString("prev_hash"), rs.getString("hash"));
    }
}
