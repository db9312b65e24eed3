package org.wsz6.play.web;

import java.security.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.wsz6.contract.InternalApiException;
import org.wsz6.contract.v1.AccessCheckRequest;
import org.wsz6.contract.v1.AccessDecision;
import org.wsz6.contract.v1.AdminApi;

/**
 * Asks WSZ6-admin whether a signed-in person may reach a session's game (their account's access
 * level and the game's status), before they join by invite link. Guests hold only the link, which is
 * the authority for them. When admin cannot be asked, a signed-in person is refused with a reason
 * rather than let in unchecked.
 */
@Component
public class GameAccessCheck {

    private static final Logger log = LoggerFactory.getLogger(GameAccessCheck.class);

    private final AdminApi admin;

    public GameAccessCheck(AdminApi admin) {
        this.admin = admin;
    }

    /** Null when the person may join; otherwise the reason to show them. */
    public String refusalToJoin(Principal user, String gameSlug) {
        if (user == null) {
            return null;
        }
        try {
            AccessDecision decision = admin.accessCheck(new AccessCheckRequest(user.getName(), gameSlug, "JOIN_SESSION"));
            return decision.allowed() ? null
                    : (decision.reason() == null || decision.reason().isBlank() ? "Your account cannot reach this game." : decision.reason());
        } catch (InternalApiException e) {
            log.warn("access check for {} on {} failed: {}", user.getName(), gameSlug, e.getMessage());
            return "Your access to this game cannot be checked right now. Please try again in a moment.";
        }
    }
}
