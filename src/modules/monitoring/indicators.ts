import { sql, type SQL } from 'drizzle-orm';
import type { Condition, Dimension, IndicatorSpec } from '../../core/indicator-spec.ts';
import type { Granularity } from '../../core/periods.ts';
import type { DbOrTx } from '../../db/client.ts';
import { outcomeCells } from '../outcome-surveys/indicator-cells.ts';
import { rowsOf } from '../../db/rows.ts';

/** Narrowing of the facts counted (every field optional). Dates are inclusive, `YYYY-MM-DD`, WIB. */
export type IndicatorFilters = {
  province?: string;
  regency?: string;
  siteId?: string;
  sector?: string;
  gender?: 'female' | 'male';
  ageBand?: string;
  traineeType?: string;
  partnerId?: string;
  from?: string;
  to?: string;
};

/** One computed cell: the value and what it is made of. `people` is the number of people behind it (for small-cell suppression). */
export type IndicatorCell = { dims: Partial<Record<Dimension, string | null>>; value: number | null; numerator: number; denominator: number | null; people: number };

/** The SQL meaning of each condition on participant_fact `f`. Fixed: definitions choose among them, never write SQL. */
export const CONDITION_SQL: Record<Condition, SQL> = {
  invited: sql`f.invited`,
  attended: sql`f.attended`,
  completed: sql`f.completed`,
  mentored: sql`f.mentored`,
  onboarded: sql`coalesce(f.maturity_current, 0) >= 2`,
  first_sale: sql`f.first_sale`,
  female: sql`f.gender = 'female'`,
  male: sql`f.gender = 'male'`,
  gender_known: sql`f.gender IS NOT NULL`,
  msme_owner: sql`f.person_kind = 'msme_owner'`,
  government_staff: sql`f.person_kind = 'government_staff'`,
  trainer: sql`f.person_kind = 'trainer'`,
  champion: sql`f.person_kind = 'champion'`,
  has_msme: sql`f.msme_id IS NOT NULL`,
  maturity_pair: sql`f.maturity_baseline IS NOT NULL AND f.maturity_endline IS NOT NULL`,
  test_pair: sql`f.pre_score IS NOT NULL AND f.post_score IS NOT NULL`,
};

function all(conditions: readonly Condition[]): SQL {
  return conditions.length ? sql.join(conditions.map((c) => sql`(${CONDITION_SQL[c]})`), sql` AND `) : sql`true`;
}

const PERIOD_FORMATS: Record<Granularity, string> = { month: 'YYYY-MM', quarter: 'YYYY-"Q"Q', year: 'YYYY' };

/** Period keys (`2024-03`, `2024-Q1`, `2024`, as src/core/periods.ts) read in WIB: 23:30 WIB on 31 March counts for March. */
const monthOf = (column: SQL, period: Granularity) => sql`to_char(${column} AT TIME ZONE 'Asia/Jakarta', ${sql.raw(`'${PERIOD_FORMATS[period]}'`)})`;

/** What a dimension's SQL depends on: the indicator's event date and the period length for `month`. */
type DimContext = { date: SQL; period: Granularity };
type DimensionSql = Partial<Record<Dimension, (ctx: DimContext) => SQL>>;
/**
 * `column` falls on or after / on or before a WIB day. Written as a comparison of the column
 * itself (midnight WIB of the day, or of the next one) so an index on the column can serve it.
 */
export const onOrAfter = (column: SQL, day: string) => sql`${column} >= (${day}::date)::timestamp AT TIME ZONE 'Asia/Jakarta'`;
export const onOrBefore = (column: SQL, day: string) => sql`${column} < (${day}::date + 1)::timestamp AT TIME ZONE 'Asia/Jakarta'`;

/** The date that places a participant fact in time for this indicator: when the counted event happened. */
function participantDate(spec: Extract<IndicatorSpec, { source: 'participants' }>): SQL {
  const conditions: readonly Condition[] = [...spec.where, ...('of' in spec ? spec.of : [])];
  if (conditions.includes('completed')) return sql`f.completed_at`;
  if (conditions.includes('attended')) return sql`f.first_attended_at`;
  return sql`f.enrolled_at`;
}

const PARTICIPANT_DIMENSIONS: DimensionSql = {
  province: () => sql`f.province_code`,
  regency: () => sql`f.regency_code`,
  site: () => sql`f.site_id::text`,
  sector: () => sql`f.sector`,
  gender: () => sql`f.gender`,
  age_band: () => sql`f.age_band`,
  trainee_type: () => sql`f.person_kind`,
  partner: () => sql`f.partner_id::text`,
  month: ({ date, period }) => monthOf(date, period),
};

