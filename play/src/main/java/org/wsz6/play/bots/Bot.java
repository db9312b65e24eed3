package org.wsz6.play.bots;

import org.wsz6.play.gamehost.StepResult;

/**
 * Picks a move for one role from what that role may see: its text view and the operators it may
 * apply now. Bots never see other roles' views or the raw state. Called off the session actor's
 * thread, so a slow bot never holds up the session.
 */
public interface Bot {

    String kind();

    /** Returns null when the view offers no operator. */
    BotMove choose(String gameTitle, String roleName, StepResult.RoleView view);
}
