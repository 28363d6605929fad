CREATE TABLE "registry_search" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
DROP INDEX "msme_business_trgm_idx";--> statement-breakpoint
DROP INDEX "person_name_trgm_idx";--> statement-breakpoint
CREATE INDEX "registry_search_trgm_idx" ON "registry_search" USING gin ("text" gin_trgm_ops);--> statement-breakpoint
-- The search text of some people (null: everyone), rewritten only where it changed.
CREATE FUNCTION registry_search_refresh(people uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF people IS NULL THEN
    INSERT INTO registry_search (person_id, text)
    SELECT p.id, concat_ws(' ', p.name, m.business_name) FROM person p LEFT JOIN msme m ON m.key = p.key
    ON CONFLICT (person_id) DO UPDATE SET text = EXCLUDED.text WHERE registry_search.text IS DISTINCT FROM EXCLUDED.text;
  ELSE
    INSERT INTO registry_search (person_id, text)
    SELECT p.id, concat_ws(' ', p.name, m.business_name) FROM person p LEFT JOIN msme m ON m.key = p.key WHERE p.id = ANY (people)
    ON CONFLICT (person_id) DO UPDATE SET text = EXCLUDED.text WHERE registry_search.text IS DISTINCT FROM EXCLUDED.text;
  END IF;
END $$;--> statement-breakpoint
-- A statement that touched up to 1,000 people refreshes their search text at once; a bulk one
-- (an import) queues the registry.index_search job, so that it does not pay for trigram
-- indexing inside its own transaction.
CREATE FUNCTION registry_search_people_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  people uuid[];
BEGIN
  IF TG_TABLE_NAME = 'person' THEN
    people := ARRAY(SELECT id FROM touched LIMIT 1001);
  ELSE
    people := ARRAY(SELECT p.id FROM touched t JOIN person p ON p.key = t.key LIMIT 1001);
  END IF;
  IF cardinality(people) <= 1000 THEN
    PERFORM registry_search_refresh(people);
  ELSE
    INSERT INTO job (kind, payload, progress)
    SELECT 'registry.index_search', '{}'::jsonb, '{"done":0,"total":null,"unit":"people"}'::jsonb
    WHERE NOT EXISTS (SELECT 1 FROM job j WHERE j.kind = 'registry.index_search' AND j.status = 'queued');
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION registry_search_people_gone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM registry_search s USING gone g WHERE s.person_id = g.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER person_search_insert AFTER INSERT ON person REFERENCING NEW TABLE AS touched FOR EACH STATEMENT EXECUTE FUNCTION registry_search_people_changed();--> statement-breakpoint
CREATE TRIGGER person_search_update AFTER UPDATE ON person REFERENCING NEW TABLE AS touched FOR EACH STATEMENT EXECUTE FUNCTION registry_search_people_changed();--> statement-breakpoint
CREATE TRIGGER person_search_delete AFTER DELETE ON person REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION registry_search_people_gone();--> statement-breakpoint
CREATE TRIGGER msme_search_insert AFTER INSERT ON msme REFERENCING NEW TABLE AS touched FOR EACH STATEMENT EXECUTE FUNCTION registry_search_people_changed();--> statement-breakpoint
CREATE TRIGGER msme_search_update AFTER UPDATE ON msme REFERENCING NEW TABLE AS touched FOR EACH STATEMENT EXECUTE FUNCTION registry_search_people_changed();--> statement-breakpoint
CREATE TRIGGER msme_search_delete AFTER DELETE ON msme REFERENCING OLD TABLE AS touched FOR EACH STATEMENT EXECUTE FUNCTION registry_search_people_changed();--> statement-breakpoint
SELECT registry_search_refresh(NULL);
