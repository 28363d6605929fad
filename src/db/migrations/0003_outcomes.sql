CREATE TYPE "public"."session_kind" AS ENUM('regular', 'tot');--> statement-breakpoint
CREATE TYPE "public"."milestone_kind" AS ENUM('social_account', 'marketplace_listing', 'first_online_sale', 'qris_payments', 'paid_ads', 'sales_analytics');--> statement-breakpoint
CREATE TYPE "public"."milestone_status" AS ENUM('pending', 'verified', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."visit_mode" AS ENUM('on_site', 'phone', 'whatsapp');--> statement-breakpoint
CREATE TYPE "public"."champion_category" AS ENUM('youth', 'religious_leader', 'community_figure', 'other');--> statement-breakpoint
CREATE TYPE "public"."assessment_phase" AS ENUM('baseline', 'endline');--> statement-breakpoint
CREATE TYPE "public"."question_kind" AS ENUM('single', 'multiple');--> statement-breakpoint
CREATE TYPE "public"."response_source" AS ENUM('self', 'staff');--> statement-breakpoint
CREATE TYPE "public"."test_phase" AS ENUM('pre', 'post');--> statement-breakpoint
CREATE TABLE "government_staff_profile" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"institution" text NOT NULL,
	"unit" text,
	"position" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trainer_certification" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"user_id" uuid,
	"organisation_id" uuid,
	"parent_id" uuid,
	"tot_session_id" uuid,
	"certified_on" date NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trainer_certification_parent_ck" CHECK ("trainer_certification"."parent_id" is null or "trainer_certification"."parent_id" <> "trainer_certification"."id")
);
--> statement-breakpoint
CREATE TABLE "mentor_caseload" (
	"programme_id" uuid NOT NULL,
	"mentor_user_id" uuid NOT NULL,
	"msme_id" uuid NOT NULL,
	"assigned_by" uuid,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "mentor_caseload_programme_id_mentor_user_id_msme_id_pk" PRIMARY KEY("programme_id","mentor_user_id","msme_id")
);
--> statement-breakpoint
CREATE TABLE "mentoring_visit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"msme_id" uuid NOT NULL,
	"mentor_user_id" uuid NOT NULL,
	"client_id" text COLLATE "C" NOT NULL,
	"visited_on" date NOT NULL,
	"mode" "visit_mode" NOT NULL,
	"notes" text,
	"agreed_actions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"captured_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "msme_milestone" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"msme_id" uuid NOT NULL,
	"kind" "milestone_kind" NOT NULL,
	"reached_on" date NOT NULL,
	"evidence_url" text,
	"evidence_document_id" uuid,
	"notes" text,
	"status" "milestone_status" DEFAULT 'pending' NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"verified_by" uuid,
	"verified_at" timestamp with time zone,
	"rejection_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_photo" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"visit_id" uuid NOT NULL,
	"client_id" text COLLATE "C" NOT NULL,
	"document_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_sync_rejection" (
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
CREATE TABLE "champion" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"category" "champion_category" NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"champion_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_question" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	"kind" "question_kind" NOT NULL,
	"prompt_id" text NOT NULL,
	"prompt_en" text NOT NULL,
	"options" jsonb NOT NULL,
	"correct" jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "maturity_assessment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"msme_id" uuid NOT NULL,
	"phase" "assessment_phase" NOT NULL,
	"answers" jsonb NOT NULL,
	"level" smallint NOT NULL,
	"assessed_on" date NOT NULL,
	"source" "response_source" NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "maturity_assessment_level_ck" CHECK ("maturity_assessment"."level" between 0 and 4)
);
--> statement-breakpoint
CREATE TABLE "maturity_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"msme_id" uuid NOT NULL,
	"level" smallint NOT NULL,
	"previous_level" smallint,
	"programme_id" uuid,
	"assessment_id" uuid,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"person_id" uuid,
	"rating" smallint,
	"recommend" smallint,
	"comment" text,
	"source" "response_source" NOT NULL,
	"client_id" text COLLATE "C" NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_feedback_rating_ck" CHECK ("session_feedback"."rating" is null or "session_feedback"."rating" between 1 and 5),
	CONSTRAINT "session_feedback_recommend_ck" CHECK ("session_feedback"."recommend" is null or "session_feedback"."recommend" between 0 and 10),
	CONSTRAINT "session_feedback_any_ck" CHECK (num_nonnulls("session_feedback"."rating", "session_feedback"."recommend", "session_feedback"."comment") > 0)
);
--> statement-breakpoint
CREATE TABLE "test_attempt" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"phase" "test_phase" NOT NULL,
	"answers" jsonb,
	"points" integer NOT NULL,
	"max_points" integer NOT NULL,
	"score" numeric(4, 1) NOT NULL,
	"source" "response_source" NOT NULL,
	"client_id" text COLLATE "C" NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "test_attempt_points_ck" CHECK ("test_attempt"."max_points" > 0 and "test_attempt"."points" between 0 and "test_attempt"."max_points")
);
--> statement-breakpoint
CREATE TABLE "certificate" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"serial" text COLLATE "C" NOT NULL,
	"verification_code" text COLLATE "C" NOT NULL,
	"holder_name" text NOT NULL,
	"content" jsonb NOT NULL,
	"verify_base_url" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" uuid,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"revocation_reason" text,
	CONSTRAINT "certificate_revocation_ck" CHECK ("certificate"."revoked_at" is null or "certificate"."revocation_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "certificate_bundle_file" (
	"job_id" uuid NOT NULL,
	"certificate_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"filename" text NOT NULL,
	"size" bigint NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificate_bundle_file_job_id_certificate_id_pk" PRIMARY KEY("job_id","certificate_id")
);
--> statement-breakpoint
CREATE TABLE "certificate_setting" (
	"programme_id" uuid PRIMARY KEY NOT NULL,
	"post_test_pass_percent" smallint,
	"include_english" boolean DEFAULT true NOT NULL,
	"signatory_name" text,
	"signatory_title" text,
	"next_number" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificate_setting_pass_ck" CHECK ("certificate_setting"."post_test_pass_percent" is null or "certificate_setting"."post_test_pass_percent" between 1 and 100)
);
--> statement-breakpoint
ALTER TABLE "training_session" ADD COLUMN "kind" "session_kind" DEFAULT 'regular' NOT NULL;--> statement-breakpoint
ALTER TABLE "trainer_certification" ADD CONSTRAINT "trainer_certification_programme_id_programme_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programme"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainer_certification" ADD CONSTRAINT "trainer_certification_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainer_certification" ADD CONSTRAINT "trainer_certification_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainer_certification" ADD CONSTRAINT "trainer_certification_tot_session_id_training_session_id_fk" FOREIGN KEY ("tot_session_id") REFERENCES "public"."training_session"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_caseload" ADD CONSTRAINT "mentor_caseload_programme_id_programme_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programme"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_caseload" ADD CONSTRAINT "mentor_caseload_mentor_user_id_app_user_id_fk" FOREIGN KEY ("mentor_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "msme_milestone" ADD CONSTRAINT "msme_milestone_evidence_document_id_document_id_fk" FOREIGN KEY ("evidence_document_id") REFERENCES "public"."document"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_photo" ADD CONSTRAINT "visit_photo_visit_id_mentoring_visit_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."mentoring_visit"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_photo" ADD CONSTRAINT "visit_photo_document_id_document_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."document"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "champion" ADD CONSTRAINT "champion_programme_id_programme_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programme"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_champion_id_champion_id_fk" FOREIGN KEY ("champion_id") REFERENCES "public"."champion"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_question" ADD CONSTRAINT "knowledge_question_module_id_curriculum_module_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."curriculum_module"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_feedback" ADD CONSTRAINT "session_feedback_session_id_training_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_session"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate" ADD CONSTRAINT "certificate_programme_id_programme_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programme"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_setting" ADD CONSTRAINT "certificate_setting_programme_id_programme_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programme"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "trainer_certification_person_uq" ON "trainer_certification" USING btree ("programme_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "trainer_certification_user_uq" ON "trainer_certification" USING btree ("programme_id","user_id") WHERE "trainer_certification"."user_id" is not null;--> statement-breakpoint
CREATE INDEX "trainer_certification_parent_idx" ON "trainer_certification" USING btree ("programme_id","parent_id");--> statement-breakpoint
CREATE INDEX "mentor_caseload_mentor_idx" ON "mentor_caseload" USING btree ("mentor_user_id");--> statement-breakpoint
CREATE INDEX "mentor_caseload_msme_idx" ON "mentor_caseload" USING btree ("programme_id","msme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mentoring_visit_client_uq" ON "mentoring_visit" USING btree ("programme_id","client_id");--> statement-breakpoint
CREATE INDEX "mentoring_visit_msme_idx" ON "mentoring_visit" USING btree ("programme_id","msme_id","visited_on");--> statement-breakpoint
CREATE INDEX "mentoring_visit_mentor_idx" ON "mentoring_visit" USING btree ("mentor_user_id","visited_on");--> statement-breakpoint
CREATE UNIQUE INDEX "msme_milestone_kind_uq" ON "msme_milestone" USING btree ("programme_id","msme_id","kind");--> statement-breakpoint
CREATE INDEX "msme_milestone_status_idx" ON "msme_milestone" USING btree ("programme_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "visit_photo_client_uq" ON "visit_photo" USING btree ("visit_id","client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "visit_sync_rejection_client_uq" ON "visit_sync_rejection" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "visit_sync_rejection_user_idx" ON "visit_sync_rejection" USING btree ("submitted_by","last_seen_at");--> statement-breakpoint
CREATE UNIQUE INDEX "champion_person_uq" ON "champion" USING btree ("programme_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "referral_person_uq" ON "referral" USING btree ("programme_id","person_id");--> statement-breakpoint
CREATE INDEX "referral_champion_idx" ON "referral" USING btree ("champion_id");--> statement-breakpoint
CREATE INDEX "knowledge_question_module_idx" ON "knowledge_question" USING btree ("programme_id","module_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "maturity_assessment_phase_uq" ON "maturity_assessment" USING btree ("programme_id","msme_id","phase");--> statement-breakpoint
CREATE INDEX "maturity_history_msme_idx" ON "maturity_history" USING btree ("msme_id","changed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "session_feedback_client_uq" ON "session_feedback" USING btree ("programme_id","client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "session_feedback_person_uq" ON "session_feedback" USING btree ("session_id","person_id") WHERE "session_feedback"."person_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "test_attempt_client_uq" ON "test_attempt" USING btree ("programme_id","client_id");--> statement-breakpoint
CREATE INDEX "test_attempt_person_idx" ON "test_attempt" USING btree ("programme_id","person_id","module_id","phase");--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_person_uq" ON "certificate" USING btree ("programme_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_number_uq" ON "certificate" USING btree ("programme_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_serial_uq" ON "certificate" USING btree ("serial");--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_code_uq" ON "certificate" USING btree ("verification_code");--> statement-breakpoint
CREATE INDEX "certificate_bundle_file_position_idx" ON "certificate_bundle_file" USING btree ("job_id","position");