import { sql, type SQL } from 'drizzle-orm';
import type { Dimension } from '../../core/indicator-spec.ts';
import type { DbOrTx } from '../../db/client.ts';

export type OutcomeMeasure = 'revenue_growth' | 'online_share' | 'jobs_created';

/** Filters the outcome indicators understand (others narrow nothing here: answers have no site or partner). */
export type OutcomeFilters = { province?: string; regency?: string; sector?: string; from?: string; to?: string };

const DIMENSION_SQL: Partial<Record<Dimension, SQL>> = {
  province: sql`m.province_code`,
  regency: sql`m.regency_code`,
  sector: sql`m.sector`,
};

/** Dimensions the outcome indicators can be broken down by. */
export const OUTCOME_DIMENSIONS: readonly Dimension[] = ['province', 'regency', 'sector'];

/**
 * Per MSME (each once, whatever the number of programmes given): its earliest baseline answer
 * and its latest answer. A "pair" is an MSME whose latest answer is a later phase than baseline.
 * MSMEs that never answered are not rows at all: non-response is never a zero.
 */
function perMsme(programmeIds: string[], filters: OutcomeFilters): SQL {
  const latestFilters: SQL[] = [];
  if (filters.from) latestFilters.push(sql`(l.answered_at AT TIME ZONE 'Asia/Jakarta')::date >= ${filters.from}::date`);
  if (filters.to) latestFilters.push(sql`(l.answered_at AT TIME ZONE 'Asia/Jakarta')::date <= ${filters.to}::date`);
  const mFilters: SQL[] = [];
  if (filters.province) mFilters.push(sql`m.province_code = ${filters.province}`);
  if (filters.regency) mFilters.push(sql`m.regency_code = ${filters.regency}`);
  if (filters.sector) mFilters.push(sql`m.sector = ${filters.sector}`);
  const extra = [...latestFilters, ...mFilters];
  return sql`
    r AS (SELECT * FROM outcome_response WHERE programme_id = ANY(${`{${programmeIds.join(',')}}`}::uuid[])),
    b AS (SELECT DISTINCT ON (msme_id) msme_id, revenue_band, workers_paid + workers_unpaid AS workers, answered_at
          FROM r WHERE phase = 'baseline' ORDER BY msme_id, answered_at),
    l AS (SELECT DISTINCT ON (msme_id) msme_id, phase, revenue_band, online_share_percent, workers_paid + workers_unpaid AS workers, answered_at
          FROM r ORDER BY msme_id, answered_at DESC, phase DESC),
    x AS (
      SELECT l.msme_id, l.online_share_percent,
             (b.msme_id IS NOT NULL AND l.phase <> 'baseline' AND l.answered_at >= b.answered_at) AS paired,
             l.revenue_band > b.revenue_band AS grew,
             l.workers - b.workers AS net_workers
      FROM l LEFT JOIN b ON b.msme_id = l.msme_id
      ${extra.length ? sql`JOIN msme m ON m.id = l.msme_id WHERE ${sql.join(extra, sql` AND `)}` : sql``})`;
}

const MEASURE_SQL: Record<OutcomeMeasure, SQL> = {
  revenue_growth: sql`count(*) FILTER (WHERE x.paired AND x.grew) AS numerator, count(*) FILTER (WHERE x.paired) AS denominator,
    count(*) FILTER (WHERE x.paired AND x.grew) AS value, count(*) FILTER (WHERE x.paired) AS people`,
  online_share: sql`sum(x.online_share_percent) AS numerator, count(*) AS denominator, round(avg(x.online_share_percent), 1) AS value, count(*) AS people`,
  jobs_created: sql`coalesce(sum(x.net_workers) FILTER (WHERE x.paired), 0) AS numerator, count(*) FILTER (WHERE x.paired) AS denominator,
    CASE WHEN count(*) FILTER (WHERE x.paired) > 0 THEN sum(x.net_workers) FILTER (WHERE x.paired) END AS value, count(*) FILTER (WHERE x.paired) AS people`,
};

/**
 * Rows for src/modules/monitoring/indicators.ts (`source: 'outcomes'`): `numerator`, `denominator`
 * (the MSMEs that answered what the measure needs), `value` and `people`, per dimension `d0`, `d1`.
 * jobs_created has no value (null, not 0) when no MSME has both a baseline and a later answer.
 */
