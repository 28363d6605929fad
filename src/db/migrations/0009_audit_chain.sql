CREATE TABLE "audit_chain_head" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"last_event_id" bigint DEFAULT 0 NOT NULL,
	"last_hash" text NOT NULL,
	CONSTRAINT "audit_chain_head_single_ck" CHECK ("audit_chain_head"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "participant_rollup" (
	"programme_id" uuid NOT NULL,
	"dim" text COLLATE "C" NOT NULL,
	"dim_value" text COLLATE "C" NOT NULL,
	"event" text COLLATE "C" NOT NULL,
	"month" text COLLATE "C" NOT NULL,
	"province_code" text COLLATE "C" NOT NULL,
	"people" integer NOT NULL,
	"msmes" integer NOT NULL,
	"invited" integer NOT NULL,
	"onboarded" integer NOT NULL,
	"first_sale" integer NOT NULL,
	"mentored" integer NOT NULL,
	"female" integer NOT NULL,
	"gender_known" integer NOT NULL,
	"government_staff" integer NOT NULL,
	"maturity_pairs" integer NOT NULL,
	"maturity_gain" integer NOT NULL,
	"test_pairs" integer NOT NULL,
	"test_gain" numeric(14, 1) NOT NULL,
	CONSTRAINT "participant_rollup_programme_id_dim_dim_value_event_month_province_code_pk" PRIMARY KEY("programme_id","dim","dim_value","event","month","province_code")
);
--> statement-breakpoint
CREATE TABLE "rollup_state" (
	"programme_id" uuid PRIMARY KEY NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"shared_msmes" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_stat" (
	"session_id" uuid PRIMARY KEY NOT NULL,
	"programme_id" uuid NOT NULL,
	"attended" integer DEFAULT 0 NOT NULL,
	"rostered" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_event" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_event" ADD COLUMN "hash" text;--> statement-breakpoint
ALTER TABLE "participant_fact" ADD COLUMN "cascade_reached_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "participant_rollup_empty_idx" ON "participant_rollup" USING btree ("programme_id") WHERE "participant_rollup"."people" = 0;--> statement-breakpoint
CREATE INDEX "session_stat_programme_idx" ON "session_stat" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "audit_event_at_idx" ON "audit_event" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_event_actor_idx" ON "audit_event" USING btree ("actor_user_id","at");--> statement-breakpoint
CREATE INDEX "participant_fact_programme_msme_idx" ON "participant_fact" USING btree ("programme_id","msme_id");