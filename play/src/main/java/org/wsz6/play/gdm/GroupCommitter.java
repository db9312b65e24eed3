package org.wsz6.play.gdm;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Metrics;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: one writer thread takes the appends that session actors queued meanwhile and
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

    private record Pending(Prepared prepared, CompletableFuture<List<LogEvent>> done) {
    }

    private final TransactionTemplate transactions;
    private final BatchWriter writer;
    private final Preparer preparer;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicLong transactionsCommitted = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;
    /** Tells the writer to finish what is queued and stop. */
    private static final Pending STOP = new Pending(null, null);

    GroupCommitter(TransactionTemplate transactions, BatchWriter writer, Preparer preparer) {
        this.transactions = transactions;
        this.writer = writer;
        this.preparer = preparer;
        // A platform thread: the one writer every actor waits on should not queue for a carrier
        // thread behind hundreds of virtual actor threads.
        this.thread = new Thread(this::run, "gdm-group-commit");
        thread.setDaemon(true);
        thread.start();
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
        // close() sets the flag before queuing STOP: if it is still unset, STOP comes after us; if it is
        // set, either the writer already took our append (and will finish it) or we take it back.
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

    /** Commits what is queued, then stops the writer; later appends commit on their callers' threads. */
    void close() {
        closed = true;
        queue.add(STOP);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Appends waiting for the writer (tests use it to know a batch has formed). */
    int queued() {
        return queue.size();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        boolean stop = false;
        while (true) {
            try {
                if (stop) {
                    // Stopping: finish whatever callers queued before they saw the flag.
                    queue.drainTo(batch, MAX_BATCH);
                    if (batch.isEmpty()) {
                        return;
                    }
                } else {
                    batch.add(queue.take());
                    queue.drainTo(batch, MAX_BATCH - 1);
                }
                if (batch.remove(STOP)) {
                    stop = true;
                }
                if (!batch.isEmpty()) {
                    commitBatch(batch);
                }
            } catch (InterruptedException e) {
                log.warn("GDM group-commit writer interrupted; {} appends fail", batch.size() + queue.size());
                batch.addAll(queue);
                batch.forEach(p -> p.done().completeExceptionally(new IllegalStateException("GDM writer stopped")));
                return;
            } catch (Throwable unexpected) {
                // Never let the writer die: every caller would wait forever.
                log.error("GDM group-commit writer: unexpected failure", unexpected);
                batch.forEach(p -> p.done().completeExceptionally(unexpected));
            } finally {
                batch.clear();
            }
        }
    }

    private void commitBatch(List<Pending> batch) {
        List<Prepared> written;
        try {
            written = transactions.execute(status -> writeChained(batch));
        } catch (RuntimeException | Error failure) {
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
        // Committed: only now do the cursors move and the callers hear of it.
        for (int i = 0; i < batch.size(); i++) {
            Prepared p = written.get(i);
            p.cursor().set(p.end());
            batch.get(i).done().complete(p.rows());
        }
    }

    /**
     * Rows were chained by each caller from its cursor as it was then. If the same cursor appears
     * twice in a batch, or moved meanwhile, the later append is re-chained from where the earlier
     * one ends, exactly as if they had committed one after the other.
     */
    private List<Prepared> writeChained(List<Pending> batch) {
        Map<EventLog.AtomicCursor, EventLog.Cursor> ends = new IdentityHashMap<>();
        List<Prepared> chained = new ArrayList<>(batch.size());
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
        return chained;
    }
}
