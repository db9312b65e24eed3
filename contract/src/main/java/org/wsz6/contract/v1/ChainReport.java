package org.wsz6.contract.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Play → admin (research): whether a session's hash chain verifies. {@code brokenAtSeq} is the
 * first event whose hash or link does not match (-1 when intact); {@code problem} says why.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChainReport(String sessionId, boolean intact, long events, long brokenAtSeq, String problem) {
}
