-- events_playthrough_snapshot (playthrough_id, seq, step) serves every query events_playthrough
-- (playthrough_id, seq) served; keeping both cost one more B-tree write for every logged event.
DROP INDEX events_playthrough;
