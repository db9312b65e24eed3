package org.wsz6.play.gdm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Types;
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
import jakarta.annotation.PreDestroy;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append-only, hash-chained log of each session in GDM. Each event carries
 * {@code hash = sha256(prev_hash + canonical content)}, so any edit or deletion breaks the chain
 * from that event on. A session actor is the only writer of its session's log; the primary key
 * (session_id, seq) makes a concurrent second writer fail instead of forking the chain. Appends
 * of many sessions are committed together by one writer ({@link GroupCommitter}).
 */
@Service
public class EventLog {

    /** prev_hash of the first event of every session. */
    public static final String GENESIS = "0".repeat(64);

    private final JdbcClient jdbc;
    /** The same GDM pool as {@code jdbc}, for JDBC batches (JdbcClient has none). */
    private final JdbcTemplate batchJdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final GroupCommitter committer;

    public EventLog(JdbcClient jdbc, TransactionTemplate transactions) {
        this(jdbc, transactions, Clock.systemUTC());
    }

    /** {@code wsz6.gdm.commit-writers}: concurrent group commits (0, the default: 1 on H2, 4 on PostgreSQL). */
    @Autowired
    public EventLog(@Qualifier("gdmJdbc") JdbcClient jdbc,
                    @Qualifier("gdmTransactions") TransactionTemplate transactions,
                    @Value("${wsz6.gdm.commit-writers:0}") int writers) {
        this(jdbc, transactions, Clock.systemUTC(), writers);
    }

    EventLog(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this(jdbc, transactions, clock, 0);
    }

