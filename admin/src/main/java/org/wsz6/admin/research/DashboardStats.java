package org.wsz6.admin.research;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Counts and durations over the sessions a filter selects. */
public record DashboardStats(int sessions, int completedSessions, int playthroughs, int completedPlaythroughs,
                             Duration totalDuration, Duration averageDuration) {

    public static DashboardStats of(List<ResearchSessionRow> rows) {
        List<Duration> durations = rows.stream().map(ResearchSessionRow::duration).filter(Objects::nonNull).toList();
        Duration total = durations.stream().reduce(Duration.ZERO, Duration::plus);
        return new DashboardStats(rows.size(), (int) rows.stream().filter(r -> r.completed() > 0).count(),
                rows.stream().mapToInt(ResearchSessionRow::playthroughs).sum(),
                rows.stream().mapToInt(ResearchSessionRow::completed).sum(), total,
                durations.isEmpty() ? null : total.dividedBy(durations.size()));
    }

    public String totalText() {
        return Durations.text(totalDuration);
    }

    public String averageText() {
        return Durations.text(averageDuration);
    }
}
