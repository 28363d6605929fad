import { and, eq, lt, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { job } from '../../db/schema/index.ts';

export type JobRow = typeof job.$inferSelect;
export type JobProgress = NonNullable<JobRow['progress']>;

export async function enqueueJob(
  db: DbOrTx,
  input: { kind: string; programmeId?: string | null; payload: Record<string, unknown>; createdBy?: string | null },
): Promise<JobRow> {
  const [row] = await db
    .insert(job)
    .values({ kind: input.kind, programmeId: input.programmeId ?? null, payload: input.payload, createdBy: input.createdBy ?? null, progress: { done: 0, total: null, unit: 'rows' } })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function getJob(db: DbOrTx, id: string): Promise<JobRow | undefined> {
  const [row] = await db.select().from(job).where(eq(job.id, id));
  return row;
}

/** Takes the oldest queued job, marking it running (SKIP LOCKED lets several servers share the queue). */
export async function claimNextJob(db: DbOrTx, kinds: string[]): Promise<JobRow | undefined> {
  const result = await db.execute<{ id: string }>(sql`
    UPDATE ${job} SET status = 'running', attempts = ${job.attempts} + 1, started_at = coalesce(${job.startedAt}, now()), heartbeat_at = now()
    WHERE ${job.id} = (
      SELECT id FROM ${job} WHERE status = 'queued' AND kind IN (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})
      ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id`);
  const id = (result as unknown as { rows: { id: string }[] }).rows[0]?.id;
  return id ? getJob(db, id) : undefined;
}

/**
 * Puts back into the queue jobs whose worker died: with `all`, every running job (PGlite: the
 * data-dir lock proves no other process runs them); else those silent for `staleMs`.
 */
export async function requeueAbandonedJobs(db: DbOrTx, options: { all: boolean; staleMs: number }): Promise<number> {
  const stale = new Date(Date.now() - options.staleMs);
  const rows = await db
    .update(job)
    .set({ status: 'queued' })
    .where(and(eq(job.status, 'running'), options.all ? undefined : or(lt(job.heartbeatAt, stale), sql`${job.heartbeatAt} is null`)))
    .returning({ id: job.id });
  return rows.length;
}

/**
 * For kinds whose run covers every change committed before it starts (data-quality checks, fact
 * refresh of a programme): marks the other queued jobs of the same kind and programme done,
 * merged into the running one. Writers queue such a job only when none is queued, but concurrent
 * writers can each queue one; this keeps a burst to one run instead of a backlog of identical runs.
 */
export async function coalesceQueuedJobs(db: DbOrTx, running: JobRow): Promise<number> {
  if (!running.programmeId) return 0;
  const merged = await db
    .update(job)
    .set({ status: 'done', result: { coalescedInto: running.id }, finishedAt: new Date() })
    .where(and(eq(job.kind, running.kind), eq(job.programmeId, running.programmeId), eq(job.status, 'queued'), ne(job.id, running.id)))
    .returning({ id: job.id });
  return merged.length;
}

export async function updateJob(db: DbOrTx, id: string, values: Partial<typeof job.$inferInsert>): Promise<void> {
  await db.update(job).set(values).where(eq(job.id, id));
}
