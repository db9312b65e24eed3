package org.wsz6.play.gdm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataAccessException;

/**
 * Group commit on both databases: several sessions' appends share one transaction, one faulty
 * append fails only its own caller, and no caller hears of its events before they are committed.
 * To form a batch deterministically, a first append holds the writer (its extra transaction work
 * waits on a latch) until the others are queued behind it.
 */
class GroupCommitTest extends BothGdmDatabases {

    /** One writer: a held writer makes everything queued meanwhile one batch (deterministic tests). */
    static EventLog oneWriter(GdmTestDatabase db) {
        return new EventLog(db.jdbc, db.transactions, java.time.Clock.systemUTC(), 1);
    }

    /** A session actor's view: its id and its cursor. */
    record Writer(String session, EventLog.AtomicCursor cursor) {
    }

    Writer newWriter(GdmTestDatabase db, EventLog log) {
        String id = EventLogTest.newSession(db);
        return new Writer(id, new EventLog.AtomicCursor(log.cursor(id)));
    }

    List<Writer> newWriters(GdmTestDatabase db, EventLog log, int n) {
        List<Writer> writers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            writers.add(newWriter(db, log));
        }
        return writers;
    }

    /** Each writer appends moves 1 and 2 from its own thread, as session actors do. */
    static List<CompletableFuture<List<LogEvent>>> appendTwoMovesEach(EventLog log, List<Writer> writers) {
        return writers.stream()
                .map(w -> inThread(() -> log.append(w.session(), w.cursor(), List.of(move(1), move(2)), null)))
                .toList();
    }

    static NewEvent move(int op) {
        return NewEvent.of("pt", "move", "p", Map.of("op_index", op));
    }

    static <T> CompletableFuture<T> inThread(Supplier<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                f.complete(work.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    /** An append holding the writer inside its transaction (rows written, not committed) until released. */
    record HeldWriter(CompletableFuture<List<LogEvent>> append, CountDownLatch latch) {
        void release() {
            latch.countDown();
        }
    }

    /** Starts an append whose transaction work blocks until released; returns once it holds the writer. */
    HeldWriter holdTheWriter(EventLog log, Writer w) {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        CompletableFuture<List<LogEvent>> append = inThread(() -> log.append(w.session(), w.cursor(), List.of(move(99)), () -> {
            entered.countDown();
            await(release);
        }));
        await(entered);
        return new HeldWriter(append, release);
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static void waitUntilQueued(EventLog log, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (log.queuedAppends() < n) {
            assertThat(System.nanoTime()).as("%d appends queued", n).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void appendsOfSeveralSessionsCommitInOneTransaction(String kind) throws Exception {
        GdmTestDatabase db = db(kind);
        EventLog log = oneWriter(db);
        try {
            HeldWriter first = holdTheWriter(log, newWriter(db, log));
            long commitsBefore = log.groupCommits();

            List<Writer> writers = newWriters(db, log, 20);
            List<CompletableFuture<List<LogEvent>>> appends = appendTwoMovesEach(log, writers);
            waitUntilQueued(log, 20);
            first.release();

            assertThat(first.append().get(30, TimeUnit.SECONDS)).hasSize(1);
            for (int i = 0; i < writers.size(); i++) {
                List<LogEvent> stored = appends.get(i).get(30, TimeUnit.SECONDS);
                assertThat(stored).extracting(LogEvent::seq).containsExactly(1L, 2L);
                Writer w = writers.get(i);
                assertThat(log.events(w.session())).containsExactlyElementsOf(stored);
                assertThat(w.cursor().get()).isEqualTo(log.cursor(w.session()));
                assertThat(log.verify(w.session()).intact()).isTrue();
            }
            // The held append's transaction, then ONE transaction for all twenty sessions.
            assertThat(log.groupCommits() - commitsBefore).isEqualTo(2);
        } finally {
            log.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aFailingAppendFailsOnlyItselfAndTheRestOfTheBatchCommits(String kind) throws Exception {
        GdmTestDatabase db = db(kind);
        EventLog log = oneWriter(db);
        try {
            HeldWriter first = holdTheWriter(log, newWriter(db, log));

            // A fenced-out writer: another one already wrote seq 1 of this session (duplicate key).
            Writer fenced = newWriter(db, log);
            var winner = new EventLog.AtomicCursor(fenced.cursor().get());
            Writer other = new Writer(fenced.session(), winner);
            // The winner's append is queued (so this session's row 1 exists when the batch runs).
            List<Writer> good = new ArrayList<>();
            List<CompletableFuture<List<LogEvent>>> goodAppends = new ArrayList<>();
            goodAppends.add(inThread(() -> log.append(other.session(), other.cursor(), List.of(move(5)), null)));
            good.add(other);
            waitUntilQueued(log, 1);
            CompletableFuture<List<LogEvent>> duplicate =
                    inThread(() -> log.append(fenced.session(), fenced.cursor(), List.of(move(6)), null));
            waitUntilQueued(log, 2);
            // An append whose own transaction work fails.
            Writer refused = newWriter(db, log);
            CompletableFuture<List<LogEvent>> failing = inThread(() -> log.append(refused.session(), refused.cursor(),
                    List.of(move(7)), () -> {
                        throw new IllegalStateException("the play-through row could not be updated");
                    }));
            for (int i = 0; i < 5; i++) {
                Writer w = newWriter(db, log);
                good.add(w);
                goodAppends.add(inThread(() -> log.append(w.session(), w.cursor(), List.of(move(1)), null)));
            }
            waitUntilQueued(log, 8);
            first.release();
            first.append().get(30, TimeUnit.SECONDS);

            for (int i = 0; i < good.size(); i++) {
                assertThat(goodAppends.get(i).get(30, TimeUnit.SECONDS)).hasSize(1);
                Writer w = good.get(i);
                assertThat(log.events(w.session())).hasSize(1);
                assertThat(w.cursor().get().nextSeq()).isEqualTo(2);
                assertThat(log.verify(w.session()).intact()).isTrue();
            }
            assertThatThrownBy(() -> get(duplicate)).isInstanceOf(DataAccessException.class);
            assertThat(fenced.cursor().get().nextSeq()).as("a failed append leaves its cursor").isEqualTo(1);
            assertThat(log.events(fenced.session())).extracting(LogEvent::payload).containsExactly("{\"op_index\":5}");

            assertThatThrownBy(() -> get(failing)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("play-through row");
            assertThat(refused.cursor().get().nextSeq()).isEqualTo(1);
            assertThat(log.events(refused.session())).as("nothing of a failed append is stored").isEmpty();
        } finally {
            log.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void noCallerHearsOfItsEventsBeforeTheyAreCommitted(String kind) throws Exception {
        GdmTestDatabase db = db(kind);
        EventLog log = oneWriter(db);
        try {
            Writer w = newWriter(db, log);
            // The events are inserted, then the transaction's extra work waits: not committed yet.
            HeldWriter held = holdTheWriter(log, w);
            Thread.sleep(100);

            assertThat(held.append()).as("the caller still waits").isNotDone();
            assertThat(w.cursor().get().nextSeq()).as("the cursor has not moved").isEqualTo(1);
            assertThat(db.jdbc.sql("SELECT COUNT(*) FROM events WHERE session_id = ?").param(w.session())
                    .query(Long.class).single()).as("others do not see uncommitted events").isZero();

            held.release();
            assertThat(held.append().get(30, TimeUnit.SECONDS)).hasSize(1);
            assertThat(w.cursor().get().nextSeq()).isEqualTo(2);
            assertThat(log.events(w.session())).hasSize(1);
        } finally {
            log.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void twoAppendsWithTheSameCursorInOneBatchChainOneAfterTheOther(String kind) throws Exception {
        GdmTestDatabase db = db(kind);
        EventLog log = oneWriter(db);
        try {
            HeldWriter first = holdTheWriter(log, newWriter(db, log));
            Writer w = newWriter(db, log);
            CompletableFuture<List<LogEvent>> a = inThread(() -> log.append(w.session(), w.cursor(), List.of(move(1)), null));
            waitUntilQueued(log, 1);
            CompletableFuture<List<LogEvent>> b = inThread(() -> log.append(w.session(), w.cursor(), List.of(move(2), move(3)), null));
            waitUntilQueued(log, 2);
            first.release();
            first.append().get(30, TimeUnit.SECONDS);

            assertThat(a.get(30, TimeUnit.SECONDS)).extracting(LogEvent::seq).containsExactly(1L);
            assertThat(b.get(30, TimeUnit.SECONDS)).extracting(LogEvent::seq).containsExactly(2L, 3L);
            assertThat(log.verify(w.session()).intact()).isTrue();
            assertThat(w.cursor().get()).isEqualTo(log.cursor(w.session()));
        } finally {
            log.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void anAppendInsideAnotherAppendsTransactionCommitsWithIt(String kind) {
        GdmTestDatabase db = db(kind);
        EventLog log = oneWriter(db);
        try {
            Writer outer = newWriter(db, log);
            Writer inner = newWriter(db, log);
            log.append(outer.session(), outer.cursor(), List.of(move(1)),
                    () -> log.append(inner.session(), inner.cursor(), List.of(move(2)), null));
            assertThat(log.events(inner.session())).hasSize(1);

            assertThatThrownBy(() -> log.append(outer.session(), outer.cursor(), List.of(move(3)), () -> {
                log.append(inner.session(), inner.cursor(), List.of(move(4)), null);
                throw new IllegalStateException("rolled back");
            })).hasMessageContaining("rolled back");
            assertThat(log.events(outer.session())).hasSize(1);
            assertThat(log.events(inner.session())).as("the inner append rolled back with the outer one").hasSize(1);
        } finally {
            log.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void severalWritersKeepEveryChainInOrder(String kind) throws Exception {
        GdmTestDatabase db = db(kind);
        EventLog log = new EventLog(db.jdbc, db.transactions, java.time.Clock.systemUTC(), 4);
        try {
            List<Writer> writers = new ArrayList<>();
            List<CompletableFuture<Void>> sessions = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Writer w = newWriter(db, log);
                writers.add(w);
                // Each session appends 10 times in a row, as an actor does; two of them also from a
                // second thread at the same time, whose appends must chain after the first's.
                int threads = i < 2 ? 2 : 1;
                for (int t = 0; t < threads; t++) {
                    sessions.add(inThread(() -> {
                        for (int n = 0; n < 10; n++) {
                            log.append(w.session(), w.cursor(), List.of(move(n)), null);
                        }
                        return null;
                    }));
                }
            }
            for (CompletableFuture<Void> s : sessions) {
                s.get(60, TimeUnit.SECONDS);
            }
            for (int i = 0; i < writers.size(); i++) {
                Writer w = writers.get(i);
                assertThat(log.events(w.session())).hasSize(i < 2 ? 20 : 10);
                assertThat(log.verify(w.session()).intact()).isTrue();
                assertThat(w.cursor().get()).isEqualTo(log.cursor(w.session()));
            }
        } finally {
            log.close();
        }
    }

    static <T> T get(CompletableFuture<T> f) throws Throwable {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    /**
     * The database made a batch durable but the commit still reported an error (H2 failing while it
     * writes the commit out; a connection lost before PostgreSQL's answer). The callers are told their
     * moves are stored, not that another node took their sessions over, and the chains go on.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aCommitThatFailsAfterItWentThroughCountsAsCommitted(String kind) throws Exception {
        GdmTestDatabase db = db(kind);
        java.util.concurrent.atomic.AtomicInteger failAfterCommit = new java.util.concurrent.atomic.AtomicInteger();
        var manager = new org.springframework.jdbc.datasource.DataSourceTransactionManager(db.dataSource) {
            @Override
            protected void doCommit(org.springframework.transaction.support.DefaultTransactionStatus status) {
                super.doCommit(status);
                if (failAfterCommit.getAndDecrement() > 0) {
                    throw new org.springframework.transaction.TransactionSystemException("simulated: answer lost after the commit");
                }
            }
        };
        EventLog log = new EventLog(db.jdbc, new org.springframework.transaction.support.TransactionTemplate(manager),
                java.time.Clock.systemUTC(), 1);
        try {
            HeldWriter first = holdTheWriter(log, newWriter(db, log));
            List<Writer> writers = newWriters(db, log, 5);
            List<CompletableFuture<List<LogEvent>>> appends = appendTwoMovesEach(log, writers);
            waitUntilQueued(log, 5);
            failAfterCommit.set(2); // the held append's commit (alone) and the batch of five both "fail"
            first.release();

            assertThat(first.append().get(30, TimeUnit.SECONDS)).hasSize(1);
            for (int i = 0; i < writers.size(); i++) {
                Writer w = writers.get(i);
                assertThat(appends.get(i).get(30, TimeUnit.SECONDS)).extracting(LogEvent::seq).containsExactly(1L, 2L);
                log.append(w.session(), w.cursor(), List.of(move(3)), null); // the chain goes on from there
                assertThat(log.events(w.session())).extracting(LogEvent::seq).containsExactly(1L, 2L, 3L);
                assertThat(log.verify(w.session()).intact()).isTrue();
            }
        } finally {
            log.close();
        }
    }
}
