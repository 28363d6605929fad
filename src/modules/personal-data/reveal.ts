import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { person } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { recordAudit } from '../audit/service.ts';
import { authorizePerson } from './access.ts';
import { decryptNik } from './values.ts';

/** The full NIK, for roles that need it (admin, programme manager); every reveal is an audit event. */
export async function revealNik(options: { db: Db; actor: SessionActor; personId: string }): Promise<{ nik: string | null }> {
  const { db, actor, personId } = options;
  const { programmeId } = await authorizePerson(db, actor, personId, 'personal_data.reveal');
  const [p] = await db.select({ nikCipher: person.nikCipher }).from(person).where(eq(person.id, personId));
  await recordAudit(db, { actorUserId: actor.userId, action: 'personal_data.reveal', entityType: 'person', entityId: personId, programmeId, details: { fields: ['nik'] } });
  return { nik: decryptNik(p?.nikCipher) };
}
