package org.wsz6.admin.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.wsz6.admin.accounts.Account;
import org.wsz6.admin.accounts.AccountException;
import org.wsz6.admin.accounts.AccountRepository;
import org.wsz6.admin.accounts.AccountService;
import org.wsz6.admin.accounts.NewAccount;
import org.wsz6.admin.catalogue.Game;
import org.wsz6.admin.catalogue.GameRepository;
import org.wsz6.admin.permissions.AccessLevel;
import org.wsz6.admin.permissions.AccountType;
import org.wsz6.admin.permissions.Action;
import org.wsz6.admin.permissions.Actor;
import org.wsz6.admin.permissions.Permissions;
import org.wsz6.admin.permissions.Target;
import org.wsz6.admin.security.CurrentActor;
import org.wsz6.admin.sessions.SessionRepository;
import org.wsz6.admin.web.BaseUrl;
import org.wsz6.admin.web.NotFoundException;

/** The users dashboard: list with search and filters, detail with type, access, games and sessions; account changes. */
@Controller
public class UserController {

    private final AccountRepository accounts;
    private final AccountService service;
    private final GameRepository games;
    private final SessionRepository sessions;
    private final Permissions permissions;
    private final CurrentActor current;
    private final BaseUrl baseUrl;

    public UserController(AccountRepository accounts, AccountService service, GameRepository games,
                          SessionRepository sessions, Permissions permissions, CurrentActor current, BaseUrl baseUrl) {
        this.accounts = accounts;
        this.service = service;
        this.games = games;
        this.sessions = sessions;
        this.permissions = permissions;
        this.current = current;
        this.baseUrl = baseUrl;
    }

    @GetMapping("/admin/users")
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String type,
                @RequestParam(required = false) String active, Model model) {
        permissions.require(current.actor(), Action.VIEW_USERS, Target.NONE);
        AccountType typeFilter = type == null || type.isBlank() ? null : AccountType.valueOf(type);
        Boolean activeFilter = active == null || active.isBlank() ? null : Boolean.valueOf(active);
        model.addAttribute("users", accounts.list(new AccountRepository.Filter(q, typeFilter, activeFilter)));
        model.addAttribute("q", q);
        model.addAttribute("type", type);
        model.addAttribute("active", active);
        model.addAttribute("types", AccountType.values());
        model.addAttribute("canCreate", creatableTypes(current.actor()).size() > 0);
        return "admin/users";
    }

    @GetMapping("/admin/users/new")
    String newForm(Model model) {
        Actor actor = current.actor();
        permissions.require(actor, Action.VIEW_USERS, Target.NONE);
        model.addAttribute("types", creatableTypes(actor));
        model.addAttribute("levels", AccessLevel.values());
        model.addAttribute("games", games.all());
        return "admin/user-new";
    }

    @PostMapping("/admin/users")
    String create(@RequestParam String username, @RequestParam String displayName, @RequestParam String email,
                  @RequestParam AccountType type, @RequestParam AccessLevel accessLevel,
                  @RequestParam(required = false) String[] customGames, HttpServletRequest request,
                  Model model, RedirectAttributes flash) {
        try {
            Account created = service.create(current.actor(), new NewAccount(username, displayName, email, type, accessLevel,
                    slugs(customGames)), baseUrl.of(request));
            flash.addFlashAttribute("ok", "Created " + created.username() + "; an invitation was sent to " + created.email() + ".");
            return "redirect:/admin/users/" + created.id();
        } catch (AccountException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("entered", new NewAccount(username, displayName, email, type, accessLevel, slugs(customGames)));
            return newForm(model);
        }
    }

    @GetMapping("/admin/users/{id}")
    String detail(@PathVariable long id, Model model) {
        Actor actor = current.actor();
        permissions.require(actor, Action.VIEW_USERS, Target.NONE);
        Account account = accounts.findById(id).orElseThrow(() -> new NotFoundException("There is no account #" + id + "."));
        Target.Account target = new Target.Account(id, account.type());
        List<Game> all = games.all();
        model.addAttribute("user", account);
        model.addAttribute("allowedGames", all.stream()
                .filter(g -> permissions.allows(account.actor(), Action.VIEW_GAME, g.target())).toList());
        model.addAttribute("allGames", all);
        model.addAttribute("owned", sessions.ownedBy(id));
        model.addAttribute("played", sessions.playedBy(id));
        model.addAttribute("canManage", permissions.allows(actor, Action.MANAGE_USER, target));
        model.addAttribute("grantableTypes", Arrays.stream(AccountType.values())
                .filter(t -> permissions.allows(actor, Action.grantOf(t), target)).toList());
        model.addAttribute("levels", AccessLevel.values());
        model.addAttribute("isSelf", actor.id() != null && actor.id() == id);
        model.addAttribute("canResearch", permissions.allows(actor, Action.RESEARCH_READ, Target.NONE));
        return "admin/user";
    }

    @PostMapping("/admin/users/{id}/type")
    String changeType(@PathVariable long id, @RequestParam AccountType type, RedirectAttributes flash) {
        service.changeType(current.actor(), id, type);
        flash.addFlashAttribute("ok", "The account type is now " + type.label() + ".");
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/admin/users/{id}/access")
    String changeAccess(@PathVariable long id, @RequestParam AccessLevel accessLevel,
                        @RequestParam(required = false) String[] customGames, RedirectAttributes flash) {
        try {
            service.changeAccess(current.actor(), id, accessLevel, slugs(customGames));
            flash.addFlashAttribute("ok", "Game access is now: " + accessLevel.label() + ".");
        } catch (AccountException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/admin/users/{id}/profile")
    String profile(@PathVariable long id, @RequestParam String displayName, @RequestParam(defaultValue = "") String email,
                   RedirectAttributes flash) {
        try {
            service.updateProfile(current.actor(), id, displayName, email);
            flash.addFlashAttribute("ok", "Saved.");
        } catch (AccountException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/admin/users/{id}/active")
    String active(@PathVariable long id, @RequestParam boolean active, RedirectAttributes flash) {
        try {
            service.setActive(current.actor(), id, active);
            flash.addFlashAttribute("ok", active ? "The account is active again." : "The account is deactivated; it is signed out everywhere.");
        } catch (AccountException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/users/" + id;
    }

    private List<AccountType> creatableTypes(Actor actor) {
        return Arrays.stream(AccountType.values())
                .filter(t -> permissions.allows(actor, Action.MANAGE_USER, new Target.Account(-1, t))
                        && permissions.allows(actor, Action.grantOf(t), new Target.Account(-1, t)))
                .toList();
    }

    private static Set<String> slugs(String[] values) {
        return values == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(values));
    }
}
