CREATE TYPE "public"."context_origin" AS ENUM('manual', 'import');--> statement-breakpoint
CREATE TYPE "public"."context_unit" AS ENUM('count', 'percent', 'rupiah', 'days');--> statement-breakpoint
CREATE TYPE "public"."destination_event_kind" AS ENUM('festival', 'national_event', 'regional_event', 'programme_launch', 'other');--> statement-breakpoint
CREATE TYPE "public"."revenue_band" AS ENUM('lt_5m', '5m_15m', '15m_50m', '50m_100m', '100m_250m', 'gte_250m');--> statement-breakpoint
CREATE TYPE "public"."season" AS ENUM('low', 'high');--> statement-breakpoint
CREATE TYPE "public"."outcome_survey_phase" AS ENUM('baseline', 'endline', 'followup');--> statement-breakpoint
CREATE TYPE "public"."outcome_response_source" AS ENUM('link', 'mentor');--> statement-breakpoint
CREATE TYPE "public"."consent_purpose" AS ENUM('programme_participation', 'messaging', 'partner_sharing');--> statement-breakpoint
CREATE TYPE "public"."consent_source" AS ENUM('import', 'form', 'rsvp', 'admin');--> statement-breakpoint
CREATE TYPE "public"."quality_task_status" AS ENUM('open', 'resolved');--> statement-breakpoint
CREATE TABLE "context_series" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid,
	"code" text COLLATE "C" NOT NULL,
	"name_id" text NOT NULL,
	"name_en" text NOT NULL,
	"unit" "context_unit" NOT NULL,
	"default_source" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "context_value" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"series_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"site_id" uuid,
	"period" text COLLATE "C" NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"value" numeric NOT NULL,
	"source" text,
	"source_date" date,
	"origin" "context_origin" NOT NULL,
	"entered_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "context_value_nonnegative_ck" CHECK ("context_value"."value" >= 0)
);
--> statement-breakpoint
CREATE TABLE "destination_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"site_id" uuid,
	"title" text NOT NULL,
	"kind" "destination_event_kind" NOT NULL,
	"season" "season",
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"notes" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "destination_event_dates_ck" CHECK ("destination_event"."ends_on" >= "destination_event"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "outcome_invite" (
	"id" uuid PRIMARY KEY NOT NULL,
	"programme_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"msme_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"address" text,
	"skip_reason" "recipient_skip",
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outcome_response" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"msme_id" uuid NOT NULL,
	"person_id" uuid,
	"phase" "outcome_survey_phase" NOT NULL,
	"invite_id" uuid,
	"revenue_band" "revenue_band" NOT NULL,
	"online_share_percent" integer NOT NULL,
	"workers_paid" integer NOT NULL,
	"workers_unpaid" integer NOT NULL,
	"workers_women" integer NOT NULL,
	"new_hires" integer,
	"platforms" text[] DEFAULT '{}'::text[] NOT NULL,
	"source" "outcome_response_source" NOT NULL,
	"recorded_by" uuid,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outcome_response_counts_ck" CHECK ("outcome_response"."workers_paid" >= 0 AND "outcome_response"."workers_unpaid" >= 0 AND "outcome_response"."workers_women" >= 0 AND "outcome_response"."workers_women" <= "outcome_response"."workers_paid" + "outcome_response"."workers_unpaid" AND coalesce("outcome_response"."new_hires", 0) >= 0),
	CONSTRAINT "outcome_response_share_ck" CHECK ("outcome_response"."online_share_percent" BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE TABLE "outcome_survey" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"phase" "outcome_survey_phase" NOT NULL,
	"channel" "message_channel" NOT NULL,
	"template" text NOT NULL,
	"link_base" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "session_event" (
	"session_id" uuid PRIMARY KEY NOT NULL,
	"programme_id" uuid NOT NULL,
	"event_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consent_record" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"purpose" "consent_purpose" NOT NULL,
	"programme_id" uuid,
	"partner_organisation_id" uuid,
	"granted" boolean NOT NULL,
	"source" "consent_source" NOT NULL,
	"wording_version" text COLLATE "C" NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" uuid,
	CONSTRAINT "consent_partner_ck" CHECK (("consent_record"."purpose" = 'partner_sharing') = ("consent_record"."partner_organisation_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "programme_retention" (
	"programme_id" uuid PRIMARY KEY NOT NULL,
	"months" integer NOT NULL,
	"applied_at" timestamp with time zone,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_retention_months_ck" CHECK ("programme_retention"."months" between 1 and 240)
);
--> statement-breakpoint
CREATE TABLE "quality_task" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"check" text COLLATE "C" NOT NULL,
	"subject_key" text NOT NULL,
	"details" jsonb NOT NULL,
	"fingerprint" text COLLATE "C" NOT NULL,
	"assignee_user_id" uuid,
	"assignee_organisation_id" uuid,
	"status" "quality_task_status" DEFAULT 'open' NOT NULL,
	"first_found_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_found_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"resolution_comment" text
);
--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "nik_cipher" text;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "nik_hash" text COLLATE "C";--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "nik_birth_yy" smallint;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "phone_cipher" text;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "phone_hash" text COLLATE "C";--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "anonymised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "import_row" ADD COLUMN "nik_cipher" text;--> statement-breakpoint
ALTER TABLE "import_row" ADD COLUMN "nik_hash" text COLLATE "C";--> statement-breakpoint
ALTER TABLE "import_row" ADD COLUMN "nik_birth_yy" integer;--> statement-breakpoint
ALTER TABLE "import_row" ADD COLUMN "phone_cipher" text;--> statement-breakpoint
ALTER TABLE "import_row" ADD COLUMN "phone_hash" text COLLATE "C";--> statement-breakpoint
ALTER TABLE "context_series" ADD CONSTRAINT "context_series_programme_id_programme_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programme"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "context_value" ADD CONSTRAINT "context_value_programme_id_programme_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programme"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "context_value" ADD CONSTRAINT "context_value_series_id_context_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."context_series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "context_value" ADD CONSTRAINT "context_value_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "context_value" ADD CONSTRAINT "context_value_site_id_site_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."site"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "destination_event" ADD CONSTRAINT "destination_event_programme_id_programme_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programme"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "destination_event" ADD CONSTRAINT "destination_event_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "destination_event" ADD CONSTRAINT "destination_event_site_id_site_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."site"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_invite" ADD CONSTRAINT "outcome_invite_survey_id_outcome_survey_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."outcome_survey"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_response" ADD CONSTRAINT "outcome_response_programme_id_programme_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programme"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_response" ADD CONSTRAINT "outcome_response_invite_id_outcome_invite_id_fk" FOREIGN KEY ("invite_id") REFERENCES "public"."outcome_invite"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_survey" ADD CONSTRAINT "outcome_survey_programme_id_programme_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programme"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_event" ADD CONSTRAINT "session_event_session_id_training_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_session"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_event" ADD CONSTRAINT "session_event_event_id_destination_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."destination_event"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "context_series_code_uq" ON "context_series" USING btree (coalesce("programme_id"::text, ''),"code");--> statement-breakpoint
CREATE UNIQUE INDEX "context_value_place_period_uq" ON "context_value" USING btree ("programme_id","series_id","region_code",coalesce("site_id"::text, ''),"period");--> statement-breakpoint
CREATE INDEX "context_value_series_idx" ON "context_value" USING btree ("series_id","period_start");--> statement-breakpoint
CREATE INDEX "destination_event_programme_idx" ON "destination_event" USING btree ("programme_id","starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "outcome_invite_msme_uq" ON "outcome_invite" USING btree ("survey_id","msme_id");--> statement-breakpoint
CREATE INDEX "outcome_invite_programme_idx" ON "outcome_invite" USING btree ("programme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outcome_response_phase_uq" ON "outcome_response" USING btree ("programme_id","msme_id","phase");--> statement-breakpoint
CREATE INDEX "outcome_response_msme_idx" ON "outcome_response" USING btree ("msme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outcome_survey_phase_uq" ON "outcome_survey" USING btree ("programme_id","phase");--> statement-breakpoint
CREATE INDEX "consent_record_person_idx" ON "consent_record" USING btree ("person_id","purpose","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "quality_task_open_uq" ON "quality_task" USING btree ("programme_id","check","subject_key") WHERE "quality_task"."status" = 'open';--> statement-breakpoint
CREATE INDEX "quality_task_programme_idx" ON "quality_task" USING btree ("programme_id","status","last_found_at");--> statement-breakpoint
CREATE INDEX "quality_task_assignee_idx" ON "quality_task" USING btree ("assignee_user_id","status");--> statement-breakpoint
CREATE INDEX "person_phone_hash_idx" ON "person" USING btree ("phone_hash");--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_nik_hash_key_ck" CHECK ("person"."nik_hash" is null or "person"."key" = 'nik:' || "person"."nik_hash");