package org.wsz6.admin.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.stream.Collectors;
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
import org.wsz6.admin.web.BaseUrl;
import org.wsz6.admin.sessions.InvitationRefused;
import org.wsz6.admin.sessions.LiveSession;
import org.wsz6.admin.sessions.PlayUnavailable;
import org.wsz6.admin.sessions.SessionInvitations;
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
    private final SessionInvitations invitations;
    private final BaseUrl baseUrl;

    public SessionPagesController(SessionService sessions, SessionRepository repository, TimelineService timeline,
                                  Permissions permissions, CurrentActor current, SessionInvitations invitations,
                                  BaseUrl baseUrl) {
        this.invitations = invitations;
        this.baseUrl = baseUrl;
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
    String mine(Model model, HttpServletRequest request) {
        Account me = current.account().orElseThrow();
        var live = repository.liveOwnedBy(me.id()).stream().filter(LiveSession::live).toList();
        String base = baseUrl.of(request);
        Map<String, String> inviteLinks = live.stream().filter(s -> s.inviteUrl() != null)
                .collect(Collectors.toMap(LiveSession::sessionId, s -> invitations.inviteLink(s, base)));
        model.addAttribute("live", live);
        model.addAttribute("inviteLinks", inviteLinks);
        model.addAttribute("maxInvites", SessionInvitations.MAX_ADDRESSES);
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

    /** Mails the session's invite link; on a refusal the form comes back with what was typed. */
    @PostMapping("/account/sessions/{id}/invite")
    String invite(@PathVariable String id, @RequestParam(defaultValue = "") String emails,
                  @RequestParam(defaultValue = "") String note, HttpServletRequest request, RedirectAttributes flash) {
        try {
            int sent = invitations.invite(current.account().orElseThrow(), id, emails, note, baseUrl.of(request));
            flash.addFlashAttribute("ok", sent == 1 ? "Invitation queued for 1 address." : "Invitations queued for " + sent + " addresses.");
        } catch (InvitationRefused e) {
            flash.addFlashAttribute("error", e.getMessage());
            flash.addFlashAttribute("inviteSession", id);
            flash.addFlashAttribute("inviteEmails", emails);
            flash.addFlashAttribute("inviteNote", note);
        }
        return "redirect:/account/sessions";
    }
}
