package org.wsz6.contract.v1;

/**
 * Version 1 of the internal API between WSZ6-admin and WSZ6-play. Every call carries the shared
 * secret in {@link #SECRET_HEADER}; {@link org.wsz6.contract.InternalApiGuard} refuses calls
 * without it, with a wrong one, or from an address that is not allowed. A later version adds a new
 * package ({@code v2}) beside this one; fields are only ever added, so old clients keep working.
 */
public final class InternalApiV1 {

    public static final String SECRET_HEADER = "X-WSZ6-Internal-Secret";
    public static final String PREFIX = "/internal/v1";

    /** Served by WSZ6-play, called by WSZ6-admin. */
    public static final String PLAY_GAMES = PREFIX + "/play/games";
    public static final String PLAY_GAMES_RETIRED = PREFIX + "/play/games/retired";
    public static final String PLAY_LAUNCH = PREFIX + "/play/sessions/launch";
    public static final String PLAY_DEBUG_LAUNCH = PREFIX + "/play/sessions/debug-launch";
    public static final String PLAY_ACTIVE_SESSIONS = PREFIX + "/play/sessions/active";
    /** {id} is the session id. */
    public static final String PLAY_OBSERVER_TOKEN = PREFIX + "/play/sessions/{id}/observer-token";

    /**
     * Research reads over GDM (served by play, called by admin; read-only). Paths below it:
     * {@code sessions/{id}}, {@code sessions/{id}/verify}, {@code playthroughs/{pt}/events},
     * {@code playthroughs/{pt}/log.jsonl}, {@code playthroughs/{pt}/moves.csv},
     * {@code playthroughs/{pt}/steps/{seq}/views}, {@code artifacts/{id}}.
     */
    public static final String PLAY_RESEARCH = PREFIX + "/play/research";

    public static String researchSession(String sessionId) {
        return PLAY_RESEARCH + "/sessions/" + HttpPlayResearchApi.encode(sessionId);
    }

    public static String researchPlaythrough(String playthroughId) {
        return PLAY_RESEARCH + "/playthroughs/" + HttpPlayResearchApi.encode(playthroughId);
    }

    public static String researchEvents(String playthroughId) {
        return researchPlaythrough(playthroughId) + "/events";
    }

    /** Served by WSZ6-admin, called by WSZ6-play. */
    public static final String ADMIN_SESSION_SUMMARIES = PREFIX + "/admin/session-summaries";
    public static final String ADMIN_SESSION_STATUS = PREFIX + "/admin/session-status";
    public static final String ADMIN_ACCESS_CHECK = PREFIX + "/admin/access-check";

    private InternalApiV1() {
    }
}
