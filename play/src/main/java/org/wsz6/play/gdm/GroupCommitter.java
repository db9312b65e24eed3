package org.wsz6.play.gdm;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: a writer thread takes the appends that session actors queued meanwhile and
 * writes all of them in ONE transaction, so the database pays one commit (one page flush on H2, one
 * WAL flush on PostgreSQL) for many sessions' moves. Each caller blocks until the transaction that
 * holds its events has committed, so "logged before anyone is told" still holds.
 *
 * <p>Batches form by themselves: while one commit runs, the next appends queue up. A batch that
 * fails is rolled back and each of its appends is then committed alone, so the faulty one (for
 * example a duplicate (session_id, seq): another writer got there first) fails only its own caller.
 */
final class GroupCommitter {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

    /** Upper bound on appends per transaction: keeps one transaction's size and lock time modest. */
    static final int MAX_BATCH = 256;

    private static final DistributionSummary batchSizes = DistributionSummary.builder("wsz6.gdm.commit.batch")
            .description("appends (moves and other session events) committed together in one GDM transaction")
            .register(Metrics.globalRegistry);

    private static final Timer commitTime = Timer.builder("wsz6.gdm.commit.time")
            .description("time to write and commit one group-commit transaction (what every move waits for)")
            .register(Metrics.globalRegistry);

    /** Writes prepared appends inside the current transaction (rows plus each append's extra work). */
    interface BatchWriter {
        void write(List<Prepared> batch);
    }

    /** An append ready to be written: rows chained from {@code from}, to be checked again by the writer. */
    record Prepared(String sessionId, EventLog.AtomicCursor cursor, EventLog.Cursor from, List<LogEvent> rows,
                    Runnable alsoInTransaction) {
        EventLog.Cursor end() {
            if (rows.isEmpty()) {
                return from;
            }
            LogEvent last = rows.get(rows.size() - 1);
            return new EventLog.Cursor(last.seq() + 1, last.hash());
        }
    }

    /** Builds the rows of an append chained from a given cursor position. */
    interface Preparer {
        Prepared prepare(Prepared draft, EventLog.Cursor from);
    }

    /** True when an append's rows are in the database (its last row, with the same hash). */
    interface StoredCheck {
        boolean isStored(Prepared prepared);
    }

    private record Pending(Prepared prepared, CompletableFuture<List<LogEvent>> done) {
    }

