import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';

/** The stable `berdaya report participants` shape (DESIGN.md). Counts only: no personal data. */
export type ParticipantReport = {
  total: number;
  female: number;
  male: number;
  active: number;
  willing: number;
  /** Province code (`31`) → participants whose business is there. */
  byProvince: Record<string, number>;
};

/** Counts a programme's enrolled participants, by gender, flags and province. */
export async function reportParticipants(db: DbOrTx, programmeId: string): Promise<ParticipantReport> {
  const totals = await db.execute<{ total: number; female: number; male: number; active: number; willing: number }>(sql`
    SELECT count(*)::int AS total,
           count(*) FILTER (WHERE p.gender = 'female')::int AS female,
           count(*) FILTER (WHERE p.gender = 'male')::int AS male,
           count(*) FILTER (WHERE e.active)::int AS active,
           count(*) FILTER (WHERE e.willing)::int AS willing
    FROM enrolment e JOIN person p ON p.id = e.person_id
    WHERE e.programme_id = ${programmeId}`);
  const provinces = await db.execute<{ province: string; n: number }>(sql`
    SELECT m.province_code AS province, count(*)::int AS n
    FROM enrolment e JOIN msme m ON m.id = e.msme_id
    WHERE e.programme_id = ${programmeId} AND m.province_code IS NOT NULL
    GROUP BY m.province_code ORDER BY m.province_code`);
  const row = (totals as unknown as { rows: { total: number; female: number; male: number; active: number; willing: number }[] }).rows[0];
  return {
    total: Number(row?.total ?? 0),
    female: Number(row?.female ?? 0),
    male: Number(row?.male ?? 0),
    active: Number(row?.active ?? 0),
    willing: Number(row?.willing ?? 0),
    byProvince: Object.fromEntries((provinces as unknown as { rows: { province: string; n: number }[] }).rows.map((r) => [r.province, Number(r.n)])),
  };
}
