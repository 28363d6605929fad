import { eq } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import type { Actor, ProgrammeAction } from '../../core/policy.ts';
import type { DbOrTx } from '../../db/client.ts';
import { enrolment, person } from '../../db/schema/index.ts';
import { authorizeProgramme } from '../programmes/access.ts';

/**
 * A person's data is reachable through the programmes they are enrolled in: the caller needs the
 * action on one of them (admins on any person). Anything else is 404, never "forbidden", so
 * that ids of people in other programmes cannot be probed. Returns the programme that allowed it
 * (null for an admin acting on someone in no programme they manage).
 */
export async function authorizePerson(db: DbOrTx, actor: Actor, personId: string, action: ProgrammeAction): Promise<{ programmeId: string | null }> {
  const [p] = await db.select({ id: person.id }).from(person).where(eq(person.id, personId));
  if (!p) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'participant' } });
  const rows = await db.select({ programmeId: enrolment.programmeId }).from(enrolment).where(eq(enrolment.personId, personId));
  let refused: unknown = null;
  for (const { programmeId } of rows) {
    try {
      await authorizeProgramme(db, actor, programmeId, action);
      return { programmeId };
    } catch (error) {
      refused ??= error;
    }
  }
  if (actor.role === 'admin') return { programmeId: rows[0]?.programmeId ?? null };
  if (refused instanceof AppError && refused.code === 'forbidden') throw refused;
  throw new AppError('not_found', 'errors.notFound', { params: { entity: 'participant' } });
}