    private final TransactionTemplate transactions;
    private final BatchWriter writer;
    private final Preparer preparer;
    private final StoredCheck storedCheck;
    private final LinkedBlockingDeque<Pending> queue = new LinkedBlockingDeque<>();
    /** Cursors whose append a writer is committing now: a second append of the same chain waits for it. */
    private final Set<EventLog.AtomicCursor> inFlight = Collections.newSetFromMap(new IdentityHashMap<>());
    private final AtomicLong transactionsCommitted = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    /**
     * {@code writers}: how many transactions may be committing at once. One suits H2 (its commits
     * are serialised anyway); a server database whose commit waits for a disk flush does better with
     * a few, because one batch can form and be sent while another waits for its flush.
     */
    GroupCommitter(TransactionTemplate transactions, BatchWriter writer, Preparer preparer, StoredCheck storedCheck,
                   int writers) {
        this.transactions = transactions;
        this.writer = writer;
        this.preparer = preparer;
        this.storedCheck = storedCheck;
        for (int i = 0; i < Math.max(1, writers); i++) {
            // Platform threads: the writers every actor waits on should not queue for a carrier
            // thread behind hundreds of virtual actor threads.
            Thread thread = new Thread(this::run, "gdm-group-commit-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    /**
     * Queues the append and waits until it is committed; rethrows what made it fail. Once the
     * committer is closed (the portal is stopping), {@code alone} commits the append on the caller's
     * thread instead.
     */
    List<LogEvent> commit(Prepared prepared, java.util.function.Supplier<List<LogEvent>> alone) {
        CompletableFuture<List<LogEvent>> done = new CompletableFuture<>();
        Pending pending = new Pending(prepared, done);
        queue.add(pending);
        // Writers stop only once closed AND the queue is empty. If the flag is still unset here, a
        // writer will find our append; if it is set, either a writer already took it (and finishes
        // it) or we take it back and commit it ourselves.
        if (closed && queue.remove(pending)) {
            return alone.get();
        }
        try {
            return done.get();
        } catch (InterruptedException e) {
            // The append may still commit; the caller's thread is being stopped either way.
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the GDM commit", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Transactions committed so far (tests use it to see that appends shared one). */
    long transactionsCommitted() {
        return transactionsCommitted.get();
    }

    /** Commits what is queued, then stops the writers; later appends commit on their callers' threads. */
    void close() {
        closed = true;
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Appends waiting for a writer (tests use it to know a batch has formed). */
    int queued() {
        return queue.size();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closed && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                if (!claim(batch)) {
                    continue;
                }
                try {
                    commitBatch(batch);
                } finally {
                    release(batch);
                }
            } catch (InterruptedException e) {
                log.warn("GDM group-commit writer interrupted; {} appends fail", batch.size());
                batch.forEach(p -> p.done().completeExceptionally(new IllegalStateException("GDM writer stopped")));
                return;
            } catch (Throwable unexpected) {
                // Never let a writer die: its callers would wait forever.
                log.error("GDM group-commit writer: unexpected failure", unexpected);
                batch.forEach(p -> p.done().completeExceptionally(unexpected));
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Marks the batch's chains as being committed by this writer. An append whose chain another
     * writer is committing goes back to the head of the queue (a chain's appends commit in order);
     * false when nothing is left to commit now.
     */
    private boolean claim(List<Pending> batch) throws InterruptedException {
        List<Pending> later = new ArrayList<>();
        synchronized (inFlight) {
            for (var it = batch.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                if (inFlight.contains(p.prepared().cursor())) {
                    later.add(p);
                    it.remove();
                }
            }
            batch.forEach(p -> inFlight.add(p.prepared().cursor()));
        }
        for (int i = later.size() - 1; i >= 0; i--) {
            queue.addFirst(later.get(i));
        }
        if (batch.isEmpty()) {
            synchronized (inFlight) {
                inFlight.wait(5); // the other writer's commit is short; do not spin on the same append
            }
            return false;
        }
        return true;
    }

    private void release(List<Pending> batch) {
        synchronized (inFlight) {
            batch.forEach(p -> inFlight.remove(p.prepared().cursor()));
            inFlight.notifyAll();
        }
    }

    private void commitBatch(List<Pending> batch) {
        List<Prepared> attempted = new ArrayList<>(batch.size());
        long started = System.nanoTime();
        try {
            transactions.executeWithoutResult(status -> writeChained(batch, attempted));
            commitTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        } catch (RuntimeException | Error failure) {
            if (committedAfterAll(batch, attempted, failure)) {
                return;
            }
            if (batch.size() == 1) {
                batch.get(0).done().completeExceptionally(failure);
                return;
            }
            // Nothing of the batch is stored. Commit each append alone: only the faulty one fails.
            log.debug("GDM batch of {} appends failed ({}); committing them one by one", batch.size(), failure.toString());
            for (Pending p : batch) {
                commitBatch(List.of(p));
            }
            return;
        }
        transactionsCommitted.incrementAndGet();
        batchSizes.record(batch.size());
        succeeded(batch, attempted);
    }

    /** Committed: only now do the cursors move and the callers hear of it. */
    private static void succeeded(List<Pending> batch, List<Prepared> written) {
        for (int i = 0; i < batch.size(); i++) {
            Prepared p = written.get(i);
            p.cursor().set(p.end());
            batch.get(i).done().complete(p.rows());
        }
    }

    /**
     * A commit can fail after the database has made it durable (an embedded database's internal
     * error while it writes the commit out, or a lost connection to a server before the answer
     * came). Retrying such a batch would find its own rows and fail every caller as if another node
     * had taken their sessions over. So when all rows were written, ask the database what it holds.
     */
    private boolean committedAfterAll(List<Pending> batch, List<Prepared> attempted, Throwable failure) {
        Prepared lastWithRows = attempted.stream().filter(p -> !p.rows().isEmpty()).reduce((a, b) -> b).orElse(null);
        if (attempted.size() != batch.size() || lastWithRows == null) {
            return false; // it failed before all rows were written
        }
        try {
            if (!storedCheck.isStored(lastWithRows)) {
                return false;
            }
        } catch (RuntimeException unreadable) {
            return false;
        }
        log.warn("GDM commit of {} append(s) reported {}, but the rows are stored: the commit went through", batch.size(),
                failure.toString());
        transactionsCommitted.incrementAndGet();
        succeeded(batch, attempted);
        return true;
    }

    /**
     * Rows were chained by each caller from its cursor as it was then. If the same cursor appears
     * twice in a batch, or moved meanwhile, the later append is re-chained from where the earlier
     * one ends, exactly as if they had committed one after the other.
     */
    private void writeChained(List<Pending> batch, List<Prepared> chained) {
        Map<EventLog.AtomicCursor, EventLog.Cursor> ends = new IdentityHashMap<>();
        for (Pending pending : batch) {
            Prepared p = pending.prepared();
            EventLog.Cursor from = ends.getOrDefault(p.cursor(), p.cursor().get());
            if (!from.equals(p.from())) {
                p = preparer.prepare(p, from);
            }
            ends.put(p.cursor(), p.end());
            chained.add(p);
        }
        writer.write(chained);
    }
}
