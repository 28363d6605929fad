-- Events are now inserted unsealed (no lock in the writer's transaction) and chained shortly after
-- commit by the sealer, which gives each its place (seq). The one update allowed is that sealing.
CREATE OR REPLACE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.hash IS NULL AND OLD.seq IS NULL AND NEW.hash IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.seq IS NOT NULL
       AND (NEW.id, NEW.at, NEW.actor_user_id, NEW.action, NEW.entity_type, NEW.entity_id, NEW.programme_id, NEW.details)
           IS NOT DISTINCT FROM (OLD.id, OLD.at, OLD.actor_user_id, OLD.action, OLD.entity_type, OLD.entity_id, OLD.programme_id, OLD.details) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = '42501';
END;
$$;
--> statement-breakpoint
-- Events chained before seq existed were chained in id order: they take their places in that order.
ALTER TABLE "audit_event" DISABLE TRIGGER "audit_event_no_update_delete";
--> statement-breakpoint
UPDATE "audit_event" e SET "seq" = n.seq FROM (SELECT "id", row_number() OVER (ORDER BY "id") AS seq FROM "audit_event" WHERE "hash" IS NOT NULL) n WHERE e."id" = n."id";
--> statement-breakpoint
ALTER TABLE "audit_event" ENABLE TRIGGER "audit_event_no_update_delete";
--> statement-breakpoint
UPDATE "audit_chain_head" SET "last_seq" = (SELECT count(*) FROM "audit_event" WHERE "hash" IS NOT NULL);
--> statement-breakpoint
DROP INDEX IF EXISTS "audit_event_unsealed_idx";
--> statement-breakpoint
CREATE INDEX "audit_event_unsealed_idx" ON "audit_event" ("id") WHERE "seq" IS NULL;
