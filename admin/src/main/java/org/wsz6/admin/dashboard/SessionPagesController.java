package org.wsz6.admin.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.wsz6.admin.accounts.Account;
import org.wsz6.admin.permissions.Action;
import org.wsz6.admin.permissions.Actor;
import org.wsz6.admin.permissions.Permissions;
import org.wsz6.admin.permissions.Target;
import org.wsz6.admin.security.CurrentActor;
import org.wsz6.admin.sessions.PlayUnavailable;
import org.wsz6.admin.sessions.SessionRepository;
import org.wsz6.admin.sessions.SessionService;

/** Live sessions panel (with "join as observer"), the timeline, and a session owner's "My sessions". */
@Controller
public class SessionPagesController {

    private final SessionService sessions;
    private final SessionRepository repository;
    private final TimelineService timeline;
    private final Permissions permissions;
    private final CurrentActor current;

    public SessionPagesController(SessionService sessions, SessionRepository repository, TimelineService timeline,
                                  Permissions permissions, CurrentActor current) {
        this.sessions = sessions;
        this.repository = repository;
        this.timeline = timeline;
        this.permissions = permissions;
        this.current = current;
    }

    @GetMapping("/admin/sessions")
    String live(Model model) {
        model.addAttribute("panel", sessions.livePanel(current.actor()));
        return "admin/live";
    }

    /** The panel's rows alone; the page's script fetches them every few seconds. */
    @GetMapping("/admin/sessions/rows")
    String liveRows(Model model) {
        model.addAttribute("panel", sessions.livePanel(current.actor()));
        return "admin/live :: rows";
    }

    @PostMapping("/admin/sessions/{id}/observe")
    String observe(@PathVariable String id, RedirectAttributes flash) {
        try {
            return "redirect:" + sessions.observe(current.account().orElseThrow(), id);
        } catch (PlayUnavailable e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/admin/sessions";
        }
    }

    @GetMapping("/admin/timeline")
    String timeline(@RequestParam(defaultValue = "7") int days, @RequestParam(defaultValue = "UTC") String zone, Model model) {
        permissions.require(current.actor(), Action.VIEW_LIVE_SESSIONS, Target.NONE);
        int window = Math.max(1, Math.min(days, 365));
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (RuntimeException e) {
            zoneId = ZoneId.of("UTC");
        }
        Instant to = Instant.now().plus(Duration.ofMinutes(5));
        model.addAttribute("timeline", timeline.build(to.minus(Duration.ofDays(window)), to, zoneId));
        model.addAttribute("days", window);
        return "admin/timeline";
    }

    @GetMapping("/account/sessions")
    String mine(Model model) {
        Account me = current.account().orElseThrow();
        model.addAttribute("live", repository.liveOwnedBy(me.id()).stream().filter(s -> s.live()).toList());
        model.addAttribute("past", repository.ownedBy(me.id()));
        return "admin/my-sessions";
    }

    @PostMapping("/account/sessions/{id}/continue")
    String continuePaused(@PathVariable String id, RedirectAttributes flash) {
        try {
            return "redirect:" + sessions.continuePaused(current.account().orElseThrow(), id);
        } catch (PlayUnavailable e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/account/sessions";
        }
    }

    @PostMapping("/account/sessions/{id}/observe")
    String observeOwn(@PathVariable String id, RedirectAttributes flash) {
        try {
            return "redirect:" + sessions.observe(current.account().orElseThrow(), id);
        } catch (PlayUnavailable e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/account/sessions";
        }
    }
}
