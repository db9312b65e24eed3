-- Research reads (WSZ6-research): artifact lists per session and per play-through without a scan.
CREATE INDEX artifacts_session ON artifacts (session_id, playthrough_id, path, version);
-- The replay viewer finds the last snapshot at or before an event.
CREATE INDEX events_playthrough_snapshot ON events (playthrough_id, seq, step);
