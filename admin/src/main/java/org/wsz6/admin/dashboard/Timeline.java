package org.wsz6.admin.dashboard;

import java.time.Instant;
import java.util.List;

/**
 * A timeline drawn as SVG: one lane per game (most popular first), one bar per session. Coordinates
 * are in the SVG's own units (viewBox {@code 0 0 width height}); the page scales it to fit.
 */
public record Timeline(Instant from, Instant to, int width, int height, int labelWidth, List<Lane> lanes,
                       List<Tick> ticks, List<LegendEntry> legend, int sessionCount) {

    public record Lane(String gameTitle, int y, String colour, int sessions, List<Bar> bars) {
    }

    public record Bar(double x, double width, int y, int height, String colour, String tip, boolean live) {
    }

    public record Tick(double x, String label, String anchor) {
    }

    public record LegendEntry(String label, String colour) {
    }
}
