package org.wsz6.admin.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.wsz6.admin.catalogue.Game;
import org.wsz6.admin.catalogue.GameRepository;
import org.wsz6.admin.sessions.LiveSession;
import org.wsz6.admin.sessions.SessionRecord;
import org.wsz6.admin.sessions.SessionRepository;

/**
 * Builds the sessions timeline: every session (finished ones from the summaries, running ones from
 * the live states) as a bar from its start to its end (or now). Games are ranked by how many
 * sessions they had in the window; the most popular is red, the next ones cooler colours, and
 * games past the top five grey.
 */
@Service
public class TimelineService {

    /** Hottest to coolest; everything after the fifth game is {@link #OTHER}. */
    static final List<String> POPULARITY_COLOURS = List.of("#d7263d", "#f46036", "#e2b007", "#1b998b", "#2e86de");
    static final String OTHER = "#a3a9b5";

    private static final int WIDTH = 1000, LABEL_WIDTH = 170, LANE = 30, BAR = 18, TOP = 28;

    private final SessionRepository sessions;
    private final GameRepository games;

    public TimelineService(SessionRepository sessions, GameRepository games) {
        this.sessions = sessions;
        this.games = games;
    }

    record Item(String slug, String sessionId, String owner, Instant start, Instant end, String state, String detail, boolean live) {
    }

    public Timeline build(Instant from, Instant to, ZoneId zone) {
        Map<String, Item> items = new LinkedHashMap<>();
        for (SessionRecord s : sessions.summariesBetween(from, to)) {
            items.put(s.sessionId(), new Item(s.gameSlug(), s.sessionId(), s.ownerName(), s.createdAt(),
                    s.endedAt() == null ? s.createdAt() : s.endedAt(), s.status(),
                    s.playthroughs() + " play-through(s), " + s.completed() + " completed", false));
        }
        Instant now = Instant.now();
        for (LiveSession s : sessions.liveBetween(from, to)) {
            if (!items.containsKey(s.sessionId())) {
                boolean running = s.live();
                items.put(s.sessionId(), new Item(s.gameSlug(), s.sessionId(), s.ownerName(), s.startedAt(),
                        running ? now : s.updatedAt(), s.state(), s.humans() + " player(s), step " + s.step(), running));
            }
        }
        Map<String, Long> counts = new HashMap<>();
        items.values().forEach(i -> counts.merge(i.slug(), 1L, Long::sum));
        List<String> ranked = counts.keySet().stream()
                .sorted(Comparator.comparing((String slug) -> -counts.get(slug)).thenComparing(slug -> slug)).toList();
        Map<String, String> titles = new HashMap<>();
        for (Game g : games.all()) {
            titles.put(g.slug(), g.title());
        }

        double span = Math.max(1, Duration.between(from, to).toSeconds());
        double plot = WIDTH - LABEL_WIDTH - 10;
        DateTimeFormatter when = DateTimeFormatter.ofPattern("MMM d, HH:mm", Locale.ENGLISH).withZone(zone);
        List<Timeline.Lane> lanes = new ArrayList<>();
        List<Timeline.LegendEntry> legend = new ArrayList<>();
        for (int rank = 0; rank < ranked.size(); rank++) {
            String slug = ranked.get(rank);
            String colour = rank < POPULARITY_COLOURS.size() ? POPULARITY_COLOURS.get(rank) : OTHER;
            String title = titles.getOrDefault(slug, slug);
            int y = TOP + rank * LANE;
            List<Timeline.Bar> bars = new ArrayList<>();
            for (Item i : items.values()) {
                if (!i.slug().equals(slug)) {
                    continue;
                }
                Instant start = i.start().isBefore(from) ? from : i.start();
                Instant end = i.end().isAfter(to) ? to : i.end();
                double x = LABEL_WIDTH + plot * Duration.between(from, start).toSeconds() / span;
                double w = Math.max(3, plot * Math.max(0, Duration.between(start, end).toSeconds()) / span);
                String tip = title + " · " + i.sessionId() + "\n" + when.format(i.start()) + " – "
                        + (i.live() ? "running" : when.format(i.end())) + " (" + minutes(i.start(), i.end()) + ")\n"
                        + "Owner: " + (i.owner() == null ? "—" : i.owner()) + " · " + i.state() + "\n" + i.detail();
                bars.add(new Timeline.Bar(round(x), round(w), y + (LANE - BAR) / 2, BAR, colour, tip, i.live()));
            }
            lanes.add(new Timeline.Lane(title, y, colour, counts.get(slug).intValue(), bars));
            if (rank < POPULARITY_COLOURS.size()) {
                legend.add(new Timeline.LegendEntry("#" + (rank + 1) + " " + title + " (" + counts.get(slug) + ")", colour));
            }
        }
        if (ranked.size() > POPULARITY_COLOURS.size()) {
            legend.add(new Timeline.LegendEntry("other games", OTHER));
        }
        List<Timeline.Tick> ticks = new ArrayList<>();
        DateTimeFormatter tickFormat = DateTimeFormatter.ofPattern(span > 3 * 86400 ? "MMM d" : "MMM d HH:mm", Locale.ENGLISH)
                .withZone(zone);
        for (int t = 0; t <= 6; t++) {
            Instant at = from.plusSeconds((long) (span * t / 6));
            ticks.add(new Timeline.Tick(round(LABEL_WIDTH + plot * t / 6), tickFormat.format(at), t == 6 ? "end" : "middle"));
        }
        int height = TOP + Math.max(1, ranked.size()) * LANE + 10;
        return new Timeline(from, to, WIDTH, height, LABEL_WIDTH, lanes, ticks, legend, items.size());
    }

    private static String minutes(Instant a, Instant b) {
        long m = Math.max(0, Duration.between(a, b).toMinutes());
        return m < 60 ? m + " min" : (m / 60) + " h " + (m % 60) + " min";
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
