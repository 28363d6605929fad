import type { FastifyBaseLogger } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client.ts';
import { factRefresh } from '../../db/schema/index.ts';
import type { JobContext } from '../jobs/runner.ts';
import { addRollups, subtractRollups } from './rollups.ts';
import { rowsOf } from '../../db/rows.ts';
import { startPeriodic, type Periodic } from '../../server/periodic.ts';

/**
 * Changes reach `fact_refresh` through database triggers (migration 0004): every write to
 * enrolments, attendance, assessments, milestones, visits, people and MSMEs notes who changed
 * and queues a REFRESH_FACTS job. This module applies them, and keeps the dashboard's rollups
 * (rollups.ts) in step in the same transaction. Withdrawn enrolments have no facts.
 */

/** Marks "the whole programme" in `fact_refresh`. */
export const WHOLE_PROGRAMME = '00000000-0000-0000-0000-000000000000';
export const REFRESH_FACTS = 'monitoring.refresh_facts';

/**
 * The age band rule, shared with the SQL below: age in whole years at enrolment from the
 * NIK's birth year (digits 11–12, kept as `person.nik_birth_yy` because the NIK is encrypted; read as 20xx
 * when not after the enrolment year, else 19xx). No NIK, no band.
 */
const AGE_BAND = sql`CASE
  WHEN pr.nik_birth_yy IS NULL THEN 'unknown'
  ELSE (WITH y AS (SELECT pr.nik_birth_yy::int AS yy, extract(year FROM pe.created_at)::int AS at)
        SELECT CASE
          WHEN age < 25 THEN '<25' WHEN age < 35 THEN '25-34' WHEN age < 45 THEN '35-44' WHEN age < 55 THEN '45-54' ELSE '55+' END
        FROM (SELECT y.at - CASE WHEN 2000 + y.yy <= y.at THEN 2000 + y.yy ELSE 1900 + y.yy END AS age FROM y) a)
  END`;

/**
 * Recomputes the participant facts of a programme — all of them, or only the given people —
 * from enrolments, attendance, the learning path, campaigns, mentoring, milestones and
 * assessments, in one statement. Facts of people no longer enrolled are removed.
 */
