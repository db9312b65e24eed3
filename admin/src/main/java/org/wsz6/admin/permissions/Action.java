package org.wsz6.admin.permissions;

/**
 * Everything a person can do on the portal that needs a permission. {@link Permissions} decides each
 * one; {@code docs/permissions.md} is the matrix written out, and a test proves the two agree.
 */
public enum Action {
    VIEW_USERS("See the user list and user details"),
    MANAGE_USER("Create, edit, deactivate an account; set its access level"),
    GRANT_ADMIN_TYPE("Give an account an admin type"),
    GRANT_USER_TYPE("Give an account a non-admin type"),
    INSTALL_GAME("Install a new game (zip upload)"),
    UPDATE_GAME("Install a new version of a game, validate it, set its per-game settings"),
    RETIRE_GAME("Retire a game version"),
    CHANGE_LIFECYCLE("Change a game's lifecycle status"),
    VIEW_GAME("See a game in the catalogue and its detail page"),
    START_SESSION("Start a session of a game"),
    DEBUG_MODE("Start a game in debug mode"),
    JOIN_SESSION("Join a session by invite link"),
    INVITE_TO_SESSION("Send a session's invite link by e-mail"),
    TAKE_ROLE("Take a role in a session"),
    OBSERVE_SESSION("Watch a live session as observer"),
    TAKE_OVER_ROLE("Take over a player's role as an observing admin"),
    VIEW_LIVE_SESSIONS("See the live sessions panel and the timeline"),
    RESEARCH_READ("Read research data (sessions, replays)"),
    RESEARCH_EXPORT("Export research data"),
    API_TOKENS("Create and revoke own research API tokens"),
    CHANGE_OWN_PASSWORD("Change own password"),
    VIEW_METRICS("Read server metrics (/actuator/prometheus)");

    private final String description;

    Action(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Granting a type is a different action for admin and non-admin types. */
    public static Action grantOf(AccountType type) {
        return type.isAdmin() ? GRANT_ADMIN_TYPE : GRANT_USER_TYPE;
    }
}
