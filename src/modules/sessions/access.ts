import { and, eq, sql } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { canOnSession, type Actor, type ProgrammeAction } from '../../core/policy.ts';
import type { DbOrTx } from '../../db/client.ts';
import { programme, sessionTrainer, trainingSession } from '../../db/schema/index.ts';
import { programmeRelation, type ProgrammeRow } from '../programmes/access.ts';

export type SessionRow = typeof trainingSession.$inferSelect;

export function sessionNotFound(): AppError {
  return new AppError('not_found', 'errors.notFound', { params: { entity: 'session' } });
}

export async function isAssignedTrainer(db: DbOrTx, userId: string, sessionId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql`1` })
    .from(sessionTrainer)
    .where(and(eq(sessionTrainer.sessionId, sessionId), eq(sessionTrainer.userId, userId)));
  return Boolean(row);
}

/**
 * Loads a session the caller may act on. Sessions of programmes the caller cannot see, and
 * (for trainers) sessions they do not run, are not found; visible ones they may not change are forbidden.
 */
export async function authorizeSession(db: DbOrTx, actor: Actor, sessionId: string, action: ProgrammeAction): Promise<{ session: SessionRow; programme: ProgrammeRow; assigned: boolean }> {
  const [row] = await db.select({ session: trainingSession, programme }).from(trainingSession).innerJoin(programme, eq(programme.id, trainingSession.programmeId)).where(eq(trainingSession.id, sessionId));
  if (!row) throw sessionNotFound();
  const assigned = await isAssignedTrainer(db, actor.userId, sessionId);
  const decision = canOnSession(actor, action, await programmeRelation(db, actor, row.programme), assigned);
  if (decision === 'not_found') throw sessionNotFound();
  if (decision === 'forbidden') throw new AppError('forbidden', 'errors.forbidden');
  return { session: row.session, programme: row.programme, assigned };
}
