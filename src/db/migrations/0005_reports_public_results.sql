CREATE TABLE "public_results" (
	"programme_id" uuid PRIMARY KEY NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_file" (
	"job_id" uuid PRIMARY KEY NOT NULL,
	"programme_id" uuid NOT NULL,
	"format" text NOT NULL,
	"filename" text NOT NULL,
	"size" bigint NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "public_results" ADD CONSTRAINT "public_results_programme_id_programme_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programme"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_file_programme_idx" ON "report_file" USING btree ("programme_id","created_at");