export function participantFilters(filters: IndicatorFilters, date: SQL): SQL[] {
  const where: SQL[] = [];
  if (filters.province) where.push(sql`f.province_code = ${filters.province}`);
  if (filters.regency) where.push(sql`f.regency_code = ${filters.regency}`);
  if (filters.siteId) where.push(sql`f.site_id = ${filters.siteId}`);
  if (filters.sector) where.push(sql`f.sector = ${filters.sector}`);
  if (filters.gender) where.push(sql`f.gender = ${filters.gender}`);
  if (filters.ageBand) where.push(sql`f.age_band = ${filters.ageBand}`);
  if (filters.traineeType) where.push(sql`f.person_kind = ${filters.traineeType}`);
  if (filters.partnerId) where.push(sql`f.partner_id = ${filters.partnerId}`);
  if (filters.from) where.push(onOrAfter(date, filters.from));
  if (filters.to) where.push(onOrBefore(date, filters.to));
  return where;
}

type Row = Record<string, unknown> & { numerator: unknown; denominator: unknown; value: unknown; people: unknown };

function programmeScope(column: SQL, programmeIds: string[]): SQL {
  return sql`${column} = ANY(${`{${programmeIds.join(',')}}`}::uuid[])`;
}

/** Dimensions a source cannot break down by come out as NULL (callers check allowed dimensions first). */
function groupBy(by: readonly Dimension[], expressions: DimensionSql, ctx: DimContext) {
  const selected = by.map((d, i) => sql`${expressions[d]?.(ctx) ?? sql`NULL`} AS ${sql.raw(`d${i}`)}`);
  return {
    select: selected.length ? sql`${sql.join(selected, sql`, `)}, ` : sql``,
    group: by.length ? sql`GROUP BY ${sql.join(by.map((_, i) => sql.raw(String(i + 1))), sql`, `)}` : sql``,
  };
}

async function participantCells(db: DbOrTx, spec: Extract<IndicatorSpec, { source: 'participants' }>, programmeIds: string[], filters: IndicatorFilters, by: readonly Dimension[], period: Granularity) {
  const date = participantDate(spec);
  const where = [programmeScope(sql`f.programme_id`, programmeIds), ...participantFilters(filters, date)];
  const counted = all(spec.where);
  let measure: SQL;
  switch (spec.measure) {
    case 'count_people':
      measure = sql`count(*) FILTER (WHERE ${counted}) AS numerator, NULL::bigint AS denominator, count(*) FILTER (WHERE ${counted}) AS value, count(*) FILTER (WHERE ${counted}) AS people`;
      break;
    case 'count_msmes':
      measure = sql`count(DISTINCT f.msme_id) FILTER (WHERE ${counted}) AS numerator, NULL::bigint AS denominator, count(DISTINCT f.msme_id) FILTER (WHERE ${counted}) AS value, count(*) FILTER (WHERE ${counted}) AS people`;
      break;
    case 'count_regencies':
      measure = sql`count(DISTINCT f.regency_code) FILTER (WHERE ${counted}) AS numerator, NULL::bigint AS denominator, count(DISTINCT f.regency_code) FILTER (WHERE ${counted}) AS value, count(*) FILTER (WHERE ${counted}) AS people`;
      break;
    case 'share': {
      const base = all(spec.of);
      measure = sql`count(*) FILTER (WHERE ${base} AND ${counted}) AS numerator, count(*) FILTER (WHERE ${base}) AS denominator,
        round(100.0 * count(*) FILTER (WHERE ${base} AND ${counted}) / nullif(count(*) FILTER (WHERE ${base}), 0), 1) AS value,
        count(*) FILTER (WHERE ${base}) AS people`;
      break;
    }
    case 'mean_gain': {
      const gain = spec.gain === 'maturity' ? sql`(f.maturity_endline - f.maturity_baseline)` : sql`(f.post_score - f.pre_score)`;
      measure = sql`sum(${gain}) FILTER (WHERE ${counted}) AS numerator, count(*) FILTER (WHERE ${counted}) AS denominator,
        round(avg(${gain}) FILTER (WHERE ${counted}), 2) AS value, count(*) FILTER (WHERE ${counted}) AS people`;
      break;
    }
  }
  const { select, group } = groupBy(by, PARTICIPANT_DIMENSIONS, { date, period });
  // Rows with no event date (not yet completed, say) cannot fall in a month.
  const dated = by.includes('month') ? [sql`${date} IS NOT NULL`] : [];
  return rowsOf<Row>(await db.execute(sql`SELECT ${select}${measure} FROM participant_fact f WHERE ${sql.join([...where, ...dated], sql` AND `)} ${group}`));
}

