ALTER TABLE "person" DROP CONSTRAINT "person_nik_key_ck";--> statement-breakpoint
DROP INDEX "person_phone_idx";--> statement-breakpoint
ALTER TABLE "person" DROP COLUMN "nik";--> statement-breakpoint
ALTER TABLE "person" DROP COLUMN "phone";--> statement-breakpoint
ALTER TABLE "import_row" DROP COLUMN "nik";--> statement-breakpoint
ALTER TABLE "import_row" DROP COLUMN "phone";