package org.wsz6.contract.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * Play → admin (research, read-only): everything GDM knows about one session. {@code parentChain}
 * lists the sessions this one continues, nearest first. Participants carry a {@code pseudonym}
 * (HMAC of their id) so exports never need names; names are shown only to research admins.
 * {@code gameVersionHash} is the SHA-256 of the game folder the session ran.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResearchSession(String sessionId, String parentSessionId, List<String> parentChain, String gameSlug,
                              String gameVersion, String gameTitle, String gameVersionHash, UserRef owner,
                              Instant createdAt, Instant endedAt, String phase, boolean debug,
                              List<Participant> participants, List<Playthrough> playthroughs,
                              List<Artifact> artifacts) {

    /** A person or bot; {@code kind} is {@code user}, {@code guest} or {@code bot}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Participant(String id, String pseudonym, String name, String kind, String botKind, boolean owner,
                              List<Integer> roles, List<String> roleNames, boolean removed) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Playthrough(String id, int ordinal, String parentPlaythroughId, long seed, String status, int steps,
                              boolean goalReached, String goalMessage, List<Integer> winners, boolean draw,
                              Instant startedAt, Instant endedAt, long events) {
    }

    /** One version of a document a game wrote under its session folder. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Artifact(long id, String playthroughId, String path, int version, int step, String sha256,
                           long size, Instant createdAt) {
    }
}
