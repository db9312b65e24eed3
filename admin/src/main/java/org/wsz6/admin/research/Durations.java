package org.wsz6.admin.research;

import java.time.Duration;

/** Durations written for people: "4 min 05 s", "2 h 03 min", "—" when unknown. */
public final class Durations {

    private Durations() {
    }

    public static String text(Duration d) {
        if (d == null) {
            return "—";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return "%d min %02d s".formatted(s / 60, s % 60);
        }
        return "%d h %02d min".formatted(s / 3600, (s % 3600) / 60);
    }
}
