import { sql, type SQL } from 'drizzle-orm';
import { STANDARD_INDICATORS } from '../../core/indicator-spec.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { DashboardNumbers, FunnelStage } from './dashboard.ts';
import { NO_JIT } from './facts.ts';
import type { IndicatorFilters } from './indicators.ts';
import { rowsOf } from '../../db/rows.ts';

/**
 * The dashboard's numbers recomputed with plain GROUP BY over the raw tables (enrolment,
 * person, msme, attendance, training_session, learning path, campaigns, mentoring, milestones,
 * assessments, tests, feedback, certifications), reading no facts and no rollups. Tests and
 * `npm run bench:dashboard` check the dashboard against it. It implements the standard
 * indicators by their meaning (src/core/indicator-spec.ts), not through the definitions.
 */

type Row = Record<string, string | number | null>;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** One row per enrolment (not withdrawn) with what each indicator needs, derived from the raw tables. */
function people(programmeId: string): SQL {
  return sql`
    path AS (SELECT lpm.module_id, cm.duration_minutes AS minutes FROM learning_path_module lpm JOIN curriculum_module cm ON cm.id = lpm.module_id WHERE lpm.programme_id = ${programmeId}),
    rule AS (SELECT (SELECT coalesce(sum(minutes), 0) FROM path) AS total,
                    coalesce((SELECT completion_min_percent FROM learning_path WHERE programme_id = ${programmeId}), 80) AS pct),
    seen AS (
      SELECT a.person_id, sm.module_id, min(a.captured_at) AS at
      FROM attendance a JOIN session_module sm ON sm.session_id = a.session_id
      WHERE a.programme_id = ${programmeId} AND sm.module_id IN (SELECT module_id FROM path)
      GROUP BY a.person_id, sm.module_id),
    reached AS (
      SELECT s1.person_id, s1.at, sum(pa.minutes) AS covered
      FROM seen s1 JOIN seen s2 ON s2.person_id = s1.person_id AND s2.at <= s1.at JOIN path pa ON pa.module_id = s2.module_id
      GROUP BY s1.person_id, s1.module_id, s1.at),
    done AS (
      SELECT r.person_id, min(r.at) AS at FROM reached r, rule
      WHERE rule.total > 0 AND r.covered * 100 >= rule.pct * rule.total GROUP BY r.person_id),
    came AS (SELECT person_id, min(captured_at) AS at FROM attendance WHERE programme_id = ${programmeId} GROUP BY person_id),
    first_seen AS (
      SELECT a.person_id, min(s.id::text) AS session_id
      FROM attendance a JOIN came c ON c.person_id = a.person_id AND c.at = a.captured_at JOIN training_session s ON s.id = a.session_id
      WHERE a.programme_id = ${programmeId} GROUP BY a.person_id),
    certified_sessions AS (
      SELECT DISTINCT st.session_id FROM session_trainer st JOIN trainer_certification tc ON tc.user_id = st.user_id AND tc.programme_id = ${programmeId}
      WHERE st.programme_id = ${programmeId}),
    cascade AS (
      SELECT a.person_id, min(a.captured_at) AS at FROM attendance a JOIN certified_sessions cs ON cs.session_id = a.session_id
      WHERE a.programme_id = ${programmeId} GROUP BY a.person_id),
    invited AS (SELECT person_id FROM campaign_recipient WHERE programme_id = ${programmeId} AND skip_reason IS NULL GROUP BY person_id),
    mentored AS (SELECT msme_id FROM mentoring_visit WHERE programme_id = ${programmeId} GROUP BY msme_id),
    sold AS (SELECT msme_id FROM msme_milestone WHERE programme_id = ${programmeId} AND kind = 'first_online_sale' AND status = 'verified' GROUP BY msme_id),
    levels AS (
      SELECT msme_id, max(level) FILTER (WHERE phase = 'baseline') AS baseline, max(level) FILTER (WHERE phase = 'endline') AS endline
      FROM maturity_assessment WHERE programme_id = ${programmeId} GROUP BY msme_id),
    best AS (SELECT person_id, module_id, phase, max(score) AS score FROM test_attempt WHERE programme_id = ${programmeId} GROUP BY person_id, module_id, phase),
    scores AS (
      SELECT person_id, round(avg(score) FILTER (WHERE phase = 'pre'), 1) AS pre, round(avg(score) FILTER (WHERE phase = 'post'), 1) AS post
      FROM best GROUP BY person_id),
    p AS (
      SELECT e.person_id, e.msme_id, e.created_at AS enrolled_at, pr.kind::text AS kind, pr.gender::text AS gender,
        CASE WHEN pr.nik_birth_yy IS NULL THEN 'unknown' ELSE (
          SELECT CASE WHEN age < 25 THEN '<25' WHEN age < 35 THEN '25-34' WHEN age < 45 THEN '35-44' WHEN age < 55 THEN '45-54' ELSE '55+' END
          FROM (SELECT extract(year FROM e.created_at)::int - CASE WHEN 2000 + pr.nik_birth_yy <= extract(year FROM e.created_at)::int
                       THEN 2000 + pr.nik_birth_yy ELSE 1900 + pr.nik_birth_yy END AS age) y) END AS age_band,
        m.province_code, m.regency_code, m.sector, m.maturity_level,
        fs_session.site_id,
        (SELECT min(u.organisation_id::text) FROM session_trainer st JOIN app_user u ON u.id = st.user_id WHERE st.session_id = fs_session.id) AS partner_id,
        i.person_id IS NOT NULL AS invited, c.at AS attended_at, d.at AS completed_at, cas.at AS cascade_at,
        mv.msme_id IS NOT NULL AS mentored, so.msme_id IS NOT NULL AS sold, l.baseline, l.endline, sc.pre, sc.post
      FROM enrolment e
      JOIN person pr ON pr.id = e.person_id
      LEFT JOIN msme m ON m.id = e.msme_id
      LEFT JOIN first_seen fs ON fs.person_id = e.person_id
      LEFT JOIN training_session fs_session ON fs_session.id::text = fs.session_id
      LEFT JOIN invited i ON i.person_id = e.person_id
      LEFT JOIN came c ON c.person_id = e.person_id
      LEFT JOIN done d ON d.person_id = e.person_id
      LEFT JOIN cascade cas ON cas.person_id = e.person_id
      LEFT JOIN mentored mv ON mv.msme_id = e.msme_id
      LEFT JOIN sold so ON so.msme_id = e.msme_id
      LEFT JOIN levels l ON l.msme_id = e.msme_id
      LEFT JOIN scores sc ON sc.person_id = e.person_id
      WHERE e.programme_id = ${programmeId} AND e.status <> 'withdrawn')`;
}

