-- Attendances and roster places per session (session_stat), kept by statement-level triggers so
-- that session indicators read one row per session instead of counting attendance rows.
CREATE FUNCTION session_stat_attendance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO session_stat (session_id, programme_id, attended, rostered)
      SELECT session_id, min(programme_id::text)::uuid, -count(*), 0 FROM old_rows GROUP BY session_id
    ON CONFLICT (session_id) DO UPDATE SET attended = session_stat.attended + excluded.attended;
  ELSE
    INSERT INTO session_stat (session_id, programme_id, attended, rostered)
      SELECT session_id, min(programme_id::text)::uuid, count(*), 0 FROM new_rows GROUP BY session_id
    ON CONFLICT (session_id) DO UPDATE SET attended = session_stat.attended + excluded.attended;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION session_stat_roster() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO session_stat (session_id, programme_id, attended, rostered)
      SELECT session_id, min(programme_id::text)::uuid, 0, -count(*) FROM old_rows GROUP BY session_id
    ON CONFLICT (session_id) DO UPDATE SET rostered = session_stat.rostered + excluded.rostered;
  ELSE
    INSERT INTO session_stat (session_id, programme_id, attended, rostered)
      SELECT session_id, min(programme_id::text)::uuid, 0, count(*) FROM new_rows GROUP BY session_id
    ON CONFLICT (session_id) DO UPDATE SET rostered = session_stat.rostered + excluded.rostered;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER attendance_stat_insert AFTER INSERT ON attendance REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION session_stat_attendance();--> statement-breakpoint
CREATE TRIGGER attendance_stat_delete AFTER DELETE ON attendance REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION session_stat_attendance();--> statement-breakpoint
CREATE TRIGGER session_participant_stat_insert AFTER INSERT ON session_participant REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION session_stat_roster();--> statement-breakpoint
CREATE TRIGGER session_participant_stat_delete AFTER DELETE ON session_participant REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION session_stat_roster();--> statement-breakpoint
INSERT INTO session_stat (session_id, programme_id, attended, rostered)
  SELECT s.id, s.programme_id,
         (SELECT count(*) FROM attendance a WHERE a.programme_id = s.programme_id AND a.session_id = s.id),
         (SELECT count(*) FROM session_participant sp WHERE sp.session_id = s.id)
  FROM training_session s
ON CONFLICT (session_id) DO NOTHING;--> statement-breakpoint
-- Cascade reach is a participant fact now: certifying (or un-certifying) a trainer changes the programme's facts.
CREATE TRIGGER trainer_certification_facts_insert AFTER INSERT ON trainer_certification REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_programme();--> statement-breakpoint
CREATE TRIGGER trainer_certification_facts_update AFTER UPDATE ON trainer_certification REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_programme();--> statement-breakpoint
CREATE TRIGGER trainer_certification_facts_delete AFTER DELETE ON trainer_certification REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_programme();--> statement-breakpoint
-- Facts gained cascade_reached_at and lost withdrawn enrolments, and rollups start empty: refresh every programme once.
INSERT INTO fact_refresh (programme_id, person_id)
  SELECT DISTINCT programme_id, '00000000-0000-0000-0000-000000000000'::uuid FROM enrolment
ON CONFLICT DO NOTHING;--> statement-breakpoint
SELECT fact_refresh_enqueue(ARRAY(SELECT DISTINCT programme_id FROM enrolment));
