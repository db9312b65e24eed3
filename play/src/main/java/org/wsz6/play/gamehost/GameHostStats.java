package org.wsz6.play.gamehost;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of the bridge's life (exported to Micrometer by {@link GameHostConfiguration}). */
public final class GameHostStats {

    /** Calls answered by a worker (including refusals). */
    final AtomicLong calls = new AtomicLong();
    /** Calls that ended with the worker killed (timeout, crash, protocol break). */
    final AtomicLong failures = new AtomicLong();
    /** Workers started. */
    final AtomicLong starts = new AtomicLong();
    /** Workers started to replace one that died or missed a deadline. */
    final AtomicLong restarts = new AtomicLong();
    /** Play-throughs rebuilt in a fresh worker from their last snapshot. */
    final AtomicLong restores = new AtomicLong();

    public long calls() { return calls.get(); }
    public long failures() { return failures.get(); }
    public long starts() { return starts.get(); }
    public long restarts() { return restarts.get(); }
    public long restores() { return restores.get(); }
}
