package org.wsz6.admin.research;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.wsz6.admin.accounts.Account;
import org.wsz6.admin.permissions.PermissionDeniedException;
import org.wsz6.admin.security.CurrentActor;
import org.wsz6.contract.v1.ChainReport;
import org.wsz6.contract.v1.ResearchEventPage;
import org.wsz6.contract.v1.ResearchSession;
import org.wsz6.contract.v1.StepViews;

/**
 * The research panel's pages: dashboard, session detail, replay viewer, annotations and exports.
 * Decisions are made by {@link ResearchService} (which asks the permission service); this class
 * only maps requests to it and picks templates.
 */
@Controller
public class ResearchPageController {

    /**
     * The replay page shows game HTML in sandboxed srcdoc frames, which inherit the page's policy;
     * vis modules style themselves inline, so this page alone allows inline styles. Scripts inside
     * the frames never run: the sandbox has no allow-scripts.
     */
    static final String REPLAY_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-src 'self'; object-src 'none'; "
            + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private final CurrentActor current;
    private final ResearchService research;
    private final AnnotationService annotations;
    private final ExportService exports;

    public ResearchPageController(CurrentActor current, ResearchService research, AnnotationService annotations,
                                  ExportService exports) {
        this.current = current;
        this.research = research;
        this.annotations = annotations;
        this.exports = exports;
    }

    private Account me() {
        return current.account().orElseThrow(() -> new PermissionDeniedException("Please sign in."));
    }

    @GetMapping("/research")
    public String dashboard(FilterParams params, @RequestParam(name = "page", required = false) String page, Model model) {
        Account me = me();
        SessionFilter filter = params.toFilter();
        model.addAttribute("dash", research.dashboard(me, filter, pageNumber(page), DASHBOARD_PAGE_SIZE));
        model.addAttribute("query", query(filter));
        return "admin/research/dashboard";
    }

    /** Sessions per dashboard page; the totals above the table always cover every matching session. */
    static final int DASHBOARD_PAGE_SIZE = 50;

    /** A page number from the query string: absent means the first; anything but a number is refused clearly. */
    static int pageNumber(String s) {
        if (s == null || s.isBlank()) {
            return 1;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The page '" + s + "' is not a page number like 2.");
        }
    }

    /** The dashboard's filter fields as the query string carries them (dates still unparsed). */
    record FilterParams(String game, String from, String to, String owner, String player, String status, String outcome) {
        SessionFilter toFilter() {
            return new SessionFilter(game, date(from, "start"), date(to, "end"), owner, player, status, outcome);
        }
    }

