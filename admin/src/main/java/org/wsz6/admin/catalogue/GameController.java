package org.wsz6.admin.catalogue;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.wsz6.admin.accounts.Account;
import org.wsz6.admin.install.GameHostCli;
import org.wsz6.admin.install.GameInstaller;
import org.wsz6.admin.install.InstallRefused;
import org.wsz6.admin.install.VisPreviews;
import org.wsz6.admin.permissions.Action;
import org.wsz6.admin.permissions.Actor;
import org.wsz6.admin.permissions.GameStatus;
import org.wsz6.admin.permissions.Permissions;
import org.wsz6.admin.security.CurrentActor;
import org.wsz6.admin.sessions.PlayUnavailable;
import org.wsz6.admin.sessions.SessionService;

/** The catalogue pages: list, detail, lifecycle, validation, and starting sessions of a game. */
@Controller
public class GameController {

    private final CatalogueService catalogue;
    private final SessionService sessions;
    private final GameInstaller installer;
    private final GameSettingsService gameSettings;
    private final VisPreviews previews;
    private final String pagePolicy;
    private final Permissions permissions;
    private final CurrentActor current;

    public GameController(CatalogueService catalogue, SessionService sessions, GameInstaller installer,
                          GameSettingsService gameSettings, VisPreviews previews, Permissions permissions,
                          CurrentActor current, @Value("${wsz6.play.public-url:}") String playPublicUrl) {
        this.catalogue = catalogue;
        this.sessions = sessions;
        this.installer = installer;
        this.gameSettings = gameSettings;
        this.previews = previews;
        this.pagePolicy = PREVIEW_CSP.formatted(playPublicUrl.isBlank() ? "" : " " + playPublicUrl);
        this.permissions = permissions;
        this.current = current;
    }

