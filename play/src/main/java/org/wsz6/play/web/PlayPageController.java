package org.wsz6.play.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.wsz6.play.cluster.AdmissionRequest;
import org.wsz6.play.cluster.ClusterRouter;
import org.wsz6.play.gamehost.GameDescription;
import org.wsz6.play.session.GameCatalog;
import org.wsz6.play.session.Refusal;
import org.wsz6.play.session.SessionActor;
import org.wsz6.play.session.SessionInfo;
import org.wsz6.play.session.SessionRegistry;
import org.wsz6.play.session.SessionStore;
import org.wsz6.play.ws.ParticipantCookies;

/**
 * The player-facing pages: joining by invite, the owner's and observers' one-time links, the game
 * page and the debug page. Templates belong to the play UI (templates/play/*); the model of each is
 * fixed in docs/protocol.md, "Pages". Any node serves them: what needs the session's actor goes to
 * the node that owns the session ({@link ClusterRouter}).
 */
@Controller
public class PlayPageController {

    private final SessionRegistry sessions;
    private final ClusterRouter router;
    private final GameCatalog catalog;
    private final GameAccessCheck access;

    public PlayPageController(SessionRegistry sessions, ClusterRouter router, GameCatalog catalog, GameAccessCheck access) {
        this.sessions = sessions;
        this.router = router;
        this.catalog = catalog;
        this.access = access;
    }

    /** A row of the debug page: one live frame per role. */
    public record DebugFrame(int roleIndex, String roleName, String url) {
    }

    @GetMapping("/play/join/{inviteToken}")
    public String joinForm(@PathVariable String inviteToken, HttpServletRequest request, HttpServletResponse response,
                           Model model, RedirectAttributes redirect) {
        Optional<SessionInfo> session = sessions.sessionIdByInvite(inviteToken).flatMap(sessions::liveInfo);
        if (session.isEmpty()) {
            return expired(response, model);
        }
        String sessionId = session.get().id();
        if (sessions.participantFor(sessionId, ParticipantCookies.read(request, sessionId)).isPresent()) {
            return toSession(redirect, sessionId); // already in: the same link brings a player back
        }
        String refusal = access.refusalToJoin(request.getUserPrincipal(), session.get().gameSlug());
        if (refusal != null) {
            return message(response, model, HttpStatus.FORBIDDEN, "You cannot join this game", refusal);
        }
        joinModel(model, session.get(), inviteToken, request.getUserPrincipal(), null);
        return "play/join";
    }

