-- Personal data at rest (issue 8): NIK and phone numbers become encrypted columns. SQL has no
-- key, so the plaintext is set aside here; the next migration drops the plaintext columns, and
-- `migratePersonalData` (src/modules/personal-data/migrate-plaintext.ts) encrypts the set-aside
-- values in batches under the migration lock, rewrites the identity keys to keyed hashes and
-- drops this table when done.
CREATE TABLE IF NOT EXISTS "pii_plaintext_stash" AS
  SELECT "id" AS "person_id", "key" AS "old_key", "nik", "phone" FROM "person" WHERE "nik" IS NOT NULL OR "phone" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "pii_plaintext_stash" ADD PRIMARY KEY ("person_id");