    /** {@code writers}: concurrent group-commit transactions; 0 chooses by database (tests set it). */
    EventLog(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, int writers) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.batchJdbc = new JdbcTemplate(dataSourceOf(transactions));
        this.committer = new GroupCommitter(transactions, this::writeBatch, this::rechain, this::isStored,
                writers > 0 ? writers : writersFor(batchJdbc));
    }

    /** True when the append's last row is stored, with the same hash (so the whole append is). */
    private boolean isStored(GroupCommitter.Prepared prepared) {
        LogEvent last = prepared.rows().get(prepared.rows().size() - 1);
        return jdbc.sql("SELECT hash FROM events WHERE session_id = ? AND seq = ?").params(last.sessionId(), last.seq())
                .query(String.class).optional().filter(last.hash()::equals).isPresent();
    }

    /**
     * H2 serialises commits inside the database, so one writer; PostgreSQL waits for a disk flush at
     * each commit and flushes concurrent commits together, so a few writers keep batches moving
     * while one waits.
     */
    private static int writersFor(JdbcTemplate jdbc) {
        String product = jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName());
        return product != null && product.toLowerCase(java.util.Locale.ROOT).contains("h2") ? 1 : 4;
    }

    /** GDM's transactions are DataSource transactions; batches must run on that same pool to join them. */
    private static DataSource dataSourceOf(TransactionTemplate transactions) {
        if (transactions.getTransactionManager() instanceof DataSourceTransactionManager manager && manager.getDataSource() != null) {
            return manager.getDataSource();
        }
        throw new IllegalArgumentException("GDM needs a DataSourceTransactionManager, not " + transactions.getTransactionManager());
    }

    /** Transactions the group committer has committed (for tests). */
    long groupCommits() {
        return committer.transactionsCommitted();
    }

    /** Appends waiting for the group committer (for tests). */
    int queuedAppends() {
        return committer.queued();
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
     * example the play-through row's new step count), and returns the stored events once they are
     * committed. Nothing is appended if anything fails, and the cursor moves only after the commit.
     *
     * <p>Appends of different sessions share transactions (group commit, see {@link GroupCommitter}):
     * the calling thread waits until the transaction holding its events has committed. Called inside
     * a GDM transaction already (for example from another append's {@code alsoInTransaction}), the
     * events are written in that transaction instead, so they commit or roll back with it.
     */
    public List<LogEvent> append(String sessionId, AtomicCursor cursor, List<NewEvent> events, Runnable alsoInTransaction) {
        GroupCommitter.Prepared draft = new GroupCommitter.Prepared(sessionId, cursor, null, List.of(), alsoInTransaction);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return appendAlone(draft, events);
        }
        // Canonical JSON and hashes are computed here, on the caller's thread, in parallel with other
        // sessions; the writer only re-chains them if the cursor moved meanwhile.
        return committer.commit(prepare(draft, events, cursor.get()), () -> appendAlone(draft, events));
    }

    /** The append in a transaction of its own on this thread (or joining the caller's transaction). */
    private List<LogEvent> appendAlone(GroupCommitter.Prepared draft, List<NewEvent> events) {
        boolean joining = TransactionSynchronizationManager.isActualTransactionActive();
        GroupCommitter.Prepared written = transactions.execute(status -> {
            GroupCommitter.Prepared p = prepare(draft, events, draft.cursor().get());
            writeBatch(List.of(p));
            if (joining) {
                draft.cursor().set(p.end()); // a later append in the same outer transaction chains from here
            }
            return p;
        });
        draft.cursor().set(written.end());
        return written.rows();
    }

    /** Stops the group-commit writer after it has committed what is queued (the portal is stopping). */
    @PreDestroy
    public void close() {
        committer.close();
    }

    /** The rows of an append, chained from {@code from}: canonical JSON, timestamps and hashes. */
    private GroupCommitter.Prepared prepare(GroupCommitter.Prepared draft, List<NewEvent> events, Cursor from) {
        long seq = from.nextSeq();
        String prev = from.lastHash();
        List<LogEvent> stored = new ArrayList<>(events.size());
        String now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
        for (NewEvent e : events) {
            String payload = CanonicalJson.write(e.payload() == null ? Map.of() : e.payload());
            String state = e.stateJson() == null ? null : CanonicalJson.write(e.stateJson());
            LogEvent draftRow = new LogEvent(draft.sessionId(), seq, e.playthroughId(), e.type(), e.step(), e.role(),
                    e.participantId(), payload, state, e.snapshot(), now, prev, null);
            String hash = hashOf(draftRow);
            stored.add(new LogEvent(draft.sessionId(), seq, e.playthroughId(), e.type(), e.step(), e.role(),
                    e.participantId(), payload, state, e.snapshot(), now, prev, hash));
            prev = hash;
            seq++;
        }
        return new GroupCommitter.Prepared(draft.sessionId(), draft.cursor(), from, List.copyOf(stored), draft.alsoInTransaction());
    }

    /** Re-chains already prepared rows from another position (same content, new seq and hashes). */
    private GroupCommitter.Prepared rechain(GroupCommitter.Prepared p, Cursor from) {
        long seq = from.nextSeq();
        String prev = from.lastHash();
        List<LogEvent> rows = new ArrayList<>(p.rows().size());
        for (LogEvent r : p.rows()) {
            LogEvent draftRow = new LogEvent(r.sessionId(), seq, r.playthroughId(), r.type(), r.step(), r.role(),
                    r.participantId(), r.payload(), r.stateJson(), r.snapshot(), r.createdAt(), prev, null);
            String hash = hashOf(draftRow);
            rows.add(new LogEvent(r.sessionId(), seq, r.playthroughId(), r.type(), r.step(), r.role(),
                    r.participantId(), r.payload(), r.stateJson(), r.snapshot(), r.createdAt(), prev, hash));
            prev = hash;
            seq++;
        }
        return new GroupCommitter.Prepared(p.sessionId(), p.cursor(), from, List.copyOf(rows), p.alsoInTransaction());
    }

    /** Inside the current transaction: every row of the batch in one JDBC batch, then each append's extra work. */
    private void writeBatch(List<GroupCommitter.Prepared> batch) {
        List<Object[]> rows = new ArrayList<>();
        for (GroupCommitter.Prepared p : batch) {
            for (LogEvent e : p.rows()) {
                rows.add(new Object[]{e.sessionId(), e.seq(), e.playthroughId(), e.type(), e.step(), e.role(),
                        e.participantId(), e.payload(), e.stateJson(), e.snapshot(), e.createdAt(), e.prevHash(), e.hash()});
            }
        }
        if (!rows.isEmpty()) {
            batchJdbc.batchUpdate("""
                    INSERT INTO events (session_id, seq, playthrough_id, type, step, role, participant_id,
                                        payload, state_json, snapshot, created_at, prev_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows, INSERT_TYPES);
        }
        for (GroupCommitter.Prepared p : batch) {
            if (p.alsoInTransaction() != null) {
                p.alsoInTransaction().run();
            }
        }
    }

    private static final int[] INSERT_TYPES = {Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.INTEGER,
            Types.INTEGER, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR};

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
