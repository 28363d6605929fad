CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."enrolment_source" AS ENUM('import', 'self', 'referral', 'manual');--> statement-breakpoint
CREATE TYPE "public"."enrolment_status" AS ENUM('registered', 'invited', 'confirmed', 'attending', 'completed', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."gender" AS ENUM('female', 'male');--> statement-breakpoint
CREATE TYPE "public"."person_kind" AS ENUM('msme_owner', 'trainee', 'trainer', 'champion', 'government_staff');--> statement-breakpoint
CREATE TYPE "public"."job_status" AS ENUM('queued', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "enrolment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"programme_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"msme_id" uuid,
	"source" "enrolment_source" NOT NULL,
	"status" "enrolment_status" DEFAULT 'registered' NOT NULL,
	"active" boolean,
	"willing" boolean,
	"import_job_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "msme" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text COLLATE "C" NOT NULL,
	"owner_person_id" uuid NOT NULL,
	"business_name" text NOT NULL,
	"nib" text COLLATE "C",
	"sector" text COLLATE "C" DEFAULT 'lainnya' NOT NULL,
	"address" text,
	"regency_code" text COLLATE "C",
	"province_code" text COLLATE "C",
	"maturity_level" smallint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text COLLATE "C" NOT NULL,
	"name" text NOT NULL,
	"nik" text COLLATE "C",
	"phone" text COLLATE "C",
	"email" text,
	"gender" "gender",
	"kind" "person_kind" DEFAULT 'msme_owner' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_nik_key_ck" CHECK ("person"."nik" is null or "person"."key" = 'nik:' || "person"."nik")
);
--> statement-breakpoint
CREATE UNLOGGED TABLE "import_row" (
	"job_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"reason" text,
	"key" text COLLATE "C",
	"business_name" text,
	"owner_name" text,
	"nik" text COLLATE "C",
	"nib" text COLLATE "C",
	"phone" text COLLATE "C",
	"email" text,
	"gender" text,
	"sector" text COLLATE "C",
	"address" text,
	"regency_code" text COLLATE "C",
	"province_code" text COLLATE "C",
	"active" boolean,
	"willing" boolean,
	"raw" text
);
--> statement-breakpoint
CREATE TABLE "job" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"programme_id" uuid,
	"status" "job_status" DEFAULT 'queued' NOT NULL,
	"phase" text,
	"payload" jsonb NOT NULL,
	"progress" jsonb,
	"result" jsonb,
	"error" jsonb,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "enrolment_person_programme_uq" ON "enrolment" USING btree ("person_id","programme_id");--> statement-breakpoint
CREATE INDEX "enrolment_programme_seq_idx" ON "enrolment" USING btree ("programme_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "msme_key_uq" ON "msme" USING btree ("key");--> statement-breakpoint
CREATE INDEX "msme_regency_idx" ON "msme" USING btree ("regency_code","sector");--> statement-breakpoint
CREATE INDEX "msme_business_trgm_idx" ON "msme" USING gin ("business_name" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "person_key_uq" ON "person" USING btree ("key");--> statement-breakpoint
CREATE INDEX "person_phone_idx" ON "person" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "person_name_trgm_idx" ON "person" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "import_row_job_line_idx" ON "import_row" USING btree ("job_id","line");--> statement-breakpoint
CREATE INDEX "job_status_idx" ON "job" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "job_programme_idx" ON "job" USING btree ("programme_id","created_at");