export async function refreshParticipantFacts(db: DbOrTx, programmeId: string, personIds: string[] | 'all'): Promise<void> {
  if (personIds !== 'all' && personIds.length === 0) return;
  const scope = personIds === 'all' ? sql`true` : sql`e.person_id = ANY(${sql`${`{${personIds.join(',')}}`}::uuid[]`})`;
  await db.execute(sql`
    WITH lp AS (SELECT coalesce((SELECT completion_min_percent FROM learning_path WHERE programme_id = ${programmeId}), 80) AS min_pct),
    path AS (
      SELECT m.id AS module_id, m.duration_minutes AS minutes
      FROM learning_path_module lpm JOIN curriculum_module m ON m.id = lpm.module_id
      WHERE lpm.programme_id = ${programmeId}),
    path_total AS (SELECT coalesce(sum(minutes), 0)::int AS minutes FROM path),
    people AS (SELECT e.person_id, e.msme_id, e.created_at FROM enrolment e WHERE e.programme_id = ${programmeId} AND e.status <> 'withdrawn' AND ${scope}),
    att AS (
      SELECT a.person_id, count(DISTINCT a.session_id)::int AS sessions, min(a.captured_at) AS first_at
      FROM attendance a JOIN people p ON p.person_id = a.person_id
      WHERE a.programme_id = ${programmeId} GROUP BY a.person_id),
    module_first AS (
      SELECT a.person_id, pa.module_id, pa.minutes, min(a.captured_at) AS at
      FROM attendance a JOIN people p ON p.person_id = a.person_id
      JOIN session_module sm ON sm.session_id = a.session_id JOIN path pa ON pa.module_id = sm.module_id
      WHERE a.programme_id = ${programmeId} GROUP BY a.person_id, pa.module_id, pa.minutes),
    running AS (SELECT person_id, at, sum(minutes) OVER (PARTITION BY person_id ORDER BY at, module_id) AS cum FROM module_first),
    covered AS (
      SELECT person_id, max(cum)::int AS minutes,
             min(at) FILTER (WHERE (SELECT minutes FROM path_total) > 0 AND cum * 100 >= (SELECT min_pct FROM lp) * (SELECT minutes FROM path_total)) AS completed_at
      FROM running GROUP BY person_id),
    first_session AS (
      SELECT DISTINCT ON (a.person_id) a.person_id, s.id AS session_id, s.site_id
      FROM attendance a JOIN people p ON p.person_id = a.person_id JOIN training_session s ON s.id = a.session_id
      WHERE a.programme_id = ${programmeId} ORDER BY a.person_id, a.captured_at, s.id),
    partner AS (
      SELECT fs.person_id, (SELECT min(u.organisation_id::text)::uuid FROM session_trainer st JOIN app_user u ON u.id = st.user_id WHERE st.session_id = fs.session_id) AS organisation_id
      FROM first_session fs),
    invited AS (SELECT DISTINCT r.person_id FROM campaign_recipient r JOIN people p ON p.person_id = r.person_id WHERE r.programme_id = ${programmeId} AND r.skip_reason IS NULL),
    mentored AS (SELECT DISTINCT v.msme_id FROM mentoring_visit v WHERE v.programme_id = ${programmeId}),
    sale AS (SELECT DISTINCT ms.msme_id FROM msme_milestone ms WHERE ms.programme_id = ${programmeId} AND ms.kind = 'first_online_sale' AND ms.status = 'verified'),
    maturity AS (
      SELECT ma.msme_id, max(ma.level) FILTER (WHERE ma.phase = 'baseline') AS baseline, max(ma.level) FILTER (WHERE ma.phase = 'endline') AS endline
      FROM maturity_assessment ma WHERE ma.programme_id = ${programmeId} GROUP BY ma.msme_id),
    cascade AS (
      SELECT a.person_id, min(a.captured_at) AS at
      FROM attendance a JOIN people p ON p.person_id = a.person_id
      WHERE a.programme_id = ${programmeId} AND EXISTS (
        SELECT 1 FROM session_trainer st JOIN trainer_certification tc ON tc.user_id = st.user_id AND tc.programme_id = a.programme_id WHERE st.session_id = a.session_id)
      GROUP BY a.person_id),
    tests AS (
      SELECT b.person_id, avg(b.best) FILTER (WHERE b.phase = 'pre') AS pre, avg(b.best) FILTER (WHERE b.phase = 'post') AS post
      FROM (SELECT t.person_id, t.module_id, t.phase, max(t.score) AS best FROM test_attempt t JOIN people p ON p.person_id = t.person_id
            WHERE t.programme_id = ${programmeId} GROUP BY 1, 2, 3) b
      GROUP BY b.person_id)
    INSERT INTO participant_fact (
      programme_id, person_id, msme_id, person_kind, gender, age_band, province_code, regency_code, sector, enrolled_at,
      site_id, partner_id, invited, attended, first_attended_at, sessions_attended, covered_minutes, path_minutes,
      completed, completed_at, mentored, maturity_baseline, maturity_endline, maturity_current, first_sale, pre_score, post_score, cascade_reached_at, refreshed_at)
    SELECT ${programmeId}::uuid, pe.person_id, pe.msme_id, pr.kind::text, pr.gender::text, ${AGE_BAND}, m.province_code, m.regency_code, m.sector,
           pe.created_at, fs.site_id, pa.organisation_id, inv.person_id IS NOT NULL, att.person_id IS NOT NULL, att.first_at,
           coalesce(att.sessions, 0), coalesce(cov.minutes, 0), (SELECT minutes FROM path_total),
           cov.completed_at IS NOT NULL, cov.completed_at, men.msme_id IS NOT NULL, mat.baseline, mat.endline, m.maturity_level,
           sale.msme_id IS NOT NULL, round(tests.pre, 1), round(tests.post, 1), cas.at, now()
    FROM people pe
    JOIN person pr ON pr.id = pe.person_id
    LEFT JOIN msme m ON m.id = pe.msme_id
    LEFT JOIN att ON att.person_id = pe.person_id
    LEFT JOIN covered cov ON cov.person_id = pe.person_id
    LEFT JOIN first_session fs ON fs.person_id = pe.person_id
    LEFT JOIN partner pa ON pa.person_id = pe.person_id
    LEFT JOIN invited inv ON inv.person_id = pe.person_id
    LEFT JOIN mentored men ON men.msme_id = pe.msme_id
    LEFT JOIN sale ON sale.msme_id = pe.msme_id
    LEFT JOIN maturity mat ON mat.msme_id = pe.msme_id
    LEFT JOIN tests ON tests.person_id = pe.person_id
    LEFT JOIN cascade cas ON cas.person_id = pe.person_id
    ON CONFLICT (programme_id, person_id) DO UPDATE SET
      msme_id = excluded.msme_id, person_kind = excluded.person_kind, gender = excluded.gender, age_band = excluded.age_band,
      province_code = excluded.province_code, regency_code = excluded.regency_code, sector = excluded.sector, enrolled_at = excluded.enrolled_at,
      site_id = excluded.site_id, partner_id = excluded.partner_id, invited = excluded.invited, attended = excluded.attended,
      first_attended_at = excluded.first_attended_at, sessions_attended = excluded.sessions_attended, covered_minutes = excluded.covered_minutes,
      path_minutes = excluded.path_minutes, completed = excluded.completed, completed_at = excluded.completed_at, mentored = excluded.mentored,
      maturity_baseline = excluded.maturity_baseline, maturity_endline = excluded.maturity_endline, maturity_current = excluded.maturity_current,
      first_sale = excluded.first_sale, pre_score = excluded.pre_score, post_score = excluded.post_score,
      cascade_reached_at = excluded.cascade_reached_at, refreshed_at = excluded.refreshed_at`);
  const gone = personIds === 'all' ? sql`true` : sql`f.person_id = ANY(${sql`${`{${personIds.join(',')}}`}::uuid[]`})`;
  await db.execute(sql`
    DELETE FROM participant_fact f
    WHERE f.programme_id = ${programmeId} AND ${gone}
      AND NOT EXISTS (SELECT 1 FROM enrolment e WHERE e.programme_id = f.programme_id AND e.person_id = f.person_id AND e.status <> 'withdrawn')`);
}