function dimensionFilters(f: IndicatorFilters): SQL {
  const where: SQL[] = [sql`true`];
  if (f.province) where.push(sql`p.province_code = ${f.province}`);
  if (f.regency) where.push(sql`p.regency_code = ${f.regency}`);
  if (f.siteId) where.push(sql`p.site_id = ${f.siteId}`);
  if (f.sector) where.push(sql`p.sector = ${f.sector}`);
  if (f.gender) where.push(sql`p.gender = ${f.gender}`);
  if (f.ageBand) where.push(sql`p.age_band = ${f.ageBand}`);
  if (f.traineeType) where.push(sql`p.kind = ${f.traineeType}`);
  if (f.partnerId) where.push(sql`p.partner_id = ${f.partnerId}`);
  return sql.join(where, sql` AND `);
}

/** The date (WIB) of `column` within from/to, and not null. */
function within(column: SQL, f: IndicatorFilters): SQL {
  const day = sql`(${column} AT TIME ZONE 'Asia/Jakarta')::date`;
  return sql`(${column} IS NOT NULL${f.from ? sql` AND ${day} >= ${f.from}::date` : sql``}${f.to ? sql` AND ${day} <= ${f.to}::date` : sql``})`;
}

/** The dashboard's numbers for a programme from raw tables (see the module comment); JIT off, as the dashboard's reads. */
export async function naiveDashboardNumbers(db: DbOrTx, programmeId: string, filters: IndicatorFilters = {}): Promise<DashboardNumbers> {
  return db.transaction(async (tx) => {
    await tx.execute(NO_JIT);
    return naive(tx, programmeId, filters);
  });
}