const SESSION_DIMENSIONS: DimensionSql = {
  province: () => sql`left(si.region_code, 2)`,
  regency: () => sql`CASE WHEN length(si.region_code) >= 5 THEN left(si.region_code, 5) END`,
  site: () => sql`s.site_id::text`,
  partner: () => sql`(SELECT min(u.organisation_id::text) FROM session_trainer st JOIN app_user u ON u.id = st.user_id WHERE st.session_id = s.id)`,
  month: ({ date, period }) => monthOf(date, period),
};

function sessionFilters(filters: IndicatorFilters): SQL[] {
  const where: SQL[] = [];
  if (filters.province) where.push(sql`left(si.region_code, 2) = ${filters.province}`);
  if (filters.regency) where.push(sql`left(si.region_code, 5) = ${filters.regency}`);
  if (filters.siteId) where.push(sql`s.site_id = ${filters.siteId}`);
  if (filters.from) where.push(onOrAfter(sql`s.starts_at`, filters.from));
  if (filters.to) where.push(onOrBefore(sql`s.starts_at`, filters.to));
  return where;
}

const HELD = sql`(s.status <> 'cancelled' AND (s.status = 'done' OR s.ends_at <= now()))`;
/**
 * Per-session attendance and roster counts (`ss.attended`, `ss.rostered`, null for a session with
 * none) of the programmes' sessions: `session_stat` plus the deltas not folded into it yet
 * (monitoring/session-stats.ts), summed per session in one pass over the programmes' rows.
 */
function stat(programmeIds: string[]): SQL {
  return sql`LEFT JOIN (
    SELECT c.session_id, sum(c.attended)::int AS attended, sum(c.rostered)::int AS rostered
    FROM (SELECT session_id, attended, rostered FROM session_stat WHERE ${programmeScope(sql`programme_id`, programmeIds)}
          UNION ALL SELECT session_id, attended, rostered FROM session_stat_delta WHERE ${programmeScope(sql`programme_id`, programmeIds)}) c
    GROUP BY c.session_id) ss ON ss.session_id = s.id`;
}

async function sessionCells(db: DbOrTx, spec: Extract<IndicatorSpec, { source: 'sessions' | 'feedback' }>, programmeIds: string[], filters: IndicatorFilters, by: readonly Dimension[], period: Granularity) {
  const { select, group } = groupBy(by, SESSION_DIMENSIONS, { date: sql`s.starts_at`, period });
  const where = sql.join([programmeScope(sql`s.programme_id`, programmeIds), ...sessionFilters(filters)], sql` AND `);
  let query: SQL;
  switch (spec.measure) {
    case 'sessions_held':
      query = sql`SELECT ${select}count(*) FILTER (WHERE ${HELD}) AS numerator, NULL::bigint AS denominator, count(*) FILTER (WHERE ${HELD}) AS value,
        coalesce(sum(ss.rostered) FILTER (WHERE ${HELD}), 0) AS people
        FROM training_session s JOIN site si ON si.id = s.site_id ${stat(programmeIds)} WHERE ${where} ${group}`;
      break;
    case 'sites_active':
      query = sql`SELECT ${select}count(DISTINCT s.site_id) FILTER (WHERE ${HELD}) AS numerator, NULL::bigint AS denominator,
        count(DISTINCT s.site_id) FILTER (WHERE ${HELD}) AS value,
        coalesce(sum(ss.rostered) FILTER (WHERE ${HELD}), 0) AS people
        FROM training_session s JOIN site si ON si.id = s.site_id ${stat(programmeIds)} WHERE ${where} ${group}`;
      break;
    case 'attendance_rate':
      query = sql`SELECT ${select}sum(coalesce(ss.attended, 0)) AS numerator, sum(coalesce(ss.rostered, 0)) AS denominator,
        round(100.0 * sum(ss.attended) / nullif(sum(ss.rostered), 0), 1) AS value, coalesce(sum(ss.rostered), 0) AS people
        FROM training_session s JOIN site si ON si.id = s.site_id ${stat(programmeIds)}
        WHERE ${where} AND ${HELD} ${group}`;
      break;
    case 'mean_rating':
      query = sql`SELECT ${select}sum(fb.rating) AS numerator, count(fb.rating) AS denominator, round(avg(fb.rating), 2) AS value, count(fb.rating) AS people
        FROM session_feedback fb JOIN training_session s ON s.id = fb.session_id JOIN site si ON si.id = s.site_id WHERE ${where} ${group}`;
      break;
    case 'nps':
      query = sql`SELECT ${select}(count(*) FILTER (WHERE fb.recommend >= 9) - count(*) FILTER (WHERE fb.recommend <= 6)) AS numerator,
        count(fb.recommend) AS denominator,
        round(100.0 * (count(*) FILTER (WHERE fb.recommend >= 9) - count(*) FILTER (WHERE fb.recommend <= 6)) / nullif(count(fb.recommend), 0), 1) AS value,
        count(fb.recommend) AS people
        FROM session_feedback fb JOIN training_session s ON s.id = fb.session_id JOIN site si ON si.id = s.site_id WHERE ${where} ${group}`;
      break;
  }
  return rowsOf<Row>(await db.execute(query));
}