    @PostMapping("/play/join/{inviteToken}")
    public String join(@PathVariable String inviteToken, @RequestParam(name = "name", required = false) String name,
                       HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        Optional<SessionInfo> session = sessions.sessionIdByInvite(inviteToken).flatMap(sessions::liveInfo);
        if (session.isEmpty()) {
            return expired(response, model);
        }
        String refusal = access.refusalToJoin(request.getUserPrincipal(), session.get().gameSlug());
        if (refusal != null) {
            return message(response, model, HttpStatus.FORBIDDEN, "You cannot join this game", refusal);
        }
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 40) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            joinModel(model, session.get(), inviteToken, request.getUserPrincipal(),
                    "Please enter a name of 1 to 40 characters.");
            return "play/join";
        }
        try {
            SessionActor.Admission admission = router.admit(session.get().id(),
                    AdmissionRequest.guest(trimmed, request.getUserPrincipal() != null));
            ParticipantCookies.set(request, response, session.get().id(), admission.token());
            return toSession(redirect, session.get().id());
        } catch (Refusal r) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            joinModel(model, session.get(), inviteToken, request.getUserPrincipal(), r.getMessage());
            return "play/join";
        }
    }

    @GetMapping("/play/claim/{ownerToken}")
    public String claim(@PathVariable String ownerToken, HttpServletRequest request, HttpServletResponse response,
                        Model model, RedirectAttributes redirect) {
        Optional<SessionStore.AccessToken> token = sessions.redeem(ownerToken, "owner");
        Optional<SessionInfo> session = token.flatMap(t -> sessions.liveInfo(t.sessionId()));
        if (session.isEmpty()) {
            return message(response, model, HttpStatus.GONE, "This link has been used",
                    "The owner link opens a session once. Open the session from your sessions list in the portal.");
        }
        SessionActor.Admission admission = router.admit(session.get().id(), AdmissionRequest.owner(token.get().user()));
        ParticipantCookies.set(request, response, session.get().id(), admission.token());
        return toSession(redirect, session.get().id());
    }

    @GetMapping("/play/observe/{token}")
    public String observe(@PathVariable String token, HttpServletRequest request, HttpServletResponse response,
                          Model model, RedirectAttributes redirect) {
        Optional<SessionStore.AccessToken> access = sessions.redeem(token, "observer");
        Optional<SessionInfo> session = access.flatMap(t -> sessions.liveInfo(t.sessionId()));
        if (session.isEmpty()) {
            return message(response, model, HttpStatus.GONE, "This link has expired",
                    "Observer links work once and for a short time. Ask for a new one from the live sessions list.");
        }
        SessionActor.Admission admission = router.admit(session.get().id(),
                AdmissionRequest.observer(access.get().user(), access.get().mayTakeOver()));
        ParticipantCookies.set(request, response, session.get().id(), admission.token());
        return toSession(redirect, session.get().id());
    }

    /**
     * Redirects to the session page. The view name stays the same for every session (the id goes in
     * as a template variable), so Spring's view cache holds one redirect view, not one per session.
     */
    private static String toSession(RedirectAttributes redirect, String sessionId) {
        redirect.addAttribute("sessionId", sessionId);
        return "redirect:/play/s/{sessionId}";
    }

    @GetMapping("/play/s/{sessionId}")
    public String session(@PathVariable String sessionId, @RequestParam(name = "role", required = false) Integer role,
                          @RequestParam(name = "embed", required = false) String embed,
                          HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<SessionInfo> session = sessions.liveInfo(sessionId);
        if (session.isEmpty() || sessions.participantFor(sessionId, ParticipantCookies.read(request, sessionId)).isEmpty()) {
            return notAParticipant(response, model);
        }
        String wsUrl = "/play/ws?session=" + sessionId + (role != null ? "&role=" + role : "");
        model.addAttribute("sessionId", sessionId);
        model.addAttribute("wsUrl", wsUrl);
        model.addAttribute("gameTitle", session.get().gameTitle());
        model.addAttribute("perspective", role);
        model.addAttribute("embedded", "1".equals(embed) || "true".equals(embed));
        model.addAttribute("assetBase", session.get().assetsBaseUrl());
        return "play/session";
    }

    @GetMapping("/play/s/{sessionId}/debug")
    public String debug(@PathVariable String sessionId, HttpServletRequest request, HttpServletResponse response,
                        Model model) {
        Optional<SessionInfo> session = sessions.liveInfo(sessionId);
        if (session.isEmpty() || sessions.participantFor(sessionId, ParticipantCookies.read(request, sessionId)).isEmpty()) {
            return notAParticipant(response, model);
        }
        GameDescription game = catalog.describe(session.get().gameFolder());
        List<DebugFrame> frames = new ArrayList<>();
        for (GameDescription.Role r : game.roles()) {
            frames.add(new DebugFrame(r.index(), r.name(), "/play/s/" + sessionId + "?role=" + r.index() + "&embed=1"));
        }
        model.addAttribute("sessionId", sessionId);
        model.addAttribute("gameTitle", session.get().gameTitle());
        model.addAttribute("frames", frames);
        return "play/debug";
    }

    private void joinModel(Model model, SessionInfo session, String inviteToken, Principal principal, String error) {
        GameDescription game = catalog.describe(session.gameFolder());
        model.addAttribute("gameTitle", session.gameTitle());
        model.addAttribute("gameDescription", game.briefDesc());
        model.addAttribute("ownerName", session.ownerName());
        model.addAttribute("formAction", "/play/join/" + inviteToken);
        model.addAttribute("suggestedName", principal == null ? null : principal.getName());
        model.addAttribute("error", error);
    }

    private static String expired(HttpServletResponse response, Model model) {
        return message(response, model, HttpStatus.NOT_FOUND, "This invitation is not valid",
                "The session may have ended, or the link is incomplete. Ask the session owner for a new invite link.");
    }

    private static String notAParticipant(HttpServletResponse response, Model model) {
        return message(response, model, HttpStatus.FORBIDDEN, "You are not in this session",
                "Open the invite link the session owner shared with you to join. If the session has ended, it is no longer available.");
    }

    static String message(HttpServletResponse response, Model model, HttpStatus status, String title, String text) {
        response.setStatus(status.value());
        model.addAttribute("title", title);
        model.addAttribute("message", text);
        model.addAttribute("kind", status.is4xxClientError() || status.is5xxServerError() ? "error" : "info");
        return "play/message";
    }
}
