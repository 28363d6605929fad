CREATE TABLE "session_stat_delta" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"attended" integer NOT NULL,
	"rostered" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fact_refresh" DROP CONSTRAINT "fact_refresh_programme_id_person_id_pk";--> statement-breakpoint
CREATE INDEX "session_stat_delta_programme_idx" ON "session_stat_delta" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "fact_refresh_programme_idx" ON "fact_refresh" USING btree ("programme_id");