package org.wsz6.admin.web;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.wsz6.admin.accounts.Account;
import org.wsz6.admin.permissions.AccountType;
import org.wsz6.admin.permissions.Action;
import org.wsz6.admin.permissions.Actor;
import org.wsz6.admin.permissions.PermissionDeniedException;
import org.wsz6.admin.permissions.Permissions;
import org.wsz6.admin.permissions.Target;
import org.wsz6.admin.security.CurrentActor;

/** What every admin page needs: the signed-in account ({@code me}), its top-bar links, and the 403 page. */
@ControllerAdvice(basePackages = "org.wsz6.admin")
public class PageModelAdvice {

    private final CurrentActor current;
    private final Permissions permissions;

    public PageModelAdvice(CurrentActor current, Permissions permissions) {
        this.current = current;
        this.permissions = permissions;
    }

    @ModelAttribute
    public void common(Model model) {
        Account me = current.account().orElse(null);
        model.addAttribute("me", me);
        Actor actor = me == null ? Actor.guest() : me.actor();
        model.addAttribute("nav", new Nav(
                permissions.allows(actor, Action.VIEW_USERS, Target.NONE),
                permissions.allows(actor, Action.VIEW_LIVE_SESSIONS, Target.NONE),
                permissions.allows(actor, Action.INSTALL_GAME, Target.NONE),
                actor.is(AccountType.SESSION_OWNER, AccountType.GAME_OWNER, AccountType.GENERAL_ADMIN,
                        AccountType.GAMES_ADMIN),
                permissions.allows(actor, Action.RESEARCH_READ, Target.NONE)));
    }

    @ExceptionHandler(PermissionDeniedException.class)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    public String denied(PermissionDeniedException e, Model model) {
        common(model);
        model.addAttribute("heading", "Not allowed");
        model.addAttribute("message", e.getMessage());
        return "admin/problem";
    }

    /** Bad input in a URL or form (an unknown status, type or level): a clear message, nothing changed. */
    @ExceptionHandler({IllegalArgumentException.class,
            org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class})
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    public String badInput(Exception e, Model model) {
        common(model);
        model.addAttribute("heading", "That did not work");
        model.addAttribute("message", e instanceof IllegalArgumentException ? e.getMessage()
                : "A value in the address or the form is not valid; nothing was changed.");
        return "admin/problem";
    }

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    public String notFound(NotFoundException e, Model model) {
        common(model);
        model.addAttribute("heading", "Not found");
        model.addAttribute("message", e.getMessage());
        return "admin/problem";
    }
}
