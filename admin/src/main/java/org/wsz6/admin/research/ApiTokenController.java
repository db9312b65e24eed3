package org.wsz6.admin.research;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.wsz6.admin.accounts.Account;
import org.wsz6.admin.permissions.Action;
import org.wsz6.admin.permissions.PermissionDeniedException;
import org.wsz6.admin.permissions.Permissions;
import org.wsz6.admin.permissions.Target;
import org.wsz6.admin.security.CurrentActor;

/** The "API tokens" page: create (the token is shown once, right after), list, revoke. */
@Controller
public class ApiTokenController {

    private final CurrentActor current;
    private final ApiTokenService tokens;
    private final Permissions permissions;

    public ApiTokenController(CurrentActor current, ApiTokenService tokens, Permissions permissions) {
        this.current = current;
        this.tokens = tokens;
        this.permissions = permissions;
    }

    private Account me() {
        Account me = current.account().orElseThrow(() -> new PermissionDeniedException("Please sign in."));
        permissions.require(me.actor(), Action.API_TOKENS, Target.NONE);
        return me;
    }

    @GetMapping("/research/tokens")
    public String page(Model model) {
        model.addAttribute("tokens", tokens.list(me()));
        return "admin/research/tokens";
    }

    @PostMapping("/research/tokens")
    public String create(@RequestParam(name = "name", defaultValue = "") String name, RedirectAttributes flash) {
        try {
            ApiTokenService.Created created = tokens.create(me(), name);
            flash.addFlashAttribute("newToken", created.secret());
            flash.addFlashAttribute("ok", "Token \u201c" + created.token().name() + "\u201d created. Copy it now: it is not shown again.");
        } catch (ResearchException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/research/tokens";
    }

    @PostMapping("/research/tokens/{id}/revoke")
    public String revoke(@PathVariable("id") long id, RedirectAttributes flash) {
        try {
            tokens.revoke(me(), id);
            flash.addFlashAttribute("ok", "Token revoked. Tools using it are refused from now on.");
        } catch (ResearchException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/research/tokens";
    }
}
