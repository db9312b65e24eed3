package org.wsz6.admin.catalogue;

/** Figures for a game's detail page, from the session summaries play sent. */
public record GameStats(long sessions, long playthroughs, long completed, double totalHours) {
}
