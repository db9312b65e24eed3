package org.wsz6.admin.research;

import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.wsz6.admin.accounts.Account;
import org.wsz6.admin.permissions.Action;
import org.wsz6.admin.permissions.Permissions;
import org.wsz6.admin.permissions.Target;
import org.wsz6.admin.web.NotFoundException;
import org.wsz6.contract.InternalApiException;
import org.wsz6.contract.v1.ChainReport;
import org.wsz6.contract.v1.PlayResearchApi;
import org.wsz6.contract.v1.ResearchEventPage;
import org.wsz6.contract.v1.ResearchSession;
import org.wsz6.contract.v1.StepViews;

/**
 * What a research admin may read: the dashboard over UARD's summaries, and session detail, logs
 * and replays from play's GDM through the internal API. Every method asks {@link Permissions}
 * first; play being away becomes a {@link ResearchException} with a message for the person.
 */
@Service
public class ResearchService {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ResearchService.class);

    private final Permissions permissions;
    private final ResearchSessionRepository sessions;
    private final PlayResearchApi play;

    public ResearchService(Permissions permissions, ResearchSessionRepository sessions, PlayResearchApi play) {
        this.permissions = permissions;
        this.sessions = sessions;
        this.play = play;
    }

    /** The dashboard: totals over every matching session, and one page of them. */
    public record Dashboard(SessionFilter filter, List<ResearchSessionRow> rows, PageWindow page, DashboardStats stats,
                            List<String> games, List<String> statuses) {
    }

    public Dashboard dashboard(Account reader, SessionFilter filter, int pageNumber, int pageSize) {
        requireRead(reader);
        DashboardStats stats = sessions.stats(filter);
        PageWindow page = new PageWindow(pageNumber, pageSize, stats.sessions());
        List<ResearchSessionRow> rows = sessions.page(filter, page.offset(), page.size());
        return new Dashboard(filter, rows, page, stats, sessions.games(), sessions.statuses());
    }

    /** One page of the matching sessions and how many match in all (the API's session list). */
    public record SessionPage(PageWindow page, List<ResearchSessionRow> rows) {
    }

    public SessionPage sessionPage(Account reader, SessionFilter filter, int pageNumber, int pageSize) {
        requireRead(reader);
        PageWindow page = new PageWindow(pageNumber, pageSize, sessions.stats(filter).sessions());
        return new SessionPage(page, sessions.page(filter, page.offset(), page.size()));
    }

    public List<ResearchSessionRow> find(Account reader, SessionFilter filter) {
        requireRead(reader);
        return sessions.find(filter);
    }

    public ResearchSession session(Account reader, String sessionId) {
        requireRead(reader);
        return fromPlay(() -> play.session(sessionId), "session " + sessionId);
    }

    public ChainReport verify(Account reader, String sessionId) {
        requireRead(reader);
        return fromPlay(() -> play.verify(sessionId), "session " + sessionId);
    }

    public ResearchEventPage events(Account reader, String playthroughId, long after, int limit) {
        requireRead(reader);
        if (limit < 1 || limit > 1000) {
            throw new ResearchException("limit must be between 1 and 1000.");
        }
        return fromPlay(() -> play.events(playthroughId, after, limit), "play-through " + playthroughId);
    }

    public ResearchEventPage eventAt(Account reader, String playthroughId, long index) {
        requireRead(reader);
        return fromPlay(() -> play.eventAt(playthroughId, index), "play-through " + playthroughId);
    }

    public StepViews views(Account reader, String playthroughId, long seq) {
        requireRead(reader);
        return fromPlay(() -> play.views(playthroughId, seq), "play-through " + playthroughId);
    }

    public void requireRead(Account reader) {
        permissions.require(reader.actor(), Action.RESEARCH_READ, Target.NONE);
    }

    public void requireExport(Account reader) {
        permissions.require(reader.actor(), Action.RESEARCH_EXPORT, Target.NONE);
    }

    /** Calls play; 404 becomes "not found", anything else a clear message that play is away or refused. */
    static <T> T fromPlay(Supplier<T> call, String what) {
        try {
            return call.get();
        } catch (InternalApiException e) {
            throw translate(e, what);
        }
    }

    static RuntimeException translate(InternalApiException e, String what) {
        if (e.status() == 404) {
            return new NotFoundException("There is no " + what + " in the play logs.");
        }
        if (e.status() == 0) {
            LOG.warn("Research read of {} failed: {}", what, e.getMessage());
            return new ResearchException("The play service is not reachable right now, so the play logs of " + what
                    + " cannot be read. Please try again in a moment.");
        }
        return new ResearchException("The play service could not answer for " + what + ": " + e.getMessage());
    }
}
