package org.wsz6.play.research;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wsz6.contract.v1.ChainReport;
import org.wsz6.contract.v1.InternalApiV1;
import org.wsz6.contract.v1.ResearchEventPage;
import org.wsz6.contract.v1.ResearchSession;
import org.wsz6.contract.v1.StepViews;
import org.wsz6.play.gamehost.GameHostException;
import org.wsz6.play.gdm.ChainVerdict;
import org.wsz6.play.gdm.EventLog;

/**
 * Play's read-only research endpoints over GDM ({@link org.wsz6.contract.v1.PlayResearchApi}),
 * behind the internal API's shared-secret guard. Logs and CSVs are written straight to the
 * response as they are read.
 */
@RestController
@RequestMapping(InternalApiV1.PLAY_RESEARCH)
public class PlayResearchController {

    private final ResearchReader reader;
    private final LogExport export;
    private final StepViewRenderer views;
    private final EventLog eventLog;

    public PlayResearchController(ResearchReader reader, LogExport export, StepViewRenderer views, EventLog eventLog) {
        this.reader = reader;
        this.export = export;
        this.views = views;
        this.eventLog = eventLog;
    }

    @GetMapping("/sessions/{id}")
    public ResearchSession session(@PathVariable("id") String id) {
        return reader.session(id).orElseThrow(() -> new NotFound("There is no session " + id + " in GDM."));
    }

    @GetMapping("/sessions/{id}/verify")
    public ChainReport verify(@PathVariable("id") String id) {
        session(id);
        ChainVerdict v = eventLog.verify(id);
        return new ChainReport(id, v.intact(), v.events(), v.brokenAtSeq(), v.problem());
    }

    @GetMapping("/playthroughs/{pt}/events")
    public ResearchEventPage events(@PathVariable("pt") String pt, @RequestParam(name = "after", defaultValue = "0") long after,
                                    @RequestParam(name = "limit", defaultValue = "200") int limit,
                                    @RequestParam(name = "index", required = false) Long index) {
        requirePlaythrough(pt);
        if (limit < 1 || limit > ResearchReader.MAX_PAGE) {
            throw new BadRequest("limit must be between 1 and " + ResearchReader.MAX_PAGE + ".");
        }
        if (index != null) {
            if (index < 0) {
                throw new BadRequest("index must be 0 or more.");
            }
            return reader.pageAt(pt, index, limit);
        }
        return reader.page(pt, after, limit);
    }

    @GetMapping("/playthroughs/{pt}/log.jsonl")
    public void log(@PathVariable("pt") String pt, HttpServletResponse response) throws IOException {
        requirePlaythrough(pt);
        response.setContentType("application/x-ndjson;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"playthrough-" + pt + ".jsonl\"");
        try (OutputStream out = response.getOutputStream()) {
            export.writeJsonl(pt, out);
        }
    }

    @GetMapping("/playthroughs/{pt}/moves.csv")
    public void movesCsv(@PathVariable("pt") String pt, @RequestParam(name = "header", defaultValue = "true") boolean header,
                         HttpServletResponse response) throws IOException {
        requirePlaythrough(pt);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"moves-" + pt + ".csv\"");
        try (OutputStream out = response.getOutputStream()) {
            export.writeCsv(pt, header, out);
        }
    }

    @GetMapping("/playthroughs/{pt}/steps/{seq}/views")
    public StepViews views(@PathVariable("pt") String pt, @PathVariable("seq") long seq) {
        return views.views(pt, seq).orElseThrow(() -> new NotFound("There is no play-through " + pt + " in GDM."));
    }

    @GetMapping("/artifacts/{id}")
    public void artifact(@PathVariable("id") long id, HttpServletResponse response) throws IOException {
        boolean found = reader.withArtifact(id, a -> {
            response.setContentType("application/octet-stream");
            response.setHeader("Content-Disposition", "attachment; filename=\""
                    + a.path().replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
            response.setContentLengthLong(a.size());
            try (OutputStream out = response.getOutputStream()) {
                a.content().transferTo(out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return true;
        }).orElse(false);
        if (!found) {
            throw new NotFound("There is no artifact " + id + ".");
        }
    }

    private void requirePlaythrough(String pt) {
        if (!reader.playthroughExists(pt)) {
            throw new NotFound("There is no play-through " + pt + " in GDM.");
        }
    }

    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<Map<String, String>> notFound(NotFound e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "not_found", "message", e.getMessage()));
    }

    @ExceptionHandler(BadRequest.class)
    ResponseEntity<Map<String, String>> badRequest(BadRequest e) {
        return ResponseEntity.badRequest().body(Map.of("error", "bad_request", "message", e.getMessage()));
    }

    @ExceptionHandler(GameHostException.class)
    ResponseEntity<Map<String, String>> gameHost(GameHostException e) {
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY)
                .body(Map.of("error", e.code(), "message", "The game could not re-render this step: " + e.getMessage()));
    }
}
