CREATE TABLE "regency_reach" (
	"programme_id" uuid NOT NULL,
	"dim" text COLLATE "C" NOT NULL,
	"dim_value" text COLLATE "C" NOT NULL,
	"regency_code" text COLLATE "C" NOT NULL,
	"msmes" integer NOT NULL,
	CONSTRAINT "regency_reach_programme_id_dim_dim_value_regency_code_pk" PRIMARY KEY("programme_id","dim","dim_value","regency_code")
);
--> statement-breakpoint
CREATE INDEX "participant_fact_site_idx" ON "participant_fact" USING btree ("programme_id","site_id");--> statement-breakpoint
CREATE INDEX "participant_fact_sector_idx" ON "participant_fact" USING btree ("programme_id","sector");--> statement-breakpoint
CREATE INDEX "participant_fact_province_idx" ON "participant_fact" USING btree ("programme_id","province_code");--> statement-breakpoint
CREATE INDEX "participant_fact_regency_idx" ON "participant_fact" USING btree ("programme_id","regency_code");--> statement-breakpoint
CREATE INDEX "participant_fact_partner_idx" ON "participant_fact" USING btree ("programme_id","partner_id");--> statement-breakpoint
-- Filled from the facts as they stand (the refresh job keeps it from now on), slices as in src/modules/monitoring/rollups.ts.
INSERT INTO "regency_reach" ("programme_id", "dim", "dim_value", "regency_code", "msmes")
SELECT f.programme_id, d.dim, d.value, f.regency_code, count(*)::int
FROM "participant_fact" f
CROSS JOIN LATERAL (VALUES ('', ''), ('province', coalesce(f.province_code, '')), ('regency', coalesce(f.regency_code, '')), ('site', coalesce(f.site_id::text, '')),
  ('sector', coalesce(f.sector, '')), ('gender', coalesce(f.gender, '')), ('age_band', coalesce(f.age_band, '')), ('trainee_type', coalesce(f.person_kind, '')),
  ('partner', coalesce(f.partner_id::text, ''))) AS d(dim, value)
WHERE f.completed AND f.msme_id IS NOT NULL AND f.regency_code IS NOT NULL
GROUP BY 1, 2, 3, 4;
