import { createHash } from 'node:crypto';
import type { Database } from '../../src/db/client.ts';

/**
 * The registry's content without ids or timestamps, as a digest and counts: two databases
 * with the same snapshot hold the same people, businesses and enrolments.
 */
export async function registrySnapshot(database: Database): Promise<{ persons: number; msmes: number; enrolments: number; digest: string }> {
  const rows = await database.query<Record<string, unknown>>(`
    SELECT p.key, p.name, p.nik_hash, p.phone_hash, p.email, p.gender, m.business_name, m.nib, m.sector, m.address, m.regency_code,
           e.active, e.willing, e.source, e.status, pr.code AS programme
    FROM person p
    LEFT JOIN msme m ON m.key = p.key
    LEFT JOIN enrolment e ON e.person_id = p.id
    LEFT JOIN programme pr ON pr.id = e.programme_id
    ORDER BY p.key, pr.code`);
  const [counts] = await database.query<{ persons: number; msmes: number; enrolments: number }>(
    'SELECT (SELECT count(*)::int FROM person) AS persons, (SELECT count(*)::int FROM msme) AS msmes, (SELECT count(*)::int FROM enrolment) AS enrolments',
  );
  const digest = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
  return { persons: Number(counts?.persons), msmes: Number(counts?.msmes), enrolments: Number(counts?.enrolments), digest };
}