/**
 * Turns PostgreSQL's JIT compilation off for the transaction: the planner's row estimates for
 * these many-CTE statements are huge, so it would spend seconds compiling what runs in milliseconds.
 */
export const NO_JIT = sql`SELECT set_config('jit', 'off', true)`;

/** Applies every queued refresh of a programme; what is queued meanwhile waits for the next run. */
export async function drainFactRefresh(database: Database, programmeId: string): Promise<{ people: number | 'all' }> {
  return database.db.transaction(async (tx) => {
    await tx.execute(NO_JIT);
    const rows = await tx.delete(factRefresh).where(eq(factRefresh.programmeId, programmeId)).returning({ personId: factRefresh.personId });
    if (rows.length === 0) return { people: 0 };
    const all = rows.some((r) => r.personId === WHOLE_PROGRAMME);
    // The queue has no unique key (writers never wait on it): a person may be queued more than once.
    const people = all ? 'all' : [...new Set(rows.map((r) => r.personId))];
    const before = await subtractRollups(tx, programmeId, people);
    await refreshParticipantFacts(tx, programmeId, people);
    await addRollups(tx, programmeId, people, before);
    return { people: all ? 'all' : people.length };
  });
}

/**
 * Queues a refresh for every programme with queued people and no refresh queued or running. Writers
 * queue one only when none is queued: a writer that saw a queued job just before a runner claimed
 * it, and committed after that run read the queue, leaves people waiting with no job to take them.
 * The server sweeps now and then (startFactRefreshSweep) so that they wait seconds, not until the
 * programme's next change. Returns the programmes queued.
 */
export async function sweepFactRefresh(db: DbOrTx): Promise<number> {
  const queued = await db.execute(sql`
    INSERT INTO job (kind, programme_id, payload, progress)
    SELECT ${REFRESH_FACTS}, p.programme_id, jsonb_build_object('programmeId', p.programme_id), '{"done":0,"total":null,"unit":"people"}'::jsonb
    FROM (SELECT DISTINCT programme_id FROM fact_refresh) p
    WHERE NOT EXISTS (SELECT 1 FROM job j WHERE j.kind = ${REFRESH_FACTS} AND j.programme_id = p.programme_id AND j.status IN ('queued', 'running'))
    RETURNING id`);
  return rowsOf(queued).length;
}

/** How often the server looks for people queued with no refresh to take them. */
const SWEEP_INTERVAL_MS = 30_000;

export function startFactRefreshSweep(options: { db: DbOrTx; log: FastifyBaseLogger; wake: () => void }): Periodic {
  const sweep = async () => {
    if ((await sweepFactRefresh(options.db)) > 0) options.wake();
  };
  return startPeriodic({ work: sweep, intervalMs: SWEEP_INTERVAL_MS, log: options.log, failure: 'fact refresh sweep failed; retrying' });
}

/** The durable job behind `factsChanged`. */
export async function runFactRefresh(context: JobContext): Promise<Record<string, unknown>> {
  const programmeId = String(context.job.payload.programmeId);
  return drainFactRefresh(context.database, programmeId);
}

/** Whether a programme has changes not yet in its facts (reports then say so). */
export async function factsPending(db: DbOrTx, programmeId: string): Promise<boolean> {
  const [row] = await db.select({ one: sql<number>`1` }).from(factRefresh).where(eq(factRefresh.programmeId, programmeId)).limit(1);
  return Boolean(row);
}