export async function outcomeCells(db: DbOrTx, measure: OutcomeMeasure, programmeIds: string[], filters: OutcomeFilters, by: readonly Dimension[]) {
  const dims = by.map((d, i) => sql`${DIMENSION_SQL[d] ?? sql`NULL`} AS ${sql.raw(`d${i}`)}`);
  const select = dims.length ? sql`${sql.join(dims, sql`, `)}, ` : sql``;
  const join = by.length ? sql`JOIN msme m ON m.id = x.msme_id` : sql``;
  const group = by.length ? sql`GROUP BY ${sql.join(by.map((_, i) => sql.raw(String(i + 1))), sql`, `)}` : sql``;
  const result = await db.execute(sql`WITH ${perMsme(programmeIds, filters)} SELECT ${select}${MEASURE_SQL[measure]} FROM x ${join} ${group}`);
  return (result as unknown as { rows: (Record<string, unknown> & { numerator: unknown; denominator: unknown; value: unknown; people: unknown })[] }).rows;
}

/** Enrolled MSMEs (not withdrawn) and how many answered what each measure needs, for response rates. */
export async function outcomeResponseCounts(db: DbOrTx, programmeId: string) {
  const result = await db.execute<Record<string, number>>(sql`
    WITH ${perMsme([programmeId], {})},
    eligible AS (SELECT count(DISTINCT msme_id)::int AS n FROM enrolment WHERE programme_id = ${programmeId} AND msme_id IS NOT NULL AND status <> 'withdrawn')
    SELECT (SELECT n FROM eligible) AS eligible, count(*)::int AS answered, count(*) FILTER (WHERE x.paired)::int AS paired FROM x`);
  const [row] = (result as unknown as { rows: Record<string, number>[] }).rows;
  const phases = await db.execute<{ phase: string; answered: number; by_link: number; by_mentor: number }>(sql`
    SELECT phase::text AS phase, count(*)::int AS answered, count(*) FILTER (WHERE source = 'link')::int AS by_link, count(*) FILTER (WHERE source = 'mentor')::int AS by_mentor
    FROM outcome_response WHERE programme_id = ${programmeId} GROUP BY phase`);
  return {
    eligible: Number(row?.eligible ?? 0),
    answered: Number(row?.answered ?? 0),
    paired: Number(row?.paired ?? 0),
    byPhase: (phases as unknown as { rows: { phase: string; answered: number; by_link: number; by_mentor: number }[] }).rows.map((p) => ({
      phase: p.phase,
      answered: Number(p.answered),
      byLink: Number(p.by_link),
      byMentor: Number(p.by_mentor),
    })),
  };
}

/**
 * Jobs created across all programmes, each MSME once: its first baseline answer anywhere against
 * its latest later answer anywhere (net new paid and unpaid workers). MSMEs without both are
 * left out and counted as respondents missing, never as zero.
 */
export async function nationalJobs(db: DbOrTx): Promise<{ jobsCreated: number; msmesMeasured: number }> {
  const result = await db.execute<{ jobs: number; msmes: number }>(sql`
    WITH b AS (SELECT DISTINCT ON (msme_id) msme_id, workers_paid + workers_unpaid AS workers, answered_at FROM outcome_response WHERE phase = 'baseline' ORDER BY msme_id, answered_at),
    l AS (SELECT DISTINCT ON (r.msme_id) r.msme_id, r.workers_paid + r.workers_unpaid AS workers
          FROM outcome_response r JOIN b ON b.msme_id = r.msme_id
          WHERE r.phase <> 'baseline' AND r.answered_at >= b.answered_at ORDER BY r.msme_id, r.answered_at DESC)
    SELECT coalesce(sum(l.workers - b.workers), 0)::int AS jobs, count(*)::int AS msmes FROM l JOIN b ON b.msme_id = l.msme_id`);
  const [row] = (result as unknown as { rows: { jobs: number; msmes: number }[] }).rows;
  return { jobsCreated: Number(row?.jobs ?? 0), msmesMeasured: Number(row?.msmes ?? 0) };
}
