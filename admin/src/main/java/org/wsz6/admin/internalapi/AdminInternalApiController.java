package org.wsz6.admin.internalapi;

import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.wsz6.admin.accounts.Account;
import org.wsz6.admin.accounts.AccountRepository;
import org.wsz6.admin.catalogue.Game;
import org.wsz6.admin.catalogue.GameRepository;
import org.wsz6.admin.permissions.Action;
import org.wsz6.admin.permissions.Actor;
import org.wsz6.admin.permissions.Decision;
import org.wsz6.admin.permissions.Permissions;
import org.wsz6.admin.permissions.Target;
import org.wsz6.admin.sessions.SessionRepository;
import org.wsz6.admin.sessions.SessionService;
import org.wsz6.contract.v1.AccessCheckRequest;
import org.wsz6.contract.v1.AccessDecision;
import org.wsz6.contract.v1.InternalApiV1;
import org.wsz6.contract.v1.SessionStatus;
import org.wsz6.contract.v1.SessionSummary;

/**
 * Admin's side of the internal API v1, called by play (the shared-secret guard runs in front):
 * session status pushes, session summaries, and access checks for accounts reaching a game.
 */
@RestController
public class AdminInternalApiController {

    private final SessionService sessions;
    private final SessionRepository repository;
    private final AccountRepository accounts;
    private final GameRepository games;
    private final Permissions permissions;

    public AdminInternalApiController(SessionService sessions, SessionRepository repository, AccountRepository accounts,
                                      GameRepository games, Permissions permissions) {
        this.sessions = sessions;
        this.repository = repository;
        this.accounts = accounts;
        this.games = games;
        this.permissions = permissions;
    }

    @PostMapping(InternalApiV1.ADMIN_SESSION_STATUS)
    public ResponseEntity<Void> sessionStatus(@RequestBody SessionStatus status) {
        if (status.sessionId() == null || status.gameSlug() == null || status.state() == null) {
            return ResponseEntity.badRequest().build();
        }
        sessions.statusPushed(status);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(InternalApiV1.ADMIN_SESSION_SUMMARIES)
    public ResponseEntity<Void> sessionSummary(@RequestBody SessionSummary summary) {
        if (summary.sessionId() == null || summary.gameSlug() == null || summary.status() == null) {
            return ResponseEntity.badRequest().build();
        }
        Long ownerId = summary.owner() == null ? null : summary.owner().id();
        repository.saveSummary(summary, ownerId);
        return ResponseEntity.noContent().build();
    }

    /**
     * May this account reach this game for this action? Actions are {@link Action} names
     * (JOIN_SESSION, TAKE_ROLE, VIEW_GAME for asset URLs, OBSERVE_SESSION...). No username means a guest.
     */
    @PostMapping(InternalApiV1.ADMIN_ACCESS_CHECK)
    public ResponseEntity<AccessDecision> accessCheck(@RequestBody AccessCheckRequest request) {
        Action action;
        try {
            action = Action.valueOf(String.valueOf(request.action()).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(new AccessDecision(false, "Unknown action '" + request.action() + "'."));
        }
        Game game = request.gameSlug() == null ? null : games.find(request.gameSlug()).orElse(null);
        if (game == null) {
            return ResponseEntity.ok(new AccessDecision(false, "There is no game '" + request.gameSlug() + "'."));
        }
        Actor actor;
        if (request.username() == null || request.username().isBlank()) {
            actor = Actor.guest();
        } else {
            Account account = accounts.findByUsername(request.username()).orElse(null);
            if (account == null || !account.active()) {
                return ResponseEntity.ok(new AccessDecision(false, "The account '" + request.username() + "' is not active."));
            }
            actor = account.actor();
        }
        Target target = switch (action) {
            case JOIN_SESSION, TAKE_ROLE, OBSERVE_SESSION, TAKE_OVER_ROLE -> new Target.Session(null, game.target());
            case VIEW_GAME, START_SESSION, DEBUG_MODE, UPDATE_GAME, RETIRE_GAME, CHANGE_LIFECYCLE -> game.target();
            default -> Target.NONE;
        };
        Decision decision = permissions.check(actor, action, target);
        return ResponseEntity.ok(new AccessDecision(decision.allowed(), decision.reason()));
    }
}
