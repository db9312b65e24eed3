package org.wsz6.admin.research;

import java.time.Duration;
import java.time.Instant;

/** Counts and durations over the sessions a filter selects. */
public record DashboardStats(int sessions, int completedSessions, int playthroughs, int completedPlaythroughs,
                             Duration totalDuration, Duration averageDuration) {

    /** Adds sessions up one at a time, so totals over thousands need no list of them. */
    public static final class Tally {
        private int sessions;
        private int completedSessions;
        private int playthroughs;
        private int completedPlaythroughs;
        private int ended;
        private Duration total = Duration.ZERO;

        public void add(Instant createdAt, Instant endedAt, int playthroughCount, int completedCount) {
            sessions++;
            if (completedCount > 0) {
                completedSessions++;
            }
            playthroughs += playthroughCount;
            completedPlaythroughs += completedCount;
            if (endedAt != null) {
                ended++;
                total = total.plus(Duration.between(createdAt, endedAt));
            }
        }

        public DashboardStats stats() {
            return new DashboardStats(sessions, completedSessions, playthroughs, completedPlaythroughs, total,
                    ended == 0 ? null : total.dividedBy(ended));
        }
    }

    public String totalText() {
        return Durations.text(totalDuration);
    }

    public String averageText() {
        return Durations.text(averageDuration);
    }
}
