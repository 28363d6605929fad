import { sql, type SQL } from 'drizzle-orm';
import type { Condition, IndicatorSpec } from '../../core/indicator-spec.ts';
import type { DbOrTx } from '../../db/client.ts';
import { CONDITION_SQL, onOrAfter, onOrBefore, participantFilters, type IndicatorCell, type IndicatorFilters } from './indicators.ts';
import { rowsOf } from '../../db/rows.ts';

/**
 * The dashboard's pre-aggregated facts (`participant_rollup`, schema/dashboard.ts): how they are
 * built from `participant_fact`, kept in step incrementally, and read. The same counts can be
 * read from the facts directly (`factCounts`) when a filter combination has no slice.
 */

/** When each participant is counted: the event and the fact column that dates it. */
export const EVENTS = { enrolled: sql`f.enrolled_at`, attended: sql`f.first_attended_at`, completed: sql`f.completed_at`, cascade: sql`f.cascade_reached_at` } as const;
export type RollupEvent = keyof typeof EVENTS;

/**
 * The counters of a rollup row: people of the event's row matching these conditions (the
 * indicator vocabulary of src/core/indicator-spec.ts, so specs map onto them), or a sum.
 */
const COUNTERS = [
  { column: 'people', conditions: [] },
  { column: 'msmes', conditions: ['has_msme'] },
  { column: 'invited', conditions: ['invited'] },
  { column: 'onboarded', conditions: ['onboarded'] },
  { column: 'first_sale', conditions: ['first_sale'] },
  { column: 'mentored', conditions: ['mentored'] },
  { column: 'female', conditions: ['female'] },
  { column: 'gender_known', conditions: ['gender_known'] },
  { column: 'government_staff', conditions: ['government_staff'] },
  { column: 'maturity_pairs', conditions: ['maturity_pair'] },
  { column: 'test_pairs', conditions: ['test_pair'] },
] as const satisfies readonly { column: string; conditions: readonly Condition[] }[];
const SUMS = [
  { column: 'maturity_gain', expression: sql`f.maturity_endline - f.maturity_baseline`, when: 'maturity_pair' },
  { column: 'test_gain', expression: sql`f.post_score - f.pre_score`, when: 'test_pair' },
] as const;
type Column = (typeof COUNTERS)[number]['column'] | (typeof SUMS)[number]['column'];
const COLUMNS: Column[] = [...COUNTERS.map((c) => c.column), ...SUMS.map((s) => s.column)];

/** One dimension of a slice: its name in `participant_rollup.dim`, its fact expression and its filter. */
const SLICES = [
  { dim: 'province', expression: sql`f.province_code`, filter: 'province' },
  { dim: 'regency', expression: sql`f.regency_code`, filter: 'regency' },
  { dim: 'site', expression: sql`f.site_id::text`, filter: 'siteId' },
  { dim: 'sector', expression: sql`f.sector`, filter: 'sector' },
  { dim: 'gender', expression: sql`f.gender`, filter: 'gender' },
  { dim: 'age_band', expression: sql`f.age_band`, filter: 'ageBand' },
  { dim: 'trainee_type', expression: sql`f.person_kind`, filter: 'traineeType' },
  { dim: 'partner', expression: sql`f.partner_id::text`, filter: 'partnerId' },
] as const satisfies readonly { dim: string; expression: SQL; filter: keyof IndicatorFilters }[];

/** The aggregate of each column over facts `f` (counted once per event row). */
function factMeasures(sign: 1 | -1): SQL {
  const parts = [
    ...COUNTERS.map((c) => sql`${sql.raw(String(sign))} * count(*) FILTER (WHERE ${c.conditions.length ? sql.join(c.conditions.map((x) => sql`(${CONDITION_SQL[x]})`), sql` AND `) : sql`true`}) AS ${sql.raw(c.column)}`),
    ...SUMS.map((s) => sql`${sql.raw(String(sign))} * coalesce(sum(${s.expression}) FILTER (WHERE ${CONDITION_SQL[s.when]}), 0) AS ${sql.raw(s.column)}`),
  ];
  return sql.join(parts, sql`, `);
}

