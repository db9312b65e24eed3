package org.wsz6.play.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A person or bot in a session. Mutable, but only ever touched by its session's actor thread.
 * {@code roles} are the seats held (debug mode: several).
 */
public final class Participant {

    public enum Kind { USER, GUEST, BOT;
        public String wire() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    private final String id;
    private String name;
    private final Kind kind;
    private final String botKind;
    private final boolean owner;
    private final boolean adminObserver;
    private final boolean mayTakeOver;
    private final List<Integer> roles;
    private boolean removed;
    private final Instant joinedAt;
    /** Live WebSocket connections (not persisted). */
    private int connections;

    public Participant(String id, String name, Kind kind, String botKind, boolean owner, boolean adminObserver,
                       boolean mayTakeOver, List<Integer> roles, boolean removed, Instant joinedAt) {
        this.id = id;
        this.name = name;
        this.kind = kind;
        this.botKind = botKind;
        this.owner = owner;
        this.adminObserver = adminObserver;
        this.mayTakeOver = mayTakeOver;
        this.roles = new ArrayList<>(roles);
        this.removed = removed;
        this.joinedAt = joinedAt;
    }

    public String id() { return id; }
    public String name() { return name; }
    public void rename(String newName) { this.name = newName; }
    public Kind kind() { return kind; }
    public boolean isBot() { return kind == Kind.BOT; }
    public String botKind() { return botKind; }
    public boolean owner() { return owner; }
    public boolean adminObserver() { return adminObserver; }
    public boolean mayTakeOver() { return mayTakeOver; }
    public List<Integer> roles() { return List.copyOf(roles); }
    public boolean holds(int role) { return roles.contains(role); }
    public void seat(int role) { if (!roles.contains(role)) { roles.add(role); roles.sort(null); } }
    public void unseat(int role) { roles.remove(Integer.valueOf(role)); }
    public void unseatAll() { roles.clear(); }
    public boolean removed() { return removed; }
    public void markRemoved() { removed = true; roles.clear(); }
    public Instant joinedAt() { return joinedAt; }
    public boolean connected() { return isBot() || connections > 0; }
    int connectionCount() { return connections; }
    void connectionOpened() { connections++; }
    void connectionClosed() { connections = Math.max(0, connections - 1); }
}
