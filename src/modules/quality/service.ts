import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { canOnQualityTask, type Actor } from '../../core/policy.ts';
import type { Database, DbOrTx } from '../../db/client.ts';
import { appUser, job, qualityTask } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/service.ts';
import type { JobContext } from '../jobs/runner.ts';
import { authorizeProgramme, programmeRelation } from '../programmes/access.ts';
import { checkQuery, QUALITY_CHECKS, type QualityCheck } from './checks.ts';
import { rowsOf } from '../../db/rows.ts';

export const RUN_QUALITY_CHECKS = 'quality.run_checks';

export type CheckOutcome = { check: QualityCheck; found: number; opened: number; updated: number; closed: number };

/**
 * Runs one check and reconciles its tasks in one statement: a problem with an open task updates
 * it; a new problem opens a task unless a person already resolved the very same problem (same
 * fingerprint); open tasks whose problem is no longer found are closed (resolvedBy null).
 */
async function reconcileCheck(db: DbOrTx, programmeId: string, check: QualityCheck): Promise<CheckOutcome> {
  const result = await db.execute(sql`
    WITH found AS (SELECT q.subject_key, q.details, md5(q.details::text) AS fingerprint, q.assignee_user_id FROM (${checkQuery(check, programmeId)}) q),
    upd AS (
      UPDATE quality_task t SET details = f.details, fingerprint = f.fingerprint, last_found_at = now(),
             assignee_user_id = f.assignee_user_id, assignee_organisation_id = (SELECT u.organisation_id FROM app_user u WHERE u.id = f.assignee_user_id)
      FROM found f
      WHERE t.programme_id = ${programmeId} AND t."check" = ${check} AND t.status = 'open' AND t.subject_key = f.subject_key
      RETURNING t.id),
    ins AS (
      INSERT INTO quality_task (programme_id, "check", subject_key, details, fingerprint, assignee_user_id, assignee_organisation_id)
      SELECT ${programmeId}::uuid, ${check}, f.subject_key, f.details, f.fingerprint, f.assignee_user_id, (SELECT u.organisation_id FROM app_user u WHERE u.id = f.assignee_user_id)
      FROM found f
      WHERE NOT EXISTS (SELECT 1 FROM quality_task t WHERE t.programme_id = ${programmeId} AND t."check" = ${check} AND t.subject_key = f.subject_key
                          AND (t.status = 'open' OR (t.resolved_by IS NOT NULL AND t.fingerprint = f.fingerprint)))
      ON CONFLICT (programme_id, "check", subject_key) WHERE status = 'open' DO NOTHING
      RETURNING id),
    closed AS (
      UPDATE quality_task t SET status = 'resolved', resolved_at = now()
      WHERE t.programme_id = ${programmeId} AND t."check" = ${check} AND t.status = 'open' AND NOT EXISTS (SELECT 1 FROM found f WHERE f.subject_key = t.subject_key)
      RETURNING t.id)
    SELECT (SELECT count(*) FROM found)::int AS found, (SELECT count(*) FROM ins)::int AS opened, (SELECT count(*) FROM upd)::int AS updated, (SELECT count(*) FROM closed)::int AS closed`);
  const [row] = rowsOf<Omit<CheckOutcome, 'check'>>(result);
  return { check, found: Number(row?.found ?? 0), opened: Number(row?.opened ?? 0), updated: Number(row?.updated ?? 0), closed: Number(row?.closed ?? 0) };
}

/** Runs every check on a programme (each in its own transaction). */
export async function runQualityChecks(database: Database, programmeId: string): Promise<CheckOutcome[]> {
  const outcomes: CheckOutcome[] = [];
  for (const check of QUALITY_CHECKS) outcomes.push(await database.db.transaction((tx) => reconcileCheck(tx, programmeId, check)));
  return outcomes;
}

/**
 * Queues a run of the checks for a programme (after an import or an attendance sync), unless
 * one is already waiting: a burst of syncs leads to one run.
 */
export async function enqueueQualityChecks(db: DbOrTx, programmeId: string, createdBy: string | null = null): Promise<void> {
  await db.execute(enqueueQualityChecksSql(sql`SELECT ${programmeId}::uuid AS programme_id`, createdBy));
}

/**
 * The INSERT behind `enqueueQualityChecks`, for the programmes a query yields (column
 * `programme_id`), to run as part of a larger statement (the offline sync stores a batch in one).
 */
export function enqueueQualityChecksSql(programmes: SQL, createdBy: string | null): SQL {
  return sql`
    INSERT INTO job (kind, programme_id, payload, progress, created_by)
    SELECT ${RUN_QUALITY_CHECKS}, p.programme_id, jsonb_build_object('programmeId', p.programme_id::text), '{"done":0,"total":null,"unit":"checks"}'::jsonb, ${createdBy}::uuid
    FROM (${programmes}) p
    WHERE NOT EXISTS (SELECT 1 FROM job j WHERE j.kind = ${RUN_QUALITY_CHECKS} AND j.programme_id = p.programme_id AND j.status = 'queued')`;
}

/** The durable job behind `enqueueQualityChecks`. */
export async function runQualityJob(context: JobContext): Promise<Record<string, unknown>> {
  const programmeId = String(context.job.payload.programmeId);
  const outcomes = await runQualityChecks(context.database, programmeId);
  return { checks: outcomes };
}

/** "Run now" from the data-quality page: the same checks, in the request, with what they found. */
export async function runQualityChecksNow(options: { database: Database; actor: Actor; programmeId: string }) {
  const { database, actor, programmeId } = options;
  await authorizeProgramme(database.db, actor, programmeId, 'quality.run');
  const checks = await runQualityChecks(database, programmeId);
  await recordAudit(database.db, { actorUserId: actor.userId, action: 'quality.run', entityType: 'programme', entityId: programmeId, programmeId, details: { found: checks.reduce((s, c) => s + c.found, 0) } });
  return { checks };
}