const EVENT_ROWS = sql.join(
  Object.entries(EVENTS).map(([name, column]) => sql`(${name}, ${column})`),
  sql`, `,
);
const monthOf = (column: SQL) => sql`to_char(${column} AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM')`;

/** The facts "regencies reached" counts: trained MSMEs. */
const REACHED = sql`f.completed AND f.msme_id IS NOT NULL`;

const peopleScope = (people: string[] | 'all') => (people === 'all' ? sql`true` : sql`f.person_id = ANY(${`{${people.join(',')}}`}::uuid[])`);

/** Adds (or, with sign −1, removes) the contributions of some people's current facts to the rollup. */
async function applyContributions(db: DbOrTx, programmeId: string, people: string[] | 'all', sign: 1 | -1): Promise<void> {
  const slices = sql.join(
    [sql`('', '')`, ...SLICES.map((s) => sql`(${s.dim}, coalesce(${s.expression}, ''))`)],
    sql`, `,
  );
  const updates = sql.raw(COLUMNS.map((c) => `${c} = r.${c} + excluded.${c}`).join(', '));
  await db.execute(sql`
    INSERT INTO regency_reach AS r (programme_id, dim, dim_value, regency_code, msmes)
    SELECT f.programme_id, d.dim, d.value, f.regency_code, ${sql.raw(String(sign))} * count(*)
    FROM participant_fact f
    CROSS JOIN LATERAL (VALUES ${slices}) AS d(dim, value)
    WHERE f.programme_id = ${programmeId} AND ${peopleScope(people)} AND ${REACHED} AND f.regency_code IS NOT NULL
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (programme_id, dim, dim_value, regency_code) DO UPDATE SET msmes = r.msmes + excluded.msmes`);
  await db.execute(sql`
    INSERT INTO participant_rollup AS r (programme_id, dim, dim_value, event, month, province_code, ${sql.raw(COLUMNS.join(', '))})
    SELECT f.programme_id, d.dim, d.value, e.event, ${monthOf(sql`e.at`)}, coalesce(f.province_code, ''), ${factMeasures(sign)}
    FROM participant_fact f
    CROSS JOIN LATERAL (VALUES ${EVENT_ROWS}) AS e(event, at)
    CROSS JOIN LATERAL (VALUES ${slices}) AS d(dim, value)
    WHERE f.programme_id = ${programmeId} AND ${peopleScope(people)} AND e.at IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (programme_id, dim, dim_value, event, month, province_code) DO UPDATE SET ${updates}`);
}

/** MSMEs of a programme with two or more people in its facts, among `msmes` (or all). */
async function sharedMsmes(db: DbOrTx, programmeId: string, msmes: string[] | 'all'): Promise<number> {
  const scope = msmes === 'all' ? sql`f.msme_id IS NOT NULL` : sql`f.msme_id = ANY(${`{${msmes.join(',')}}`}::uuid[])`;
  const result = await db.execute(sql`
    SELECT count(*)::int AS n FROM (SELECT f.msme_id FROM participant_fact f WHERE f.programme_id = ${programmeId} AND ${scope} GROUP BY f.msme_id HAVING count(*) > 1) x`);
  return Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
}

export type RollupBefore = { msmes: string[] | 'all'; shared: number };

/**
 * First half of an incremental refresh, before the facts of `people` are recomputed: their
 * current facts leave the rollup (the whole programme's rollup is dropped for 'all').
 */
