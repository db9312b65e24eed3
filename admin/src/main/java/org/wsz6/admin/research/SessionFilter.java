package org.wsz6.admin.research;

import java.time.LocalDate;

/**
 * The dashboard's filters; null or blank means "any". {@code outcome}: {@code completed} (a
 * play-through reached its goal) or {@code unfinished}. Dates are UTC days, both inclusive.
 */
public record SessionFilter(String game, LocalDate from, LocalDate to, String owner, String player, String status,
                            String outcome) {

    public static final SessionFilter ANY = new SessionFilter(null, null, null, null, null, null, null);

    public SessionFilter {
        game = blankToNull(game);
        owner = blankToNull(owner);
        player = blankToNull(player);
        status = blankToNull(status);
        outcome = blankToNull(outcome);
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("The start date " + from + " is after the end date " + to + ".");
        }
        if (outcome != null && !outcome.equals("completed") && !outcome.equals("unfinished")) {
            throw new IllegalArgumentException("Outcome must be 'completed' or 'unfinished', not '" + outcome + "'.");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
