package org.wsz6.admin.research;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.wsz6.admin.permissions.Action;
import org.wsz6.admin.permissions.Permissions;
import org.wsz6.admin.permissions.Target;
import org.wsz6.admin.security.CurrentActor;
import org.wsz6.admin.sessions.SessionRecord;
import org.wsz6.admin.sessions.SessionRepository;
import org.wsz6.admin.web.NotFoundException;
import org.wsz6.contract.InternalHttpClient;
import org.wsz6.contract.v1.SessionSummary;

/**
 * A session's summary as UARD holds it (participants, play-throughs, the chain of continued
 * sessions), for research admins. The replay viewer and exports read play's logs (GDM) and are
 * built on top of this page.
 */
@Controller
public class ResearchSessionController {

    private final SessionRepository sessions;
    private final JdbcClient jdbc;
    private final Permissions permissions;
    private final CurrentActor current;

    public ResearchSessionController(SessionRepository sessions, @Qualifier("uardJdbc") JdbcClient jdbc,
                                     Permissions permissions, CurrentActor current) {
        this.sessions = sessions;
        this.jdbc = jdbc;
        this.permissions = permissions;
        this.current = current;
    }

    @GetMapping("/research/sessions/{id}")
    String session(@PathVariable String id, Model model) throws JsonProcessingException {
        permissions.require(current.actor(), Action.RESEARCH_READ, Target.NONE);
        SessionRecord record = sessions.findSummary(id).orElseThrow(() -> new NotFoundException("There is no session summary " + id + "."));
        String json = jdbc.sql("SELECT summary_json FROM session_summaries WHERE session_id = ?").param(id).query(String.class).single();
        SessionSummary summary = InternalHttpClient.JSON.readValue(json, SessionSummary.class);
        List<SessionRecord> chain = new ArrayList<>();
        SessionRecord at = record;
        while (at.parentSessionId() != null && chain.size() < 50) {
            SessionRecord parent = sessions.findSummary(at.parentSessionId()).orElse(null);
            if (parent == null) {
                break;
            }
            chain.add(0, parent);
            at = parent;
        }
        model.addAttribute("session", record);
        model.addAttribute("summary", summary);
        model.addAttribute("chain", chain);
        return "admin/research-session";
    }
}
