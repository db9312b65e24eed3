-- Several portal nodes share one GDM: each live session is owned by one node at a time (a lease).
-- The owner renews expires_at about every second; when it stops (crash, partition) the lease
-- expires and another node takes the session over with one conditional UPDATE, raising epoch.
-- epoch is the fencing token: the new owner logs it in a node_takeover event before serving, so a
-- late write of the old owner collides with the (session_id, seq) key instead of forking the chain.
-- Times are the database's own clock (CURRENT_TIMESTAMP), so clocks of the nodes never matter.
CREATE TABLE session_leases (
    session_id  VARCHAR(64) PRIMARY KEY,
    owner_node  VARCHAR(64) NOT NULL,
    epoch       BIGINT      NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX session_leases_owner ON session_leases (owner_node);
