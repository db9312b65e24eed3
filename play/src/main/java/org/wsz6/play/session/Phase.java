package org.wsz6.play.session;

import java.util.Locale;

/** Where a session stands; the lower-case name is what clients see in {@code phase}. */
public enum Phase {
    LOBBY, PLAYING, PAUSED, GOAL, ENDED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Phase fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Seats may change while no move is expected (or, when paused, before continuing). */
    public boolean seatsMayChange() {
        return this != PLAYING;
    }
}
