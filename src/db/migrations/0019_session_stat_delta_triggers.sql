-- Check-ins queued on session_stat: every transaction adding to a session updated that session's
-- one row and held its lock until commit, so concurrent syncs of the same sessions ran one at a
-- time. The triggers append deltas instead (insert-only, no lock to wait for); the server folds
-- them into session_stat (src/modules/monitoring/session-stats.ts) and readers add both, so the
-- counts stay exact.
CREATE OR REPLACE FUNCTION session_stat_attendance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO session_stat_delta (session_id, programme_id, attended, rostered)
      SELECT session_id, min(programme_id::text)::uuid, -count(*), 0 FROM old_rows GROUP BY session_id;
  ELSE
    INSERT INTO session_stat_delta (session_id, programme_id, attended, rostered)
      SELECT session_id, min(programme_id::text)::uuid, count(*), 0 FROM new_rows GROUP BY session_id;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION session_stat_roster() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO session_stat_delta (session_id, programme_id, attended, rostered)
      SELECT session_id, min(programme_id::text)::uuid, 0, -count(*) FROM old_rows GROUP BY session_id;
  ELSE
    INSERT INTO session_stat_delta (session_id, programme_id, attended, rostered)
      SELECT session_id, min(programme_id::text)::uuid, 0, count(*) FROM new_rows GROUP BY session_id;
  END IF;
  RETURN NULL;
END $$;
