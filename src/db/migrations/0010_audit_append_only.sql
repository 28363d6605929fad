-- The audit trail is append-only. The one update allowed seals an event written before the hash
-- chain existed (hash from null to a value, nothing else changed); see src/modules/audit/chain.ts.
INSERT INTO "audit_chain_head" ("id", "last_event_id", "last_hash") VALUES (1, 0, repeat('0', 64)) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.hash IS NULL AND NEW.hash IS NOT NULL
       AND (NEW.id, NEW.at, NEW.actor_user_id, NEW.action, NEW.entity_type, NEW.entity_id, NEW.programme_id, NEW.details)
           IS NOT DISTINCT FROM (OLD.id, OLD.at, OLD.actor_user_id, OLD.action, OLD.entity_type, OLD.entity_id, OLD.programme_id, OLD.details) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = '42501';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_event_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();
--> statement-breakpoint
CREATE TRIGGER "audit_event_no_truncate" BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();
--> statement-breakpoint
CREATE FUNCTION "audit_chain_head_keep"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_chain_head cannot be removed: % refused', TG_OP USING ERRCODE = '42501';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_chain_head_no_delete" BEFORE DELETE ON "audit_chain_head" FOR EACH ROW EXECUTE FUNCTION "audit_chain_head_keep"();
--> statement-breakpoint
CREATE TRIGGER "audit_chain_head_no_truncate" BEFORE TRUNCATE ON "audit_chain_head" FOR EACH STATEMENT EXECUTE FUNCTION "audit_chain_head_keep"();
--> statement-breakpoint
CREATE INDEX "audit_event_unsealed_idx" ON "audit_event" ("id") WHERE "hash" IS NULL;