async function trainerCells(db: DbOrTx, spec: Extract<IndicatorSpec, { source: 'trainers' }>, programmeIds: string[], filters: IndicatorFilters, by: readonly Dimension[], period: Granularity) {
  if (spec.measure === 'trainers_certified') {
    const { select, group } = groupBy(by, { month: () => sql`to_char(tc.certified_on, ${sql.raw(`'${PERIOD_FORMATS[period]}'`)})` }, { date: sql`tc.certified_on`, period });
    const where = [programmeScope(sql`tc.programme_id`, programmeIds)];
    if (filters.from) where.push(sql`tc.certified_on >= ${filters.from}::date`);
    if (filters.to) where.push(sql`tc.certified_on <= ${filters.to}::date`);
    return rowsOf<Row>(await db.execute(sql`SELECT ${select}count(*) AS numerator, NULL::bigint AS denominator, count(*) AS value, count(*) AS people FROM trainer_certification tc WHERE ${sql.join(where, sql` AND `)} ${group}`));
  }
  // Cascade reach: participants whose first session run by a certified trainer is in the facts, dated by it.
  const date = sql`f.cascade_reached_at`;
  const { select, group } = groupBy(by, { month: () => monthOf(date, period) }, { date, period });
  const where = [programmeScope(sql`f.programme_id`, programmeIds), sql`${date} IS NOT NULL`, ...participantFilters(filters, date)];
  return rowsOf<Row>(
    await db.execute(sql`SELECT ${select}count(*) AS numerator, NULL::bigint AS denominator, count(*) AS value, count(*) AS people
      FROM participant_fact f WHERE ${sql.join(where, sql` AND `)} ${group}`),
  );
}

const toNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Computes an indicator over one or more programmes, optionally broken down by up to two
 * dimensions. Participant indicators and cascade reach read `participant_fact`; session, feedback
 * and certification indicators read their (small) tables, with per-session counts from `session_stat`.
 */
export async function computeIndicator(options: {
  db: DbOrTx;
  spec: IndicatorSpec;
  programmeIds: string[];
  filters?: IndicatorFilters;
  by?: readonly Dimension[];
  /** Length of the `month` dimension's periods (default month). */
  period?: Granularity;
}): Promise<IndicatorCell[]> {
  const { db, spec, programmeIds } = options;
  const filters = options.filters ?? {};
  const by = options.by ?? [];
  const period = options.period ?? 'month';
  if (programmeIds.length === 0) return by.length ? [] : [{ dims: {}, value: null, numerator: 0, denominator: null, people: 0 }];
  const rows =
    spec.source === 'participants'
      ? await participantCells(db, spec, programmeIds, filters, by, period)
      : spec.source === 'trainers'
        ? await trainerCells(db, spec, programmeIds, filters, by, period)
        : spec.source === 'outcomes'
          ? await outcomeCells(db, spec.measure, programmeIds, filters, by)
          : await sessionCells(db, spec, programmeIds, filters, by, period);
  return rows.map((r) => ({
    dims: Object.fromEntries(by.map((d, i) => [d, r[`d${i}`] === null || r[`d${i}`] === undefined ? null : String(r[`d${i}`])])),
    value: toNumber(r.value),
    numerator: toNumber(r.numerator) ?? 0,
    denominator: toNumber(r.denominator),
    people: toNumber(r.people) ?? 0,
  }));
}
