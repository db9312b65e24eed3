package org.wsz6.play.gdm;

/** Result of checking a session's hash chain: {@code brokenAtSeq} is the first bad event, or -1. */
public record ChainVerdict(boolean intact, long events, long brokenAtSeq, String problem) {

    static ChainVerdict ok(long events) {
        return new ChainVerdict(true, events, -1, null);
    }

    static ChainVerdict broken(long events, long seq, String problem) {
        return new ChainVerdict(false, events, seq, problem);
    }
}
