CREATE TYPE "public"."material_kind" AS ENUM('link', 'file');--> statement-breakpoint
CREATE TYPE "public"."module_topic" AS ENUM('literasi_digital', 'bisnis', 'keuangan_dasar', 'pembuatan_konten', 'pemasaran_digital', 'praktik_ecommerce');--> statement-breakpoint
CREATE TYPE "public"."attendance_method" AS ENUM('qr', 'manual', 'import', 'offline');--> statement-breakpoint
CREATE TYPE "public"."participant_edit_status" AS ENUM('applied', 'conflict', 'rejected', 'kept_server', 'applied_client');--> statement-breakpoint
CREATE TYPE "public"."roster_source" AS ENUM('manual', 'filter', 'cohort', 'rsvp', 'walk_in', 'attendance');--> statement-breakpoint
CREATE TYPE "public"."session_modality" AS ENUM('in_person', 'online', 'hybrid');--> statement-breakpoint
CREATE TYPE "public"."session_status" AS ENUM('planned', 'open', 'done', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."campaign_status" AS ENUM('draft', 'queued', 'sent');--> statement-breakpoint
CREATE TYPE "public"."message_channel" AS ENUM('email', 'whatsapp', 'sms', 'log');--> statement-breakpoint
CREATE TYPE "public"."outbox_status" AS ENUM('queued', 'sending', 'sent', 'failed', 'unknown', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."recipient_skip" AS ENUM('opted_out', 'no_address');--> statement-breakpoint
CREATE TYPE "public"."rsvp_answer" AS ENUM('yes', 'no');--> statement-breakpoint
CREATE TABLE "curriculum_module" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"code" text COLLATE "C" NOT NULL,
	"title_id" text NOT NULL,
	"title_en" text NOT NULL,
	"topic" "module_topic" NOT NULL,
	"duration_minutes" integer NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "curriculum_module_duration_ck" CHECK ("curriculum_module"."duration_minutes" > 0)
);
--> statement-breakpoint
CREATE TABLE "learning_path" (
	"programme_id" uuid PRIMARY KEY NOT NULL,
	"completion_min_percent" smallint DEFAULT 80 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "learning_path_percent_ck" CHECK ("learning_path"."completion_min_percent" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "learning_path_module" (
	"programme_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "learning_path_module_programme_id_module_id_pk" PRIMARY KEY("programme_id","module_id")
);
--> statement-breakpoint
CREATE TABLE "module_material" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	"title" text NOT NULL,
	"kind" "material_kind" NOT NULL,
	"url" text,
	"document_id" uuid,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "module_material_kind_ck" CHECK (("module_material"."kind" = 'link' and "module_material"."url" is not null) or ("module_material"."kind" = 'file' and "module_material"."document_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "attendance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"method" "attendance_method" NOT NULL,
	"client_id" text COLLATE "C" NOT NULL,
	"captured_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cohort" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "participant_edit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" text COLLATE "C" NOT NULL,
	"programme_id" uuid NOT NULL,
	"session_id" uuid,
	"person_id" uuid NOT NULL,
	"submitted_by" uuid NOT NULL,
	"base_version" text NOT NULL,
	"server_version" text,
	"values" jsonb NOT NULL,
	"server_values" jsonb,
	"status" "participant_edit_status" NOT NULL,
	"rejection" jsonb,
	"edited_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "session_module" (
	"session_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	CONSTRAINT "session_module_session_id_module_id_pk" PRIMARY KEY("session_id","module_id")
);
--> statement-breakpoint
CREATE TABLE "session_participant" (
	"programme_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"source" "roster_source" NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_participant_session_id_person_id_pk" PRIMARY KEY("session_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "session_trainer" (
	"session_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_trainer_session_id_user_id_pk" PRIMARY KEY("session_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "sync_rejection" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" text COLLATE "C" NOT NULL,
	"submitted_by" uuid NOT NULL,
	"programme_id" uuid,
	"record" jsonb NOT NULL,
	"reason" text COLLATE "C" NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "training_session" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"cohort_id" uuid,
	"title" text NOT NULL,
	"modality" "session_modality" NOT NULL,
	"meeting_url" text,
	"venue" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"status" "session_status" DEFAULT 'planned' NOT NULL,
	"notes" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_session_time_ck" CHECK ("training_session"."ends_at" > "training_session"."starts_at"),
	CONSTRAINT "training_session_capacity_ck" CHECK ("training_session"."capacity" > 0),
	CONSTRAINT "training_session_meeting_ck" CHECK ("training_session"."modality" = 'in_person' or "training_session"."meeting_url" is not null)
);
--> statement-breakpoint
CREATE TABLE "campaign" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"session_id" uuid,
	"cohort_id" uuid,
	"name" text NOT NULL,
	"channel" "message_channel" NOT NULL,
	"subject" text NOT NULL,
	"template" text NOT NULL,
	"filter" jsonb NOT NULL,
	"status" "campaign_status" DEFAULT 'draft' NOT NULL,
	"link_base" text,
	"rsvp_expires_at" timestamp with time zone,
	"job_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_by" uuid,
	"sent_at" timestamp with time zone,
	CONSTRAINT "campaign_target_ck" CHECK (num_nonnulls("campaign"."session_id", "campaign"."cohort_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "campaign_recipient" (
	"id" uuid PRIMARY KEY NOT NULL,
	"programme_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"address" text,
	"skip_reason" "recipient_skip",
	"rsvp" "rsvp_answer",
	"rsvp_at" timestamp with time zone,
	"rsvp_roster" text COLLATE "C",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_opt_out" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_message" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"campaign_id" uuid,
	"recipient_id" uuid,
	"channel" "message_channel" NOT NULL,
	"address" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"idempotency_key" text COLLATE "C" NOT NULL,
	"status" "outbox_status" DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sending_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"provider_message_id" text,
	"last_error" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "curriculum_module" ADD CONSTRAINT "curriculum_module_programme_id_programme_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programme"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_path" ADD CONSTRAINT "learning_path_programme_id_programme_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programme"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_path_module" ADD CONSTRAINT "learning_path_module_programme_id_learning_path_programme_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."learning_path"("programme_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_path_module" ADD CONSTRAINT "learning_path_module_module_id_curriculum_module_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."curriculum_module"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "module_material" ADD CONSTRAINT "module_material_programme_id_programme_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programme"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "module_material" ADD CONSTRAINT "module_material_module_id_curriculum_module_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."curriculum_module"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "module_material" ADD CONSTRAINT "module_material_document_id_document_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."document"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort" ADD CONSTRAINT "cohort_programme_id_programme_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programme"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_module" ADD CONSTRAINT "session_module_session_id_training_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_module" ADD CONSTRAINT "session_module_module_id_curriculum_module_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."curriculum_module"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_trainer" ADD CONSTRAINT "session_trainer_session_id_training_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_trainer" ADD CONSTRAINT "session_trainer_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_session" ADD CONSTRAINT "training_session_programme_id_programme_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programme"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_session" ADD CONSTRAINT "training_session_site_id_site_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."site"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_session" ADD CONSTRAINT "training_session_cohort_id_cohort_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohort"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_programme_id_programme_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programme"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_session_id_training_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_session"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_cohort_id_cohort_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohort"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_recipient" ADD CONSTRAINT "campaign_recipient_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_message" ADD CONSTRAINT "outbox_message_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "curriculum_module_programme_code_uq" ON "curriculum_module" USING btree ("programme_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "learning_path_module_position_uq" ON "learning_path_module" USING btree ("programme_id","position");--> statement-breakpoint
CREATE INDEX "module_material_module_idx" ON "module_material" USING btree ("module_id","sort_order");--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_client_uq" ON "attendance" USING btree ("programme_id","client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_session_person_uq" ON "attendance" USING btree ("programme_id","session_id","person_id");--> statement-breakpoint
CREATE INDEX "attendance_person_idx" ON "attendance" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "cohort_programme_idx" ON "cohort" USING btree ("programme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "participant_edit_client_uq" ON "participant_edit" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "participant_edit_programme_idx" ON "participant_edit" USING btree ("programme_id","status");--> statement-breakpoint
CREATE INDEX "session_module_module_idx" ON "session_module" USING btree ("module_id");--> statement-breakpoint
CREATE INDEX "session_participant_person_idx" ON "session_participant" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "session_trainer_user_idx" ON "session_trainer" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_rejection_client_uq" ON "sync_rejection" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "sync_rejection_user_idx" ON "sync_rejection" USING btree ("submitted_by","last_seen_at");--> statement-breakpoint
CREATE INDEX "sync_rejection_programme_idx" ON "sync_rejection" USING btree ("programme_id","last_seen_at");--> statement-breakpoint
CREATE INDEX "training_session_programme_time_idx" ON "training_session" USING btree ("programme_id","starts_at");--> statement-breakpoint
CREATE INDEX "training_session_site_idx" ON "training_session" USING btree ("site_id","starts_at");--> statement-breakpoint
CREATE INDEX "training_session_cohort_idx" ON "training_session" USING btree ("cohort_id");--> statement-breakpoint
CREATE INDEX "campaign_programme_idx" ON "campaign" USING btree ("programme_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_recipient_person_uq" ON "campaign_recipient" USING btree ("campaign_id","person_id");--> statement-breakpoint
CREATE INDEX "campaign_recipient_person_idx" ON "campaign_recipient" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_message_idempotency_uq" ON "outbox_message" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "outbox_message_due_idx" ON "outbox_message" USING btree ("status","channel","next_attempt_at");--> statement-breakpoint
CREATE INDEX "outbox_message_campaign_idx" ON "outbox_message" USING btree ("campaign_id","status");--> statement-breakpoint
CREATE INDEX "outbox_message_recipient_idx" ON "outbox_message" USING btree ("recipient_id");