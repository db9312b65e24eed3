package org.wsz6.play.lease;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Session leases in GDM ({@code session_leases}, migration V60). Every change is one conditional
 * statement evaluated by the database with its own clock, so two nodes racing for a session get one
 * winner and the nodes' clocks never matter. Works on H2 and PostgreSQL alike.
 */
@Repository
public class LeaseRepository {

    /** A session's lease as stored; {@code expired} by the database's clock at the time of reading. */
    public record Lease(String sessionId, String ownerNode, long epoch, boolean expired) {
    }

    private final JdbcClient jdbc;
    private final String nodeId;
    /** "CURRENT_TIMESTAMP + INTERVAL '3.000' SECOND": built from a Duration, never from input. */
    private final String newExpiry;

    @org.springframework.beans.factory.annotation.Autowired
    public LeaseRepository(@Qualifier("gdmJdbc") JdbcClient jdbc, ClusterSettings settings) {
        this(jdbc, settings.nodeId(), settings.leaseTtl());
    }

    public LeaseRepository(JdbcClient jdbc, String nodeId, Duration ttl) {
        this.jdbc = jdbc;
        this.nodeId = nodeId;
        this.newExpiry = "CURRENT_TIMESTAMP + INTERVAL '" + String.format(java.util.Locale.ROOT, "%.3f", ttl.toMillis() / 1000.0)
                + "' SECOND";
    }

    public String nodeId() {
        return nodeId;
    }

    /** A brand-new session: this node owns it at epoch 1. Fails if the session already has a lease. */
    public long claimNew(String sessionId) {
        jdbc.sql("INSERT INTO session_leases (session_id, owner_node, epoch, expires_at) VALUES (?, ?, 1, " + newExpiry + ")")
                .params(sessionId, nodeId).update();
        return 1;
    }

    /**
     * Takes a session whose lease has expired (or that never had one, e.g. live before leases
     * existed). Returns the new epoch if this node won, empty if another node holds a valid lease or
     * won the race.
     */
    public OptionalLong acquire(String sessionId) {
        int taken = jdbc.sql("UPDATE session_leases SET owner_node = ?, epoch = epoch + 1, expires_at = " + newExpiry
                        + " WHERE session_id = ? AND expires_at < CURRENT_TIMESTAMP")
                .params(nodeId, sessionId).update();
        if (taken == 0) {
            try {
                claimNew(sessionId);
                return OptionalLong.of(1);
            } catch (DuplicateKeyException heldElsewhere) {
                return OptionalLong.empty();
            }
        }
        return lease(sessionId).filter(l -> l.ownerNode().equals(nodeId))
                .map(l -> OptionalLong.of(l.epoch())).orElse(OptionalLong.empty());
    }

    /**
     * Renews every lease this node holds in one statement and returns the sessions it still holds.
     * A lease another node took over is not touched (its owner changed), so it is missing here.
     */
    public Set<String> renewAll() {
        jdbc.sql("UPDATE session_leases SET expires_at = " + newExpiry + " WHERE owner_node = ?").param(nodeId).update();
        return new TreeSet<>(jdbc.sql("SELECT session_id FROM session_leases WHERE owner_node = ?").param(nodeId)
                .query(String.class).list());
    }

    /** Sessions whose owner stopped renewing: candidates for a takeover. */
    public List<String> expired() {
        return jdbc.sql("SELECT session_id FROM session_leases WHERE expires_at < CURRENT_TIMESTAMP ORDER BY session_id")
                .query(String.class).list();
    }

    public Optional<Lease> lease(String sessionId) {
        return jdbc.sql("""
                        SELECT session_id, owner_node, epoch,
                               CASE WHEN expires_at < CURRENT_TIMESTAMP THEN 1 ELSE 0 END AS is_expired
                        FROM session_leases WHERE session_id = ?""")
                .param(sessionId)
                .query((rs, n) -> new Lease(rs.getString("session_id"), rs.getString("owner_node"), rs.getLong("epoch"),
                        rs.getInt("is_expired") == 1))
                .optional();
    }

    /** Nodes holding at least one valid lease (the live part of the cluster, as far as sessions go). */
    public List<String> liveOwners() {
        return jdbc.sql("SELECT DISTINCT owner_node FROM session_leases WHERE expires_at >= CURRENT_TIMESTAMP ORDER BY owner_node")
                .query(String.class).list();
    }

    /** The session ended: its lease goes (only if this node still holds it). */
    public void delete(String sessionId) {
        jdbc.sql("DELETE FROM session_leases WHERE session_id = ? AND owner_node = ?").params(sessionId, nodeId).update();
    }

    /** The session is over (seen by any node): its lease row goes, whoever held it. */
    public void deleteAny(String sessionId) {
        jdbc.sql("DELETE FROM session_leases WHERE session_id = ?").param(sessionId).update();
    }

    /** Gives a lease up at once (failed takeover), so any node may take it on its next sweep. */
    public void release(String sessionId) {
        jdbc.sql("UPDATE session_leases SET expires_at = CURRENT_TIMESTAMP - INTERVAL '1' SECOND"
                + " WHERE session_id = ? AND owner_node = ?").params(sessionId, nodeId).update();
    }

    /** Orderly shutdown: every lease of this node expires now, so others take over without waiting for the TTL. */
    public int releaseAll() {
        return jdbc.sql("UPDATE session_leases SET expires_at = CURRENT_TIMESTAMP - INTERVAL '1' SECOND WHERE owner_node = ?")
                .param(nodeId).update();
    }
}