export type TaskFilters = { status?: 'open' | 'resolved'; check?: QualityCheck; assignee?: string; page: number; pageSize: number };

export type TaskView = {
  id: string;
  check: string;
  subjectKey: string;
  details: Record<string, unknown>;
  status: 'open' | 'resolved';
  assigneeUserId: string | null;
  assigneeName: string | null;
  firstFoundAt: string;
  lastFoundAt: string;
  resolvedAt: string | null;
  resolvedByName: string | null;
  /** Closed by a run that no longer found the problem (no person resolved it). */
  autoClosed: boolean;
  resolutionComment: string | null;
};

/**
 * A programme's tasks, newest found first. Trainers see only the tasks routed to them;
 * `assignee` is a user id, `me`, or `none` (the programme's managers).
 */
export async function listQualityTasks(options: { db: DbOrTx; actor: Actor; programmeId: string; filters: TaskFilters }) {
  const { db, actor, programmeId, filters } = options;
  await authorizeProgramme(db, actor, programmeId, 'quality.read');
  const where: (SQL | undefined)[] = [eq(qualityTask.programmeId, programmeId)];
  if (filters.status) where.push(eq(qualityTask.status, filters.status));
  if (filters.check) where.push(eq(qualityTask.check, filters.check));
  if (filters.assignee === 'none') where.push(sql`${qualityTask.assigneeUserId} IS NULL`);
  else if (filters.assignee) where.push(eq(qualityTask.assigneeUserId, filters.assignee === 'me' ? actor.userId : filters.assignee));
  if (actor.role === 'trainer') where.push(eq(qualityTask.assigneeUserId, actor.userId));
  const condition = and(...where);
  const assignee = sql<string | null>`(SELECT u.name FROM app_user u WHERE u.id = ${qualityTask.assigneeUserId})`;
  const resolver = sql<string | null>`(SELECT u.name FROM app_user u WHERE u.id = ${qualityTask.resolvedBy})`;
  const rows = await db
    .select({ task: qualityTask, assigneeName: assignee, resolvedByName: resolver })
    .from(qualityTask)
    .where(condition)
    .orderBy(desc(qualityTask.lastFoundAt), qualityTask.check, qualityTask.subjectKey)
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(qualityTask).where(condition);
  const open = await db
    .select({ check: qualityTask.check, n: sql<number>`count(*)::int` })
    .from(qualityTask)
    .where(and(eq(qualityTask.programmeId, programmeId), eq(qualityTask.status, 'open'), actor.role === 'trainer' ? eq(qualityTask.assigneeUserId, actor.userId) : undefined))
    .groupBy(qualityTask.check);
  return {
    items: rows.map(({ task, assigneeName, resolvedByName }): TaskView => ({
      id: task.id,
      check: task.check,
      subjectKey: task.subjectKey,
      details: task.details,
      status: task.status,
      assigneeUserId: task.assigneeUserId,
      assigneeName,
      firstFoundAt: task.firstFoundAt.toISOString(),
      lastFoundAt: task.lastFoundAt.toISOString(),
      resolvedAt: task.resolvedAt?.toISOString() ?? null,
      resolvedByName,
      autoClosed: task.status === 'resolved' && task.resolvedBy === null,
      resolutionComment: task.resolutionComment,
    })),
    total: Number(count?.n ?? 0),
    page: filters.page,
    pageSize: filters.pageSize,
    openByCheck: Object.fromEntries(open.map((o) => [o.check, Number(o.n)])),
  };
}

function taskNotFound(): AppError {
  return new AppError('not_found', 'errors.notFound', { params: { entity: 'task' } });
}

/** Resolves an open task with a comment; it stays in the history. Trainers only their own tasks. */
export async function resolveQualityTask(options: { db: DbOrTx; actor: Actor; programmeId: string; taskId: string; comment: string }) {
  const { db, actor, programmeId, taskId, comment } = options;
  const p = await authorizeProgramme(db, actor, programmeId, 'quality.read');
  const [task] = await db.select().from(qualityTask).where(and(eq(qualityTask.id, taskId), eq(qualityTask.programmeId, programmeId)));
  if (!task) throw taskNotFound();
  const decision = canOnQualityTask(actor, 'quality.resolve', await programmeRelation(db, actor, p), task.assigneeUserId === actor.userId);
  if (decision === 'not_found') throw taskNotFound();
  if (decision === 'forbidden') throw new AppError('forbidden', 'errors.forbidden');
  if (task.status !== 'open') throw new AppError('conflict', 'errors.quality.alreadyResolved');
  await db.transaction(async (tx) => {
    await tx.update(qualityTask).set({ status: 'resolved', resolvedBy: actor.userId, resolvedAt: new Date(), resolutionComment: comment }).where(eq(qualityTask.id, taskId));
    await recordAudit(tx, { actorUserId: actor.userId, action: 'quality.resolve', entityType: 'quality_task', entityId: taskId, programmeId, details: { check: task.check } });
  });
  const [row] = await db.select({ name: appUser.name }).from(appUser).where(eq(appUser.id, actor.userId));
  return { id: taskId, status: 'resolved' as const, resolvedByName: row?.name ?? null, resolutionComment: comment };
}

/** Whether a run of the checks is queued for a programme (not yet taken by the job runner). */
export async function qualityRunQueued(db: DbOrTx, programmeId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(job)
    .where(and(eq(job.kind, RUN_QUALITY_CHECKS), eq(job.programmeId, programmeId), eq(job.status, 'queued')))
    .limit(1);
  return Boolean(row);
}
