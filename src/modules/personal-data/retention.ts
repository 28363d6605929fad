import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import { programmeRetention } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { recordAudit } from '../audit/service.ts';
import type { JobContext } from '../jobs/runner.ts';
import { enqueueJob } from '../jobs/service.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import { anonymisePeople } from './subject-rights.ts';

export const APPLY_RETENTION = 'personal_data.retention';
const BATCH = 1000;

/** A programme whose retention period is over: ended, a period set, and end date + period in the past. */
const expired = (alias: string) =>
  sql.raw(`(${alias}.end_date IS NOT NULL AND r_${alias}.months IS NOT NULL AND (${alias}.end_date + make_interval(months => r_${alias}.months))::date < current_date)`);

/**
 * People due for anonymisation: enrolled in a programme whose retention period is over, and in
 * no programme that is still live or still inside its own period (a programme without a period
 * keeps its people). Already anonymised people are skipped.
 */
async function duePeople(db: DbOrTx, limit: number): Promise<string[]> {
  const result = await db.execute<{ id: string }>(sql`
    SELECT DISTINCT e.person_id AS id
    FROM enrolment e JOIN programme p ON p.id = e.programme_id LEFT JOIN programme_retention r_p ON r_p.programme_id = p.id
    JOIN person pe ON pe.id = e.person_id AND pe.anonymised_at IS NULL
    WHERE ${expired('p')}
      AND NOT EXISTS (
        SELECT 1 FROM enrolment o JOIN programme q ON q.id = o.programme_id LEFT JOIN programme_retention r_q ON r_q.programme_id = q.id
        WHERE o.person_id = e.person_id AND NOT ${expired('q')})
    LIMIT ${limit}`);
  return (result as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
}

/**
 * The durable retention job: anonymises due people in batches, each batch in its own
 * transaction (a crash loses at most the batch in flight, and the next run picks up the rest).
 */
export async function runRetention(context: JobContext): Promise<Record<string, unknown>> {
  const db = context.database.db;
  let anonymised = 0;
  for (;;) {
    const ids = await duePeople(db, BATCH);
    if (ids.length === 0) break;
    anonymised += await db.transaction(async (tx) => {
      const n = await anonymisePeople(tx, ids);
      await recordAudit(tx, { actorUserId: null, action: 'personal_data.retention', entityType: 'person', details: { anonymised: n } });
      return n;
    });
    await context.progress({ done: anonymised, total: null, unit: 'people' });
  }
  await db.execute(sql`
    UPDATE programme_retention r SET applied_at = now() FROM programme p
    WHERE p.id = r.programme_id AND p.end_date IS NOT NULL AND (p.end_date + make_interval(months => r.months))::date < current_date`);
  return { anonymised };
}

export async function enqueueRetention(db: DbOrTx, createdBy: string | null = null) {
  return enqueueJob(db, { kind: APPLY_RETENTION, payload: {}, createdBy });
}

export async function getRetention(options: { db: Db; actor: SessionActor; programmeId: string }) {
  await authorizeProgramme(options.db, options.actor, options.programmeId, 'programme.read');
  const [row] = await options.db.select().from(programmeRetention).where(eq(programmeRetention.programmeId, options.programmeId));
  return { months: row?.months ?? null, appliedAt: row?.appliedAt?.toISOString() ?? null };
}

/** Sets (or clears, with null) how many months after its end date a programme's personal data is kept. */
export async function setRetention(options: { db: Db; actor: SessionActor; programmeId: string; months: number | null }) {
  const { db, actor, programmeId, months } = options;
  await authorizeProgramme(db, actor, programmeId, 'retention.manage');
  await db.transaction(async (tx) => {
    if (months === null) await tx.delete(programmeRetention).where(eq(programmeRetention.programmeId, programmeId));
    else
      await tx
        .insert(programmeRetention)
        .values({ programmeId, months, updatedBy: actor.userId })
        .onConflictDoUpdate({ target: programmeRetention.programmeId, set: { months, updatedBy: actor.userId, updatedAt: new Date() } });
    await recordAudit(tx, { actorUserId: actor.userId, action: 'programme.retention', entityType: 'programme', entityId: programmeId, programmeId, details: { months } });
  });
  return getRetention({ db, actor, programmeId });
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Queues the retention job once a day (and shortly after start), unless one is already waiting
 * or running. The job itself is durable; this is only its alarm clock.
 */
export function scheduleRetention(options: { db: Db; wake: () => void; firstDelayMs?: number }): { stop(): void } {
  const tick = async () => {
    const result = await options.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM job WHERE kind = ${APPLY_RETENTION} AND status IN ('queued', 'running')`);
    if (Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0) > 0) return;
    await enqueueRetention(options.db);
    options.wake();
  };
  const run = () => void tick().catch(() => undefined);
  const first = setTimeout(run, options.firstDelayMs ?? 60_000);
  const daily = setInterval(run, DAY_MS);
  first.unref();
  daily.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(daily);
    },
  };
}
