CREATE TABLE "data_access_code" (
	"id" uuid PRIMARY KEY NOT NULL,
	"contact_hash" text COLLATE "C" NOT NULL,
	"person_id" uuid,
	"channel" "message_channel",
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_access_code_attempts_ck" CHECK ("data_access_code"."attempts" >= 0)
);
--> statement-breakpoint
CREATE INDEX "data_access_code_contact_idx" ON "data_access_code" USING btree ("contact_hash","created_at");--> statement-breakpoint
CREATE INDEX "data_access_code_person_idx" ON "data_access_code" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "person_email_idx" ON "person" USING btree ("email") WHERE "person"."email" is not null;