    private static LocalDate date(String s, String which) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(s.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("The " + which + " date '" + s + "' is not a date like 2026-11-25.");
        }
    }

    /** The filter as a query string, so exports of the filtered set carry the same filters. */
    static String query(SessionFilter f) {
        var b = org.springframework.web.util.UriComponentsBuilder.newInstance();
        if (f.game() != null) b.queryParam("game", f.game());
        if (f.from() != null) b.queryParam("from", f.from());
        if (f.to() != null) b.queryParam("to", f.to());
        if (f.owner() != null) b.queryParam("owner", f.owner());
        if (f.player() != null) b.queryParam("player", f.player());
        if (f.status() != null) b.queryParam("status", f.status());
        if (f.outcome() != null) b.queryParam("outcome", f.outcome());
        String q = b.encode().build().getQuery();
        return q == null ? "" : q;
    }

    @GetMapping("/research/sessions/{id}")
    public String session(@PathVariable("id") String id, Model model) {
        Account me = me();
        ResearchSession s = research.session(me, id);
        model.addAttribute("s", s);
        model.addAttribute("chain", research.verify(me, id));
        model.addAttribute("annotations", annotations.visible(me, id));
        return "admin/research/session";
    }

    /** The viewer: event {@code i} (0-based) of a play-through, every role's view after it, and the chain badge. */
    @GetMapping("/research/sessions/{id}/playthroughs/{pt}/replay")
    public String replay(@PathVariable("id") String id, @PathVariable("pt") String pt,
                         @RequestParam(name = "i", defaultValue = "0") long index, Model model,
                         HttpServletResponse response) {
        Account me = me();
        ResearchSession s = research.session(me, id);
        ResearchSession.Playthrough playthrough = s.playthroughs().stream().filter(p -> p.id().equals(pt)).findFirst()
                .orElseThrow(() -> new org.wsz6.admin.web.NotFoundException("Session " + id + " has no play-through " + pt + "."));
        long last = Math.max(0, playthrough.events() - 1);
        long i = Math.max(0, Math.min(index, last));
        ResearchEventPage page = research.eventAt(me, pt, i);
        ResearchEventPage.Event event = page.events().isEmpty() ? null : page.events().get(0);
        StepViews views = event == null ? null : research.views(me, pt, event.seq());
        ChainReport chain = research.verify(me, id);
        response.setHeader("Content-Security-Policy", REPLAY_CSP);
        model.addAttribute("s", s);
        model.addAttribute("base", "/research/sessions/" + id + "/playthroughs/" + pt + "/replay");
        model.addAttribute("pt", playthrough);
        model.addAttribute("i", i);
        model.addAttribute("last", last);
        model.addAttribute("event", event);
        model.addAttribute("eventJson", event == null ? "" : pretty(event.payload()));
        model.addAttribute("views", views);
        model.addAttribute("chain", chain);
        model.addAttribute("afterBreak", event != null && !chain.intact() && event.seq() >= chain.brokenAtSeq());
        model.addAttribute("annotations", annotations.visible(me, id).stream()
                .filter(a -> pt.equals(a.playthroughId())).toList());
        return "admin/research/replay";
    }

    private static String pretty(Object o) {
        try {
            return org.wsz6.contract.InternalHttpClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (IOException e) {
            return String.valueOf(o);
        }
    }

    @PostMapping("/research/sessions/{id}/annotations")
    public String annotate(@PathVariable("id") String id, @RequestParam(name = "playthroughId", required = false) String pt,
                           @RequestParam(name = "eventSeq", required = false) Long seq,
                           @RequestParam(name = "body", defaultValue = "") String body,
                           @RequestParam(name = "shared", defaultValue = "false") boolean shared,
                           @RequestParam(name = "back", required = false) String back, RedirectAttributes flash) {
        Account me = me();
        research.requireRead(me);
        try {
            annotations.add(me, id, blankToNull(pt), seq, body, shared);
            flash.addFlashAttribute("ok", shared ? "Annotation saved and shared with other researchers."
                    : "Annotation saved (only you can see it).");
        } catch (ResearchException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + localOr(back, "/research/sessions/" + id);
    }

    @PostMapping("/research/annotations/{aid}/delete")
    public String deleteAnnotation(@PathVariable("aid") long aid, @RequestParam(name = "back", required = false) String back,
                                   RedirectAttributes flash) {
        Account me = me();
        research.requireRead(me);
        try {
            annotations.delete(me, aid);
            flash.addFlashAttribute("ok", "Annotation deleted.");
        } catch (ResearchException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + localOr(back, "/research");
    }

    /** Only paths on this site: a crafted "back" must not turn the form into an open redirect. */
    static String localOr(String back, String fallback) {
        return back != null && back.startsWith("/research") && !back.startsWith("//") ? back : fallback;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** One artifact version: downloaded, or shown as plain text in a sandbox ({@code view=true}). */
    @GetMapping("/research/sessions/{id}/artifacts/{aid}")
    public void artifact(@PathVariable("id") String id, @PathVariable("aid") long aid,
                         @RequestParam(name = "view", defaultValue = "false") boolean view, HttpServletResponse response)
            throws IOException {
        Account me = me();
        ResearchSession s = research.session(me, id);
        ResearchSession.Artifact a = s.artifacts().stream().filter(x -> x.id() == aid).findFirst()
                .orElseThrow(() -> new org.wsz6.admin.web.NotFoundException("Session " + id + " has no artifact " + aid + "."));
        String name = ExportService.safe(a.path().substring(a.path().lastIndexOf('/') + 1));
        if (view) {
            // Shown as text, never as HTML: a document a game wrote is untrusted.
            response.setContentType("text/plain;charset=UTF-8");
            response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
            response.setHeader("Content-Disposition", "inline; filename=\"" + name + "\"");
        } else {
            response.setContentType("application/octet-stream");
            response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        exports.writeArtifact(a.id(), response.getOutputStream());
    }

    // --- exports --------------------------------------------------------------------------------

    @GetMapping("/research/sessions/{id}/playthroughs/{pt}/log.jsonl")
    public void playthroughJsonl(@PathVariable("id") String id, @PathVariable("pt") String pt, HttpServletResponse response)
            throws IOException {
        exports.requirePlaythrough(me(), pt);
        response.setContentType("application/x-ndjson;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"playthrough-" + ExportService.safe(pt) + ".jsonl\"");
        try (OutputStream out = response.getOutputStream()) {
            exports.writePlaythroughJsonl(pt, out);
        }
    }

    @GetMapping("/research/sessions/{id}/moves.csv")
    public void sessionCsv(@PathVariable("id") String id, HttpServletResponse response) throws IOException {
        ResearchSession s = exports.prepareSession(me(), id);
        csvHeaders(response, "moves-" + ExportService.safe(id) + ".csv");
        try (OutputStream out = response.getOutputStream()) {
            exports.writeMovesCsv(List.of(s), out);
        }
    }

    @GetMapping("/research/sessions/{id}/export.zip")
    public void sessionZip(@PathVariable("id") String id,
                           @RequestParam(name = "annotations", defaultValue = "false") boolean withAnnotations,
                           HttpServletResponse response) throws IOException {
        Account me = me();
        ResearchSession s = exports.prepareSession(me, id);
        zipHeaders(response, "session-" + ExportService.safe(id) + ".zip");
        try (OutputStream out = response.getOutputStream()) {
            exports.writeSessionZip(me, s, withAnnotations, out);
        }
    }

    @GetMapping("/research/export.zip")
    public void filteredZip(FilterParams params,
                            @RequestParam(name = "annotations", defaultValue = "false") boolean withAnnotations,
                            HttpServletResponse response) throws IOException {
        Account me = me();
        var rows = exports.prepareFiltered(me, params.toFilter());
        zipHeaders(response, "sessions.zip");
        try (OutputStream out = response.getOutputStream()) {
            exports.writeFilteredZip(me, rows, withAnnotations, out);
        }
    }

    @GetMapping("/research/moves.csv")
    public void filteredCsv(FilterParams params,
                            HttpServletResponse response) throws IOException {
        Account me = me();
        var rows = exports.prepareFiltered(me, params.toFilter());
        csvHeaders(response, "moves.csv");
        try (OutputStream out = response.getOutputStream()) {
            exports.writeFilteredCsv(rows, out);
        }
    }

    private static void csvHeaders(HttpServletResponse response, String name) {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }

    private static void zipHeaders(HttpServletResponse response, String name) {
        response.setContentType("application/zip");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }

    // --- refusals -------------------------------------------------------------------------------

    @ExceptionHandler({ResearchException.class, IllegalArgumentException.class})
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    public String refused(RuntimeException e, Model model) {
        model.addAttribute("heading", "Cannot show this");
        model.addAttribute("message", e.getMessage());
        return "admin/problem";
    }
}
