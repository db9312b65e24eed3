package org.wsz6.admin.research;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wsz6.admin.accounts.Account;
import org.wsz6.admin.permissions.PermissionDeniedException;
import org.wsz6.admin.security.CurrentActor;
import org.wsz6.admin.web.NotFoundException;
import org.wsz6.contract.v1.ChainReport;
import org.wsz6.contract.v1.ResearchEventPage;
import org.wsz6.contract.v1.ResearchSession;

/**
 * The read-only REST API for analytics tools ({@code /api/v1}, token authentication in
 * {@link ResearchApiSecurity}). Described by {@code /api/v1/openapi.json}; see docs/research-api.md.
 */
@RestController
@RequestMapping("/api/v1")
public class ResearchApiController {

    private final CurrentActor current;
    private final ResearchService research;
    private final ExportService exports;

    public ResearchApiController(CurrentActor current, ResearchService research, ExportService exports) {
        this.current = current;
        this.research = research;
        this.exports = exports;
    }

    private Account me() {
        return current.account().orElseThrow(() -> new PermissionDeniedException("This API token's account is not active."));
    }

    /**
     * One page of the matching sessions: {@code count} on this page, {@code total} matching in all.
     * The default page is the largest, so a client written before paging still gets every session
     * of a selection of up to {@value PageWindow#MAX_SIZE}.
     */
    public record SessionList(int count, long total, int page, long pages, List<ResearchSessionRow> sessions) {
    }

    @GetMapping("/sessions")
    public SessionList sessions(ResearchPageController.FilterParams params,
                                @RequestParam(name = "page", required = false) String page,
                                @RequestParam(name = "size", required = false) String size) {
        ResearchService.SessionPage result = research.sessionPage(me(), params.toFilter(),
                ResearchPageController.pageNumber(page), pageSize(size));
        return new SessionList(result.rows().size(), result.page().total(), result.page().number(),
                result.page().pages(), result.rows());
    }

    private static int pageSize(String s) {
        if (s == null || s.isBlank()) {
            return PageWindow.MAX_SIZE;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The size '" + s + "' is not a number of sessions like 100.");
        }
    }

    @GetMapping("/sessions/{id}")
    public ResearchSession session(@PathVariable("id") String id) {
        return research.session(me(), id);
    }

    @GetMapping("/sessions/{id}/verify")
    public ChainReport verify(@PathVariable("id") String id) {
        return research.verify(me(), id);
    }

    @GetMapping("/sessions/{id}/moves.csv")
    public void moves(@PathVariable("id") String id, HttpServletResponse response) throws IOException {
        ResearchSession s = exports.prepareSession(me(), id);
        response.setContentType("text/csv;charset=UTF-8");
        try (OutputStream out = response.getOutputStream()) {
            exports.writeMovesCsv(List.of(s), out);
        }
    }

    @GetMapping("/playthroughs/{pt}/events")
    public ResearchEventPage events(@PathVariable("pt") String pt, @RequestParam(name = "after", defaultValue = "0") long after,
                                    @RequestParam(name = "limit", defaultValue = "200") int limit) {
        return research.events(me(), pt, after, limit);
    }

    @GetMapping("/playthroughs/{pt}/log.jsonl")
    public void log(@PathVariable("pt") String pt, HttpServletResponse response) throws IOException {
        exports.requirePlaythrough(me(), pt);
        response.setContentType("application/x-ndjson;charset=UTF-8");
        try (OutputStream out = response.getOutputStream()) {
            exports.writePlaythroughJsonl(pt, out);
        }
    }

    @GetMapping(value = "/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> openApi() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/static/admin/research/openapi.json")) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(in.readAllBytes());
        }
    }

    @ExceptionHandler(PermissionDeniedException.class)
    ResponseEntity<Map<String, String>> denied(PermissionDeniedException e) {
        return error(HttpStatus.FORBIDDEN, "forbidden", e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Map<String, String>> notFound(NotFoundException e) {
        return error(HttpStatus.NOT_FOUND, "not_found", e.getMessage());
    }

    @ExceptionHandler({ResearchException.class, IllegalArgumentException.class})
    ResponseEntity<Map<String, String>> bad(RuntimeException e) {
        return error(HttpStatus.BAD_REQUEST, "bad_request", e.getMessage());
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("error", code, "message", message));
    }
}
