CREATE TABLE "fact_refresh" (
	"programme_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fact_refresh_programme_id_person_id_pk" PRIMARY KEY("programme_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "indicator_definition" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text COLLATE "C" NOT NULL,
	"version" integer NOT NULL,
	"name" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"unit" text NOT NULL,
	"spec" jsonb NOT NULL,
	"disaggregations" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participant_fact" (
	"programme_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"msme_id" uuid,
	"person_kind" text COLLATE "C" NOT NULL,
	"gender" text COLLATE "C",
	"age_band" text COLLATE "C" NOT NULL,
	"province_code" text COLLATE "C",
	"regency_code" text COLLATE "C",
	"sector" text COLLATE "C",
	"enrolled_at" timestamp with time zone NOT NULL,
	"site_id" uuid,
	"partner_id" uuid,
	"invited" boolean NOT NULL,
	"attended" boolean NOT NULL,
	"first_attended_at" timestamp with time zone,
	"sessions_attended" integer NOT NULL,
	"covered_minutes" integer NOT NULL,
	"path_minutes" integer NOT NULL,
	"completed" boolean NOT NULL,
	"completed_at" timestamp with time zone,
	"mentored" boolean NOT NULL,
	"maturity_baseline" smallint,
	"maturity_endline" smallint,
	"maturity_current" smallint,
	"first_sale" boolean NOT NULL,
	"pre_score" numeric(5, 1),
	"post_score" numeric(5, 1),
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "participant_fact_programme_id_person_id_pk" PRIMARY KEY("programme_id","person_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_definition_code_version_uq" ON "indicator_definition" USING btree ("code","version");--> statement-breakpoint
CREATE INDEX "participant_fact_msme_idx" ON "participant_fact" USING btree ("msme_id");--> statement-breakpoint
CREATE INDEX "participant_fact_person_idx" ON "participant_fact" USING btree ("person_id");--> statement-breakpoint
-- Facts of a programme change whenever the records they are computed from change. Statement-level
-- triggers (one run per statement, with its rows as a transition table) note who changed in
-- fact_refresh and queue one refresh job per programme; no write path can forget to.
CREATE FUNCTION fact_refresh_enqueue(programmes uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO job (kind, programme_id, payload, progress)
  SELECT 'monitoring.refresh_facts', p, jsonb_build_object('programmeId', p), '{"done":0,"total":null,"unit":"people"}'::jsonb
  FROM unnest(programmes) AS p
  WHERE NOT EXISTS (SELECT 1 FROM job j WHERE j.kind = 'monitoring.refresh_facts' AND j.programme_id = p AND j.status = 'queued')
$$;--> statement-breakpoint
-- Rows carrying programme_id and person_id. Thousands of rows at once (an import) mark the whole
-- programme (the nil UUID) instead of each person.
CREATE FUNCTION fact_refresh_people() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO fact_refresh (programme_id, person_id)
      SELECT DISTINCT r.programme_id, CASE WHEN n.total > 5000 THEN '00000000-0000-0000-0000-000000000000'::uuid ELSE r.person_id END
      FROM old_rows r JOIN (SELECT programme_id, count(*) AS total FROM old_rows GROUP BY programme_id) n USING (programme_id)
    ON CONFLICT DO NOTHING;
    PERFORM fact_refresh_enqueue(ARRAY(SELECT DISTINCT programme_id FROM old_rows));
  ELSE
    INSERT INTO fact_refresh (programme_id, person_id)
      SELECT DISTINCT r.programme_id, CASE WHEN n.total > 5000 THEN '00000000-0000-0000-0000-000000000000'::uuid ELSE r.person_id END
      FROM new_rows r JOIN (SELECT programme_id, count(*) AS total FROM new_rows GROUP BY programme_id) n USING (programme_id)
    ON CONFLICT DO NOTHING;
    PERFORM fact_refresh_enqueue(ARRAY(SELECT DISTINCT programme_id FROM new_rows));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
-- Rows carrying programme_id and msme_id: the people enrolled with that MSME in that programme.
CREATE FUNCTION fact_refresh_msmes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO fact_refresh (programme_id, person_id)
      SELECT DISTINCT e.programme_id, e.person_id FROM old_rows r JOIN enrolment e ON e.programme_id = r.programme_id AND e.msme_id = r.msme_id
    ON CONFLICT DO NOTHING;
    PERFORM fact_refresh_enqueue(ARRAY(SELECT DISTINCT programme_id FROM old_rows));
  ELSE
    INSERT INTO fact_refresh (programme_id, person_id)
      SELECT DISTINCT e.programme_id, e.person_id FROM new_rows r JOIN enrolment e ON e.programme_id = r.programme_id AND e.msme_id = r.msme_id
    ON CONFLICT DO NOTHING;
    PERFORM fact_refresh_enqueue(ARRAY(SELECT DISTINCT programme_id FROM new_rows));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
-- Rows that change a whole programme's facts (learning path, sessions, trainers).
CREATE FUNCTION fact_refresh_programme() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE changed uuid[];
BEGIN
  IF TG_OP = 'DELETE' THEN changed := ARRAY(SELECT DISTINCT programme_id FROM old_rows);
  ELSE changed := ARRAY(SELECT DISTINCT programme_id FROM new_rows);
  END IF;
  INSERT INTO fact_refresh (programme_id, person_id) SELECT p, '00000000-0000-0000-0000-000000000000'::uuid FROM unnest(changed) AS p ON CONFLICT DO NOTHING;
  PERFORM fact_refresh_enqueue(changed);
  RETURN NULL;
END $$;--> statement-breakpoint
-- A person's or an MSME's national record changed: every programme they are enrolled in.
CREATE FUNCTION fact_refresh_person() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO fact_refresh (programme_id, person_id)
    SELECT DISTINCT e.programme_id, e.person_id FROM new_rows r JOIN enrolment e ON e.person_id = r.id
  ON CONFLICT DO NOTHING;
  PERFORM fact_refresh_enqueue(ARRAY(SELECT DISTINCT e.programme_id FROM new_rows r JOIN enrolment e ON e.person_id = r.id));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION fact_refresh_msme() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO fact_refresh (programme_id, person_id)
    SELECT DISTINCT e.programme_id, e.person_id FROM new_rows r JOIN enrolment e ON e.msme_id = r.id
  ON CONFLICT DO NOTHING;
  PERFORM fact_refresh_enqueue(ARRAY(SELECT DISTINCT e.programme_id FROM new_rows r JOIN enrolment e ON e.msme_id = r.id));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER enrolment_facts_insert AFTER INSERT ON enrolment REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_people();--> statement-breakpoint
CREATE TRIGGER enrolment_facts_update AFTER UPDATE ON enrolment REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_people();--> statement-breakpoint
CREATE TRIGGER enrolment_facts_delete AFTER DELETE ON enrolment REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_people();--> statement-breakpoint
CREATE TRIGGER attendance_facts_insert AFTER INSERT ON attendance REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_people();--> statement-breakpoint
CREATE TRIGGER attendance_facts_delete AFTER DELETE ON attendance REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_people();--> statement-breakpoint
CREATE TRIGGER test_attempt_facts_insert AFTER INSERT ON test_attempt REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_people();--> statement-breakpoint
CREATE TRIGGER test_attempt_facts_update AFTER UPDATE ON test_attempt REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_people();--> statement-breakpoint
CREATE TRIGGER campaign_recipient_facts_insert AFTER INSERT ON campaign_recipient REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_people();--> statement-breakpoint
CREATE TRIGGER campaign_recipient_facts_update AFTER UPDATE ON campaign_recipient REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_people();--> statement-breakpoint
CREATE TRIGGER msme_milestone_facts_insert AFTER INSERT ON msme_milestone REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_msmes();--> statement-breakpoint
CREATE TRIGGER msme_milestone_facts_update AFTER UPDATE ON msme_milestone REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_msmes();--> statement-breakpoint
CREATE TRIGGER msme_milestone_facts_delete AFTER DELETE ON msme_milestone REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_msmes();--> statement-breakpoint
CREATE TRIGGER maturity_assessment_facts_insert AFTER INSERT ON maturity_assessment REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_msmes();--> statement-breakpoint
CREATE TRIGGER maturity_assessment_facts_update AFTER UPDATE ON maturity_assessment REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_msmes();--> statement-breakpoint
CREATE TRIGGER mentoring_visit_facts_insert AFTER INSERT ON mentoring_visit REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_msmes();--> statement-breakpoint
CREATE TRIGGER mentoring_visit_facts_delete AFTER DELETE ON mentoring_visit REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_msmes();--> statement-breakpoint
CREATE TRIGGER person_facts_update AFTER UPDATE ON person REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_person();--> statement-breakpoint
CREATE TRIGGER msme_facts_update AFTER UPDATE ON msme REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_msme();--> statement-breakpoint
CREATE TRIGGER learning_path_facts_insert AFTER INSERT ON learning_path REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_programme();--> statement-breakpoint
CREATE TRIGGER learning_path_facts_update AFTER UPDATE ON learning_path REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_programme();--> statement-breakpoint
CREATE TRIGGER learning_path_module_facts_insert AFTER INSERT ON learning_path_module REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_programme();--> statement-breakpoint
CREATE TRIGGER learning_path_module_facts_delete AFTER DELETE ON learning_path_module REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_programme();--> statement-breakpoint
CREATE TRIGGER curriculum_module_facts_update AFTER UPDATE ON curriculum_module REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_programme();--> statement-breakpoint
CREATE TRIGGER training_session_facts_update AFTER UPDATE ON training_session REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_programme();--> statement-breakpoint
CREATE TRIGGER session_trainer_facts_insert AFTER INSERT ON session_trainer REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_programme();--> statement-breakpoint
CREATE TRIGGER session_trainer_facts_delete AFTER DELETE ON session_trainer REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fact_refresh_programme();