async function naive(db: DbOrTx, programmeId: string, filters: IndicatorFilters): Promise<DashboardNumbers> {
  const enrolled = within(sql`p.enrolled_at`, filters);
  const attended = within(sql`p.attended_at`, filters);
  const completed = within(sql`p.completed_at`, filters);
  const cascade = within(sql`p.cascade_at`, filters);
  const [t = {}] = rowsOf<Row>(
    await db.execute(sql`WITH ${people(programmeId)}
      SELECT
        count(*) FILTER (WHERE ${enrolled}) AS enrolled,
        count(*) FILTER (WHERE ${enrolled} AND p.invited) AS invited,
        count(*) FILTER (WHERE ${attended}) AS attended,
        count(*) FILTER (WHERE ${completed}) AS completed,
        count(*) FILTER (WHERE ${enrolled} AND p.maturity_level >= 2) AS onboarded,
        count(*) FILTER (WHERE ${enrolled} AND p.sold) AS first_sale,
        count(DISTINCT p.msme_id) FILTER (WHERE ${enrolled}) AS msme_enrolled,
        count(DISTINCT p.msme_id) FILTER (WHERE ${completed}) AS msme_trained,
        count(DISTINCT p.msme_id) FILTER (WHERE ${enrolled} AND p.mentored) AS msme_mentored,
        count(*) FILTER (WHERE ${completed} AND p.kind = 'government_staff') AS government_staff_trained,
        count(*) FILTER (WHERE ${completed} AND p.gender = 'female') AS women,
        count(*) FILTER (WHERE ${completed} AND p.gender IS NOT NULL) AS gendered,
        round(100.0 * count(*) FILTER (WHERE ${completed} AND p.gender = 'female') / nullif(count(*) FILTER (WHERE ${completed} AND p.gender IS NOT NULL), 0), 1) AS women_share,
        count(DISTINCT p.msme_id) FILTER (WHERE ${enrolled} AND p.maturity_level >= 2) AS msme_onboarded,
        count(DISTINCT p.msme_id) FILTER (WHERE ${enrolled} AND p.sold) AS first_online_sale,
        sum(p.endline - p.baseline) FILTER (WHERE ${enrolled} AND p.baseline IS NOT NULL AND p.endline IS NOT NULL) AS maturity_sum,
        count(*) FILTER (WHERE ${enrolled} AND p.baseline IS NOT NULL AND p.endline IS NOT NULL) AS maturity_n,
        round(avg(p.endline - p.baseline) FILTER (WHERE ${enrolled} AND p.baseline IS NOT NULL AND p.endline IS NOT NULL), 2) AS maturity_gain,
        sum(p.post - p.pre) FILTER (WHERE ${enrolled} AND p.pre IS NOT NULL AND p.post IS NOT NULL) AS test_sum,
        count(*) FILTER (WHERE ${enrolled} AND p.pre IS NOT NULL AND p.post IS NOT NULL) AS test_n,
        round(avg(p.post - p.pre) FILTER (WHERE ${enrolled} AND p.pre IS NOT NULL AND p.post IS NOT NULL), 2) AS test_gain,
        count(DISTINCT p.regency_code) FILTER (WHERE ${completed} AND p.msme_id IS NOT NULL) AS regencies,
        count(*) FILTER (WHERE ${cascade}) AS cascade_reach
      FROM p WHERE ${dimensionFilters(filters)}`),
  );
  const trendRows = rowsOf<Row>(
    await db.execute(sql`WITH ${people(programmeId)}, q AS (SELECT * FROM p WHERE ${dimensionFilters(filters)})
      SELECT month, sum(enrolled) AS enrolled, sum(attended) AS attended, sum(completed) AS completed, sum(onboarded) AS onboarded FROM (
        SELECT to_char(enrolled_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM') AS month, 1 AS enrolled, 0 AS attended, 0 AS completed, CASE WHEN maturity_level >= 2 THEN 1 ELSE 0 END AS onboarded FROM q p WHERE ${enrolled}
        UNION ALL SELECT to_char(attended_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM'), 0, 1, 0, 0 FROM q p WHERE ${attended}
        UNION ALL SELECT to_char(completed_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM'), 0, 0, 1, 0 FROM q p WHERE ${completed}) x
      GROUP BY month ORDER BY month`),
  );
  const provinceRows = rowsOf<Row>(
    await db.execute(sql`WITH ${people(programmeId)}
      SELECT coalesce(p.province_code, '') AS code, count(*) FILTER (WHERE ${enrolled}) AS enrolled, count(*) FILTER (WHERE ${completed}) AS completed,
             count(*) FILTER (WHERE ${enrolled} AND p.maturity_level >= 2) AS onboarded
      FROM p WHERE ${dimensionFilters(filters)} GROUP BY 1 HAVING count(*) FILTER (WHERE ${enrolled} OR ${completed}) > 0 ORDER BY 1`),
  );

  // Sessions: held = not cancelled, and done or over; place and dates are the session's.
  const sessionWhere: SQL[] = [sql`s.programme_id = ${programmeId}`];
  if (filters.province) sessionWhere.push(sql`left(si.region_code, 2) = ${filters.province}`);
  if (filters.regency) sessionWhere.push(sql`left(si.region_code, 5) = ${filters.regency}`);
  if (filters.siteId) sessionWhere.push(sql`s.site_id = ${filters.siteId}`);
  if (filters.from) sessionWhere.push(sql`(s.starts_at AT TIME ZONE 'Asia/Jakarta')::date >= ${filters.from}::date`);
  if (filters.to) sessionWhere.push(sql`(s.starts_at AT TIME ZONE 'Asia/Jakarta')::date <= ${filters.to}::date`);
  const sw = sql.join(sessionWhere, sql` AND `);
  const [s = {}] = rowsOf<Row>(
    await db.execute(sql`
      WITH held AS (SELECT s.id, s.site_id FROM training_session s JOIN site si ON si.id = s.site_id WHERE ${sw} AND s.status <> 'cancelled' AND (s.status = 'done' OR s.ends_at <= now())),
      came AS (SELECT a.session_id, count(*) AS n FROM attendance a JOIN held h ON h.id = a.session_id WHERE a.programme_id = ${programmeId} GROUP BY a.session_id),
      roster AS (SELECT sp.session_id, count(*) AS n FROM session_participant sp JOIN held h ON h.id = sp.session_id GROUP BY sp.session_id),
      totals AS (SELECT (SELECT count(*) FROM held) AS sessions, (SELECT count(DISTINCT site_id) FROM held) AS sites,
             (SELECT coalesce(sum(n), 0) FROM came) AS attended, (SELECT sum(coalesce(r.n, 0)) FROM held h LEFT JOIN roster r ON r.session_id = h.id) AS rostered)
      SELECT *, round(100.0 * attended / nullif(rostered, 0), 1) AS rate FROM totals`),
  );
  const [fb = {}] = rowsOf<Row>(
    await db.execute(sql`
      SELECT sum(fb.rating) AS rating_sum, count(fb.rating) AS rating_n, round(avg(fb.rating), 2) AS rating,
             count(*) FILTER (WHERE fb.recommend >= 9) - count(*) FILTER (WHERE fb.recommend <= 6) AS nps_net, count(fb.recommend) AS nps_n,
             round(100.0 * (count(*) FILTER (WHERE fb.recommend >= 9) - count(*) FILTER (WHERE fb.recommend <= 6)) / nullif(count(fb.recommend), 0), 1) AS nps
      FROM session_feedback fb JOIN training_session s ON s.id = fb.session_id JOIN site si ON si.id = s.site_id WHERE ${sw}`),
  );
  const certWhere: SQL[] = [sql`programme_id = ${programmeId}`];
  if (filters.from) certWhere.push(sql`certified_on >= ${filters.from}::date`);
  if (filters.to) certWhere.push(sql`certified_on <= ${filters.to}::date`);
  const [tc = {}] = rowsOf<Row>(await db.execute(sql`SELECT count(*) AS n FROM trainer_certification WHERE ${sql.join(certWhere, sql` AND `)}`));

  const count = (n: unknown) => ({ value: num(n) ?? 0, numerator: num(n) ?? 0, denominator: null });
  const indicators: Record<string, { value: number | null; numerator: number; denominator: number | null }> = {
    msme_enrolled: count(t.msme_enrolled),
    msme_trained: count(t.msme_trained),
    msme_mentored: count(t.msme_mentored),
    people_trained: count(t.completed),
    government_staff_trained: count(t.government_staff_trained),
    women_share: { value: num(t.women_share), numerator: num(t.women) ?? 0, denominator: num(t.gendered) ?? 0 },
    sessions_held: count(s.sessions),
    attendance_rate: { value: num(s.rate), numerator: num(s.attended) ?? 0, denominator: num(s.rostered) },
    trainers_certified: count(tc.n),
    cascade_reach: count(t.cascade_reach),
    msme_onboarded: count(t.msme_onboarded),
    first_online_sale: count(t.first_online_sale),
    maturity_gain: { value: num(t.maturity_gain), numerator: num(t.maturity_sum) ?? 0, denominator: num(t.maturity_n) ?? 0 },
    test_gain: { value: num(t.test_gain), numerator: num(t.test_sum) ?? 0, denominator: num(t.test_n) ?? 0 },
    satisfaction: { value: num(fb.rating), numerator: num(fb.rating_sum) ?? 0, denominator: num(fb.rating_n) ?? 0 },
    nps: { value: num(fb.nps), numerator: num(fb.nps_net) ?? 0, denominator: num(fb.nps_n) ?? 0 },
    regencies_reached: count(t.regencies),
    sites_active: count(s.sites),
  };
  const funnel = Object.fromEntries(['enrolled', 'invited', 'attended', 'completed', 'onboarded', 'first_sale'].map((k) => [k, num(t[k]) ?? 0])) as Record<FunnelStage, number>;
  return {
    indicators: Object.fromEntries(Object.entries(indicators).map(([k, v]) => [k, { ...v, people: 0 }])),
    funnel,
    trend: trendRows.map((r) => ({ period: String(r.month), enrolled: Number(r.enrolled), attended: Number(r.attended), completed: Number(r.completed), onboarded: Number(r.onboarded) })),
    byProvince: provinceRows.map((r) => ({ code: String(r.code), enrolled: Number(r.enrolled), completed: Number(r.completed), onboarded: Number(r.onboarded) })),
  };
}

/** The standard indicators the naive module recomputes: all but the outcome-survey ones. */
export const NAIVE_INDICATORS = STANDARD_INDICATORS.filter((d) => d.spec.source !== 'outcomes').map((d) => d.code);

/** The part of the dashboard's numbers the naive module recomputes (people behind cells aside), for comparison. */
export function comparable(numbers: DashboardNumbers) {
  return {
    indicators: Object.fromEntries(
      NAIVE_INDICATORS.map((code) => {
        const v = numbers.indicators[code];
        return [code, v ? { value: v.value, numerator: v.numerator, denominator: v.denominator } : null];
      }),
    ),
    funnel: numbers.funnel,
    trend: numbers.trend,
    byProvince: numbers.byProvince,
  };
}
