package org.wsz6.play.research;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.wsz6.contract.v1.StepViews;
import org.wsz6.play.gamehost.GameDescription;
import org.wsz6.play.gamehost.GameHost;
import org.wsz6.play.gamehost.StepResult;
import org.wsz6.play.session.GameCatalog;
import org.wsz6.play.session.SessionStore;

/**
 * What every role saw at one point of a play-through: the game re-renders the logged snapshot in
 * a throw-away play-through of its own (never the live one), which is closed right after. Events
 * without a state (joins, pauses) show the state of the last event before them that had one.
 */
@Service
public class StepViewRenderer {

    private final JdbcClient jdbc;
    private final SessionStore store;
    private final GameCatalog catalog;
    private final ResearchReader reader;

    public StepViewRenderer(@Qualifier("gdmJdbc") JdbcClient jdbc, SessionStore store, GameCatalog catalog,
                            ResearchReader reader) {
        this.jdbc = jdbc;
        this.store = store;
        this.catalog = catalog;
        this.reader = reader;
    }

    private record Snapshot(long seq, int step, String snapshot) {
    }

    public Optional<StepViews> views(String playthroughId, long seq) {
        Optional<SessionStore.StoredPlaythrough> pt = store.playthrough(playthroughId);
        if (pt.isEmpty()) {
            return Optional.empty();
        }
        Optional<Snapshot> snap = jdbc.sql("""
                        SELECT seq, step, snapshot FROM events
                        WHERE playthrough_id = ? AND seq <= ? AND snapshot IS NOT NULL ORDER BY seq DESC LIMIT 1""")
                .params(playthroughId, seq)
                .query((rs, n) -> new Snapshot(rs.getLong("seq"), rs.getInt("step"), rs.getString("snapshot")))
                .optional();
        if (snap.isEmpty()) {
            return Optional.of(new StepViews(playthroughId, seq, 0, List.of()));
        }
        var info = store.session(pt.get().sessionId()).orElseThrow().info();
        List<GameDescription.Role> roles = reader.roles(info.gameFolder());
        GameHost host = catalog.host();
        String throwAway = "research-" + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());
        try {
            Map<String, Object> config = pt.get().config();
            StepResult r = host.restore(info.gameFolder(), throwAway, snap.get().snapshot(), pt.get().seed(),
                    snap.get().step(), config, info.assetsBaseUrl());
            List<StepViews.RoleView> views = r.views() == null ? List.of() : r.views().stream()
                    .map(v -> new StepViews.RoleView(v.role(), roleName(roles, v.role()), v.text(), v.visHtml()))
                    .toList();
            return Optional.of(new StepViews(playthroughId, seq, r.step(), views));
        } finally {
            try {
                host.close(throwAway);
            } catch (RuntimeException ignored) {
                // the worker may already have dropped it; nothing is left to free
            }
        }
    }

    private static String roleName(List<GameDescription.Role> roles, int role) {
        return roles.stream().filter(r -> r.index() == role).map(GameDescription.Role::name).findFirst()
                .orElse("Role " + role);
    }
}