export async function subtractRollups(db: DbOrTx, programmeId: string, people: string[] | 'all'): Promise<RollupBefore> {
  if (people === 'all') {
    await db.execute(sql`DELETE FROM participant_rollup WHERE programme_id = ${programmeId}`);
    await db.execute(sql`DELETE FROM regency_reach WHERE programme_id = ${programmeId}`);
    return { msmes: 'all', shared: 0 };
  }
  const list = `{${people.join(',')}}`;
  const touched = await db.execute(sql`
    SELECT DISTINCT msme_id::text AS id FROM (
      SELECT msme_id FROM participant_fact WHERE programme_id = ${programmeId} AND person_id = ANY(${list}::uuid[])
      UNION ALL SELECT msme_id FROM enrolment WHERE programme_id = ${programmeId} AND person_id = ANY(${list}::uuid[])) x
    WHERE msme_id IS NOT NULL`);
  const msmes = (touched as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
  const shared = msmes.length ? await sharedMsmes(db, programmeId, msmes) : 0;
  await applyContributions(db, programmeId, people, -1);
  return { msmes, shared };
}

/** Second half: the new facts of `people` enter the rollup, emptied rows go, and the state is stamped. */
export async function addRollups(db: DbOrTx, programmeId: string, people: string[] | 'all', before: RollupBefore): Promise<void> {
  await applyContributions(db, programmeId, people, 1);
  await db.execute(sql`DELETE FROM participant_rollup WHERE programme_id = ${programmeId} AND people = 0`);
  if (people !== 'all') await db.execute(sql`DELETE FROM regency_reach WHERE programme_id = ${programmeId} AND msmes = 0`);
  if (before.msmes === 'all') {
    const shared = await sharedMsmes(db, programmeId, 'all');
    await db.execute(sql`
      INSERT INTO rollup_state (programme_id, refreshed_at, shared_msmes) VALUES (${programmeId}, now(), ${shared})
      ON CONFLICT (programme_id) DO UPDATE SET refreshed_at = excluded.refreshed_at, shared_msmes = excluded.shared_msmes`);
    return;
  }
  const after = before.msmes.length ? await sharedMsmes(db, programmeId, before.msmes) : 0;
  // A programme never refreshed as a whole has no state yet: count it all once.
  const initial = await sharedMsmes(db, programmeId, 'all');
  await db.execute(sql`
    INSERT INTO rollup_state (programme_id, refreshed_at, shared_msmes) VALUES (${programmeId}, now(), ${initial})
    ON CONFLICT (programme_id) DO UPDATE SET refreshed_at = excluded.refreshed_at, shared_msmes = rollup_state.shared_msmes + ${after - before.shared}`);
}

/** Counts of one event, summed over the rows read. */
export type Measures = Record<Column, number>;
/** What the dashboard reads: totals per event, per event and month, per event and province. */
export type Counts = {
  totals: Partial<Record<RollupEvent, Measures>>;
  byMonth: { event: RollupEvent; month: string; measures: Measures }[];
  byProvince: { event: RollupEvent; province: string; measures: Measures }[];
};

const MONTH = /^\d{4}-\d{2}-01$/;
function lastOfMonth(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.getUTCDate() === 1;
}

/** A slice of the rollup that answers these filters exactly, or null (then read the facts). */
export type RollupPlan = { dim: string; value: string; fromMonth?: string; toMonth?: string };
export function rollupPlan(filters: IndicatorFilters): RollupPlan | null {
  const set = SLICES.filter((s) => filters[s.filter] !== undefined);
  if (set.length > 1) return null;
  if (filters.from && !MONTH.test(filters.from)) return null;
  if (filters.to && !lastOfMonth(filters.to)) return null;
  const slice = set[0];
  return {
    dim: slice?.dim ?? '',
    value: slice ? String(filters[slice.filter]) : '',
    ...(filters.from ? { fromMonth: filters.from.slice(0, 7) } : {}),
    ...(filters.to ? { toMonth: filters.to.slice(0, 7) } : {}),
  };
}

type CountRow = Record<Column, string | number> & { event: RollupEvent; month: string | null; province: string | null; g_month: number; g_province: number };

function toCounts(rows: CountRow[]): Counts {
  const counts: Counts = { totals: {}, byMonth: [], byProvince: [] };
  for (const r of rows) {
    const measures = Object.fromEntries(COLUMNS.map((c) => [c, Number(r[c] ?? 0)])) as Measures;
    if (Number(r.g_month) === 1 && Number(r.g_province) === 1) counts.totals[r.event] = measures;
    else if (Number(r.g_province) === 1) counts.byMonth.push({ event: r.event, month: r.month as string, measures });
    else counts.byProvince.push({ event: r.event, province: r.province ?? '', measures });
  }
  return counts;
}

const GROUPING = sql`GROUPING SETS ((event), (event, month), (event, province))`;

/** The counts of a rollup slice. */
export async function rollupCounts(db: DbOrTx, programmeId: string, plan: RollupPlan): Promise<Counts> {
  const where = [sql`programme_id = ${programmeId}`, sql`dim = ${plan.dim}`, sql`dim_value = ${plan.value}`];
  if (plan.fromMonth) where.push(sql`month >= ${plan.fromMonth}`);
  if (plan.toMonth) where.push(sql`month <= ${plan.toMonth}`);
  const sums = sql.raw(COLUMNS.map((c) => `sum(${c}) AS ${c}`).join(', '));
  const result = await db.execute(sql`
    SELECT event, month, province_code AS province, GROUPING(month) AS g_month, GROUPING(province_code) AS g_province, ${sums}
    FROM participant_rollup WHERE ${sql.join(where, sql` AND `)}
    GROUP BY GROUPING SETS ((event), (event, month), (event, province_code))`);
  return toCounts(rowsOf<CountRow>(result));
}

/** The same counts straight from the facts, for any filter combination (each event dated by its own column). */
export async function factCounts(db: DbOrTx, programmeId: string, filters: IndicatorFilters): Promise<Counts> {
  const { from, to, ...dims } = filters;
  const where = [sql`f.programme_id = ${programmeId}`, sql`e.at IS NOT NULL`, ...participantFilters(dims, sql`e.at`)];
  if (from) where.push(onOrAfter(sql`e.at`, from));
  if (to) where.push(onOrBefore(sql`e.at`, to));
  const result = await db.execute(sql`
    SELECT event, month, province, GROUPING(month) AS g_month, GROUPING(province) AS g_province, ${sql.raw(COLUMNS.map((c) => `sum(${c}) AS ${c}`).join(', '))}
    FROM (
      SELECT e.event, ${monthOf(sql`e.at`)} AS month, coalesce(f.province_code, '') AS province, ${factMeasures(1)}
      FROM participant_fact f CROSS JOIN LATERAL (VALUES ${EVENT_ROWS}) AS e(event, at)
      WHERE ${sql.join(where, sql` AND `)}
      GROUP BY 1, 2, 3) x
    GROUP BY ${GROUPING}`);
  return toCounts(rowsOf<CountRow>(result));
}

/**
 * Regencies with a trained MSME in a slice: from regency_reach over the whole programme, from the
 * `regency` rows of participant_rollup over months for no filter or a region filter, else null
 * (a month range with another filter: the facts answer).
 */
export async function rollupRegencies(db: DbOrTx, programmeId: string, plan: RollupPlan): Promise<number | null> {
  if (!plan.fromMonth && !plan.toMonth) {
    const result = await db.execute(sql`
      SELECT count(*)::int AS n FROM regency_reach WHERE programme_id = ${programmeId} AND dim = ${plan.dim} AND dim_value = ${plan.value} AND msmes > 0`);
    return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
  }
  if (plan.dim !== '' && plan.dim !== 'province' && plan.dim !== 'regency') return null;
  const where = [sql`programme_id = ${programmeId}`, sql`dim = 'regency'`, sql`dim_value <> ''`, sql`event = 'completed'`, sql`msmes > 0`];
  if (plan.dim === 'province') where.push(sql`province_code = ${plan.value}`);
  if (plan.dim === 'regency') where.push(sql`dim_value = ${plan.value}`);
  if (plan.fromMonth) where.push(sql`month >= ${plan.fromMonth}`);
  if (plan.toMonth) where.push(sql`month <= ${plan.toMonth}`);
  const result = await db.execute(sql`SELECT count(DISTINCT dim_value)::int AS n FROM participant_rollup WHERE ${sql.join(where, sql` AND `)}`);
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}

/**
 * Regencies with a trained MSME under any filters, from the facts: the same count as the
 * regencies-reached indicator (has_msme and completed, dated by completion).
 */
export async function factRegencies(db: DbOrTx, programmeId: string, filters: IndicatorFilters): Promise<number> {
  const where = [sql`f.programme_id = ${programmeId}`, REACHED, ...participantFilters(filters, sql`f.completed_at`)];
  const result = await db.execute(sql`SELECT count(DISTINCT f.regency_code)::int AS n FROM participant_fact f WHERE ${sql.join(where, sql` AND `)}`);
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}

/** Conditions another one implies (so `has_msme` is redundant next to `onboarded`, say). */
const IMPLIES: Partial<Record<Condition, Condition[]>> = {
  completed: ['attended'],
  onboarded: ['has_msme'],
  first_sale: ['has_msme'],
  mentored: ['has_msme'],
  maturity_pair: ['has_msme'],
  female: ['gender_known'],
};

/** The event dating a participant spec, as participantDate in indicators.ts. */
function eventOf(conditions: readonly Condition[]): RollupEvent {
  if (conditions.includes('completed')) return 'completed';
  if (conditions.includes('attended')) return 'attended';
  return 'enrolled';
}

/** The counter column for a set of conditions within an event's rows, if there is one. */
function counterFor(conditions: readonly Condition[], event: RollupEvent): Column | null {
  const set = new Set(conditions);
  if (event === 'completed') set.delete('completed');
  if (event === 'attended' || event === 'completed') set.delete('attended');
  for (const c of [...set]) for (const implied of IMPLIES[c] ?? []) set.delete(implied);
  const found = COUNTERS.find((k) => k.conditions.length === set.size && k.conditions.every((x) => set.has(x)));
  return found?.column ?? null;
}

/**
 * numerator ÷ denominator rounded half away from zero to `digits`, as PostgreSQL's round() on
 * numeric does, in integer arithmetic (the numerator has at most one decimal).
 */
export function ratio(numerator: number, denominator: number, digits: number): number {
  const n = Math.round(Math.abs(numerator) * 10);
  const d = denominator * 10;
  const q = Math.floor((2 * n * 10 ** digits + d) / (2 * d));
  return (Math.sign(numerator) * q) / 10 ** digits + 0;
}

/**
 * An indicator's value from rollup counts, when its spec maps onto the counters; null when it
 * does not (a revised definition with other conditions, say) and the facts must answer.
 * `distinctMsmes` is false when some MSME has two people in the programme.
 */
export function cellFromCounts(spec: IndicatorSpec, counts: Counts, distinctMsmes: boolean): IndicatorCell | null {
  const read = (event: RollupEvent, column: Column) => counts.totals[event]?.[column] ?? 0;
  if (spec.source === 'trainers' && spec.measure === 'cascade_reach') {
    const n = read('cascade', 'people');
    return { dims: {}, value: n, numerator: n, denominator: null, people: n };
  }
  if (spec.source !== 'participants') return null;
  switch (spec.measure) {
    case 'count_people':
    case 'count_msmes': {
      const event = eventOf(spec.where);
      const column = counterFor(spec.measure === 'count_msmes' ? [...spec.where, 'has_msme'] : spec.where, event);
      if (!column || (spec.measure === 'count_msmes' && !distinctMsmes)) return null;
      const n = read(event, column);
      return { dims: {}, value: n, numerator: n, denominator: null, people: n };
    }
    case 'share': {
      const event = eventOf([...spec.where, ...spec.of]);
      const top = counterFor([...spec.of, ...spec.where], event);
      const bottom = counterFor(spec.of, event);
      if (!top || !bottom) return null;
      const numerator = read(event, top);
      const denominator = read(event, bottom);
      return { dims: {}, value: denominator ? ratio(100 * numerator, denominator, 1) : null, numerator, denominator, people: denominator };
    }
    case 'mean_gain': {
      const event = eventOf(spec.where);
      const pair = spec.gain === 'maturity' ? 'maturity_pair' : 'test_pair';
      if (counterFor(spec.where, event) !== (spec.gain === 'maturity' ? 'maturity_pairs' : 'test_pairs') || !spec.where.includes(pair)) return null;
      const numerator = read(event, spec.gain === 'maturity' ? 'maturity_gain' : 'test_gain');
      const denominator = read(event, spec.gain === 'maturity' ? 'maturity_pairs' : 'test_pairs');
      return { dims: {}, value: denominator ? ratio(numerator, denominator, 2) : null, numerator: Math.round(numerator * 10) / 10, denominator, people: denominator };
    }
    case 'count_regencies':
      return null;
  }
}
