ALTER TABLE "audit_event" ADD COLUMN "seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_chain_head" ADD COLUMN "last_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_event_seq_uq" ON "audit_event" USING btree ("seq");