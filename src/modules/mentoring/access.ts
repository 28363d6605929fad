import { and, eq, isNull, sql } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { canOnCaseload, canSeeProgramme, type Actor, type ProgrammeAction } from '../../core/policy.ts';
import type { DbOrTx } from '../../db/client.ts';
import { enrolment, mentorCaseload, msme, programme } from '../../db/schema/index.ts';
import { programmeRelation, type ProgrammeRow } from '../programmes/access.ts';

export type MsmeRow = typeof msme.$inferSelect;

export function msmeNotFound(): AppError {
  return new AppError('not_found', 'errors.notFound', { params: { entity: 'msme' } });
}

export async function inCaseload(db: DbOrTx, userId: string, programmeId: string, msmeId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql`1` })
    .from(mentorCaseload)
    .where(and(eq(mentorCaseload.programmeId, programmeId), eq(mentorCaseload.mentorUserId, userId), eq(mentorCaseload.msmeId, msmeId), isNull(mentorCaseload.endedAt)));
  return Boolean(row);
}

/**
 * Loads an MSME enrolled in a programme that the caller may act on. Programmes the caller
 * cannot see, MSMEs not in the programme, and (for mentors) MSMEs outside their own caseload
 * are not found; visible ones they may not change are forbidden.
 */
export async function authorizeMsme(db: DbOrTx, actor: Actor, programmeId: string, msmeId: string, action: ProgrammeAction): Promise<{ programme: ProgrammeRow; msme: MsmeRow }> {
  const [p] = await db.select().from(programme).where(eq(programme.id, programmeId));
  if (!p) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'programme' } });
  const relation = await programmeRelation(db, actor, p);
  if (!canSeeProgramme(actor, relation)) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'programme' } });
  const [row] = await db
    .select({ msme })
    .from(enrolment)
    .innerJoin(msme, eq(msme.id, enrolment.msmeId))
    .where(and(eq(enrolment.programmeId, programmeId), eq(enrolment.msmeId, msmeId)))
    .limit(1);
  const assigned = actor.role === 'trainer' ? await inCaseload(db, actor.userId, programmeId, msmeId) : false;
  const decision = canOnCaseload(actor, action, relation, assigned);
  if (decision === 'not_found' || !row) throw msmeNotFound();
  if (decision === 'forbidden') throw new AppError('forbidden', 'errors.forbidden');
  return { programme: p, msme: row.msme };
}