    @GetMapping("/games")
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String status,
                @RequestParam(required = false) Integer players, @RequestParam(required = false) Boolean mine, Model model) {
        Actor actor = current.actor();
        GameStatus statusFilter = status == null || status.isBlank() ? null : GameStatus.fromWord(status);
        model.addAttribute("games", catalogue.list(actor, new CatalogueService.Filter(q, statusFilter, players, mine)));
        model.addAttribute("q", q);
        model.addAttribute("status", status);
        model.addAttribute("players", players);
        model.addAttribute("mine", Boolean.TRUE.equals(mine));
        model.addAttribute("statuses", GameStatus.values());
        model.addAttribute("canInstall", permissions.allows(actor, Action.INSTALL_GAME, org.wsz6.admin.permissions.Target.NONE));
        model.addAttribute("isGameOwner", actor.is(org.wsz6.admin.permissions.AccountType.GAME_OWNER));
        return "admin/games";
    }

    /**
     * The detail page shows game vis HTML in sandboxed srcdoc frames, which inherit the page's policy;
     * vis modules style themselves inline, so this page allows inline styles (like the research
     * replay). Scripts inside the frames never run: the sandbox has no allow-scripts. The play URL is
     * a form target because starting a session redirects there.
     */
    static final String PREVIEW_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-src 'self'; object-src 'none'; "
            + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'%s";

    @GetMapping("/games/{slug}")
    String detail(@PathVariable String slug, Model model, HttpServletResponse response) {
        Actor actor = current.actor();
        Game game = catalogue.visible(actor, slug);
        GameVersion version = catalogue.currentVersion(game);
        List<RolePreview> preview = previews.of(slug, version.version());
        if (preview.stream().anyMatch(p -> p.visHtml() != null)) {
            response.setHeader("Content-Security-Policy", pagePolicy);
        }
        model.addAttribute("previews", preview);
        model.addAttribute("game", game);
        model.addAttribute("version", version);
        model.addAttribute("versions", catalogue.versions(game));
        model.addAttribute("history", catalogue.history(game));
        model.addAttribute("stats", catalogue.stats(game));
        model.addAttribute("statuses", GameStatus.values());
        model.addAttribute("startDecision", permissions.check(actor, Action.START_SESSION, game.target()));
        model.addAttribute("canDebug", permissions.allows(actor, Action.DEBUG_MODE, game.target()));
        boolean canManage = permissions.allows(actor, Action.UPDATE_GAME, game.target());
        model.addAttribute("canManage", canManage);
        // Only names and the network flag reach the page; values stay in UARD.
        model.addAttribute("settings", canManage ? gameSettings.of(slug) : GameSettings.NONE);
        model.addAttribute("canLifecycle", permissions.allows(actor, Action.CHANGE_LIFECYCLE, game.target()));
        return "admin/game";
    }

    @PostMapping("/games/{slug}/sessions")
    String start(@PathVariable String slug, @RequestParam Map<String, String> form, RedirectAttributes flash) {
        return launch(slug, form, false, flash);
    }

    @PostMapping("/games/{slug}/debug")
    String debug(@PathVariable String slug, @RequestParam Map<String, String> form, RedirectAttributes flash) {
        return launch(slug, form, true, flash);
    }

    private String launch(String slug, Map<String, String> form, boolean debug, RedirectAttributes flash) {
        Account me = current.account().orElseThrow();
        Map<String, String> options = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if (k.startsWith("opt.")) {
                options.put(k.substring(4), v);
            }
        });
        try {
            return "redirect:" + sessions.launch(me, slug, options, debug);
        } catch (PlayUnavailable e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/games/" + slug;
        }
    }

    @PostMapping("/games/{slug}/status")
    String changeStatus(@PathVariable String slug, @RequestParam String status, RedirectAttributes flash) {
        GameStatus newStatus = GameStatus.fromWord(status);
        catalogue.changeStatus(current.actor(), slug, newStatus);
        flash.addFlashAttribute("ok", "The game is now " + newStatus.word() + ".");
        return "redirect:/games/" + slug;
    }

    @PostMapping("/games/{slug}/validate")
    String validate(@PathVariable String slug, @RequestParam(defaultValue = "50") int playouts, RedirectAttributes flash) {
        Actor actor = current.actor();
        Game game = catalogue.visible(actor, slug);
        try {
            GameHostCli.ValidationReport report = installer.validateInstalled(actor, game,
                    catalogue.currentVersion(game).folder(), playouts);
            flash.addFlashAttribute(report.ok() ? "ok" : "error", report.summary());
            flash.addFlashAttribute("report", report.details());
        } catch (InstallRefused e) {
            flash.addFlashAttribute("error", e.getMessage());
            flash.addFlashAttribute("report", e.report());
        }
        return "redirect:/games/" + slug + "#validation";
    }

    /** The per-game settings form: {@code value.NAME} replaces, {@code remove.NAME} deletes, {@code newName}/{@code newValue} adds. */
    @PostMapping("/games/{slug}/settings")
    String saveSettings(@PathVariable String slug, @RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        Map<String, String> replacements = new LinkedHashMap<>();
        Set<String> removals = new LinkedHashSet<>();
        form.forEach((key, values) -> {
            if (key.startsWith("value.")) {
                replacements.put(key.substring(6), values.getFirst());
            } else if (key.startsWith("remove.")) {
                removals.add(key.substring(7));
            }
        });
        GameSettingsChange change = new GameSettingsChange(replacements, removals, form.getFirst("newName"),
                form.getFirst("newValue"), form.containsKey("allowNetwork"),
                form.containsKey("adminsMayTakeOver"));
        try {
            gameSettings.update(current.actor(), slug, change);
            flash.addFlashAttribute("ok", "Settings saved. New sessions of this game get them.");
        } catch (CatalogueException e) {
            flash.addFlashAttribute("error", e.getMessage());
            // What was typed comes back, except values: a secret is never echoed into the page.
            flash.addFlashAttribute("newName", change.newName());
            flash.addFlashAttribute("enteredAllowNetwork", change.allowNetwork());
            flash.addFlashAttribute("enteredAdminsMayTakeOver", change.adminsMayTakeOver());
        }
        return "redirect:/games/" + slug + "#settings";
    }

    @PostMapping("/games/{slug}/versions/{version}/retire")
    String retire(@PathVariable String slug, @PathVariable String version, RedirectAttributes flash) {
        try {
            catalogue.retireVersion(current.actor(), slug, version);
            flash.addFlashAttribute("ok", "Version " + version + " starts no new sessions; running ones go on.");
        } catch (CatalogueException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/games/" + slug;
    }
}
