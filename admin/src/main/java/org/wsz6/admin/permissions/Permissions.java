package org.wsz6.admin.permissions;

import static org.wsz6.admin.permissions.AccountType.ACCOUNTS_ADMIN;
import static org.wsz6.admin.permissions.AccountType.GAMES_ADMIN;
import static org.wsz6.admin.permissions.AccountType.GAME_OWNER;
import static org.wsz6.admin.permissions.AccountType.GENERAL_ADMIN;
import static org.wsz6.admin.permissions.AccountType.RESEARCH_ADMIN;
import static org.wsz6.admin.permissions.AccountType.SESSION_OWNER;

import java.util.Objects;
import org.springframework.stereotype.Service;

/**
 * The one place that decides who may do what. Every page, form, REST endpoint and internal call
 * asks {@link #check}. {@code docs/permissions.md} is this class written as a table, and
 * {@code PermissionMatrixTest} walks every cell of that table against this class.
 */
@Service
public class Permissions {

    public Decision check(Actor actor, Action action, Target target) {
        Objects.requireNonNull(actor, "actor");
        if (actor.isGuest()) {
            return guest(action, target);
        }
        return switch (action) {
            case VIEW_USERS -> allowIf(actor.is(GENERAL_ADMIN, ACCOUNTS_ADMIN), "Only account admins see user accounts.");
            case MANAGE_USER -> manageUser(actor, (Target.Account) target);
            case GRANT_ADMIN_TYPE -> grant(actor, (Target.Account) target, true);
            case GRANT_USER_TYPE -> grant(actor, (Target.Account) target, false);
            case INSTALL_GAME -> allowIf(actor.is(GENERAL_ADMIN, GAMES_ADMIN, GAME_OWNER),
                    "Only games admins and game owners install games.");
            case UPDATE_GAME, RETIRE_GAME, CHANGE_LIFECYCLE -> manageGame(actor, (Target.Game) target);
            case VIEW_GAME -> viewGame(actor, (Target.Game) target);
            case START_SESSION -> startSession(actor, (Target.Game) target);
            case DEBUG_MODE -> manageGame(actor, (Target.Game) target);
            case JOIN_SESSION, TAKE_ROLE -> joinSession(actor, (Target.Session) target);
            case INVITE_TO_SESSION -> owns(actor, ((Target.Session) target).ownerId()) ? Decision.ALLOW
                    : Decision.deny("Only the session's owner invites people to it."); // mails go out in their name
            case OBSERVE_SESSION -> observe(actor, (Target.Session) target, false);
            case TAKE_OVER_ROLE -> observe(actor, (Target.Session) target, true);
            case VIEW_LIVE_SESSIONS -> allowIf(actor.is(GENERAL_ADMIN, GAMES_ADMIN, RESEARCH_ADMIN),
                    "Only admins see all live sessions.");
            case RESEARCH_READ, RESEARCH_EXPORT, API_TOKENS -> allowIf(actor.is(GENERAL_ADMIN, RESEARCH_ADMIN),
                    "Only research admins reach research data.");
            case CHANGE_OWN_PASSWORD -> Decision.ALLOW;
            case VIEW_METRICS -> allowIf(actor.is(GENERAL_ADMIN), "Only general admins read server metrics.");
        };
    }

    /** Like {@link #check}, but throws {@link PermissionDeniedException} (HTTP 403) when refused. */
    public void require(Actor actor, Action action, Target target) {
        Decision decision = check(actor, action, target);
        if (!decision.allowed()) {
            throw new PermissionDeniedException(decision.reason());
        }
    }

    public boolean allows(Actor actor, Action action, Target target) {
        return check(actor, action, target).allowed();
    }

    /** Guests hold only an invite link: they may join the session it names and sit in a role. */
    private static Decision guest(Action action, Target target) {
        if (action == Action.JOIN_SESSION || action == Action.TAKE_ROLE) {
            return Decision.ALLOW; // the invite link is the authority; running sessions of deprecated games go on
        }
        return Decision.deny("Please sign in.");
    }

    private static Decision manageUser(Actor actor, Target.Account account) {
        if (actor.is(GENERAL_ADMIN)) {
            return Decision.ALLOW;
        }
        if (actor.is(ACCOUNTS_ADMIN)) {
            return account.currentType().isAdmin()
                    ? Decision.deny("Only a general admin manages admin accounts.")
                    : Decision.ALLOW;
        }
        return Decision.deny("Only account admins manage accounts.");
    }

