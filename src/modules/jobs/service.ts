import { and, eq, lt, or, sql } from 'drizzle-orm';
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

export async function updateJob(db: DbOrTx, id: string, values: Partial<typeof job.$inferInsert>): Promise<void> {
  await db.update(job).set(values).where(eq(job.id, id));
}