    /** No privilege escalation: nobody changes their own type; only general admins hand out admin types. */
    private static Decision grant(Actor actor, Target.Account account, boolean adminType) {
        if (Objects.equals(actor.id(), account.userId())) {
            return Decision.deny("Nobody can change their own account type.");
        }
        if (actor.is(GENERAL_ADMIN)) {
            return Decision.ALLOW;
        }
        if (adminType) {
            return Decision.deny("Only a general admin can grant an admin account type.");
        }
        if (actor.is(ACCOUNTS_ADMIN)) {
            return account.currentType().isAdmin()
                    ? Decision.deny("Only a general admin can change an admin's account type.")
                    : Decision.ALLOW;
        }
        return Decision.deny("Only account admins change account types.");
    }

    private static Decision manageGame(Actor actor, Target.Game game) {
        if (actor.is(GENERAL_ADMIN, GAMES_ADMIN)) {
            return Decision.ALLOW;
        }
        if (actor.is(GAME_OWNER)) {
            return owns(actor, game.ownerId()) ? Decision.ALLOW
                    : Decision.deny("Game owners manage only their own games.");
        }
        return Decision.deny("Only games admins and the game's owner manage a game.");
    }

    private static Decision viewGame(Actor actor, Target.Game game) {
        if (actor.is(GENERAL_ADMIN, GAMES_ADMIN, RESEARCH_ADMIN)) {
            return Decision.ALLOW;
        }
        if (actor.is(GAME_OWNER) && owns(actor, game.ownerId())) {
            return Decision.ALLOW;
        }
        return reach(actor, game);
    }

    private static Decision startSession(Actor actor, Target.Game game) {
        if (game.status() == GameStatus.DEPRECATED) {
            return Decision.deny("This game is deprecated: it starts no new sessions.");
        }
        if (actor.is(GENERAL_ADMIN, GAMES_ADMIN)) {
            return Decision.ALLOW;
        }
        if (actor.is(GAME_OWNER)) {
            return owns(actor, game.ownerId()) ? Decision.ALLOW
                    : Decision.deny("Game owners start sessions of their own games only.");
        }
        if (actor.is(SESSION_OWNER)) {
            return reach(actor, game);
        }
        return Decision.deny("Only session owners start sessions.");
    }

    private static Decision joinSession(Actor actor, Target.Session session) {
        Target.Game game = session.game();
        if (actor.is(GENERAL_ADMIN, GAMES_ADMIN)) {
            return Decision.ALLOW;
        }
        if (actor.is(GAME_OWNER) && owns(actor, game.ownerId())) {
            return Decision.ALLOW;
        }
        if (actor.is(SESSION_OWNER) && owns(actor, session.ownerId())) {
            return Decision.ALLOW;
        }
        return reach(actor, game);
    }

    private static Decision observe(Actor actor, Target.Session session, boolean takeOver) {
        if (actor.is(GENERAL_ADMIN, GAMES_ADMIN)) {
            return Decision.ALLOW;
        }
        if (actor.is(RESEARCH_ADMIN) && !takeOver) {
            return Decision.ALLOW;
        }
        if (actor.is(SESSION_OWNER) && owns(actor, session.ownerId())) {
            return Decision.ALLOW;
        }
        return Decision.deny(takeOver ? "Only games admins and the session's owner take over a role."
                : "Only admins and the session's owner watch a session.");
    }

    private static Decision reach(Actor actor, Target.Game game) {
        if (actor.mayReach(game.slug(), game.status())) {
            return Decision.ALLOW;
        }
        return Decision.deny(switch (actor.accessLevel()) {
            case PUBLISHED -> "Your account may use published games only; this game is " + game.status().word() + ".";
            case BETA -> "Your account may use published and beta games only; this game is " + game.status().word() + ".";
            case CUSTOM -> "This game is not on your account's list of games.";
            case ALL -> "This game is not available to you.";
        });
    }

    private static boolean owns(Actor actor, Long ownerId) {
        return ownerId != null && ownerId.equals(actor.id());
    }

    private static Decision allowIf(boolean allowed, String reason) {
        return allowed ? Decision.ALLOW : Decision.deny(reason);
    }
}
