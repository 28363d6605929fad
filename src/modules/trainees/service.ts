import { and, eq, sql } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { normaliseEmail } from '../../core/email.ts';
import { normaliseGender } from '../../core/gender.ts';
import { normaliseNik } from '../../core/nik.ts';
import { collapseSpaces } from '../../core/normalised.ts';
import { normalisePhone } from '../../core/phone.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { enrolment, governmentStaffProfile, msme, person } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { recordAudit } from '../audit/service.ts';
import { completedPeopleSql } from '../certificates/completion.ts';
import { rosterResolver } from '../imports/resolver.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import { protectPerson } from '../personal-data/values.ts';
import { PERSON_KINDS, type PersonFields, type RegisterPersonInput, type TraineeKind } from './schema.ts';
import { rowsOf } from '../../db/rows.ts';

type Identity = { key: string; name: string; nik: string | null; phone: string | null; email: string | null; gender: 'female' | 'male' | null };

/**
 * A person's identity with the roster's rules: NIK (16 digits, valid province, birth date) or an
 * Indonesian mobile number, the key `nik:…` or else `phone:…`. Every problem is reported at once,
 * each on its field, with the same messages as the participant form.
 */
export function personIdentity(input: PersonFields): Identity {
  const fields: Record<string, string> = {};
  const nik = normaliseNik(input.nik, rosterResolver().provinceCodes);
  const phone = normalisePhone(input.phone);
  if (nik.kind === 'invalid') fields.nik = 'errors.participant.nik_invalid';
  if (phone.kind === 'invalid') fields.phone = 'errors.participant.phone_invalid';
  if (nik.kind === 'empty' && phone.kind === 'empty') {
    fields.nik = 'errors.participant.no_identity';
    fields.phone = 'errors.participant.no_identity';
  }
  const name = collapseSpaces(input.name);
  if (!name) fields.name = 'errors.field.required';
  if (Object.keys(fields).length) throw new AppError('validation', 'errors.validation', { fields });
  const email = normaliseEmail(input.email);
  const gender = normaliseGender(input.gender);
  const nikValue = nik.kind === 'valid' ? nik.value : null;
  const phoneValue = phone.kind === 'valid' ? phone.value : null;
  return {
    key: protectPerson({ nik: nikValue, phone: phoneValue }).key,
    name,
    nik: nikValue,
    phone: phoneValue,
    email: email.kind === 'valid' ? email.value : null,
    gender: gender.kind === 'valid' ? gender.value : null,
  };
}

/**
 * Finds (by identity key) or creates a person, enrols them in the programme without a business
 * and returns them. A person already known keeps their name and kind; an owner of a business
 * stays counted as an MSME owner whatever the new registration says.
 */
export async function upsertPersonInProgramme(
  tx: DbOrTx,
  options: { programmeId: string; identity: Identity; kind: TraineeKind; source: 'manual' | 'referral' | 'self' },
): Promise<{ personId: string; kind: (typeof PERSON_KINDS)[number]; existed: boolean; alreadyEnrolled: boolean }> {
  const { programmeId, identity, kind } = options;
  const [found] = await tx.select({ id: person.id, kind: person.kind }).from(person).where(eq(person.key, identity.key));
  let personId: string;
  let finalKind = kind as (typeof PERSON_KINDS)[number];
  if (found) {
    personId = found.id;
    const [owns] = await tx.select({ id: msme.id }).from(msme).where(eq(msme.ownerPersonId, found.id)).limit(1);
    finalKind = owns ? 'msme_owner' : found.kind === 'trainee' || found.kind === 'msme_owner' ? kind : found.kind;
    await tx
      .update(person)
      .set({ kind: finalKind, email: sql`coalesce(${person.email}, ${identity.email})`, gender: sql`coalesce(${person.gender}, ${identity.gender}::gender)`, updatedAt: new Date() })
      .where(eq(person.id, found.id));
  } else {
    const [created] = await tx
      .insert(person)
      .values({ ...protectPerson(identity), name: identity.name, email: identity.email, gender: identity.gender, kind })
      .returning({ id: person.id });
    if (!created) throw new Error('insert returned no row');
    personId = created.id;
  }
  const inserted = await tx.insert(enrolment).values({ programmeId, personId, source: options.source }).onConflictDoNothing().returning({ id: enrolment.id });
  return { personId, kind: finalKind, existed: Boolean(found), alreadyEnrolled: inserted.length === 0 };
}

/** Registers government staff, a trainer, a champion or another trainee in a programme. */
export async function registerPerson(options: { db: Db; actor: SessionActor; programmeId: string; input: RegisterPersonInput }) {
  const { db, actor, programmeId, input } = options;
  const identity = personIdentity(input);
  return db.transaction(async (tx) => {
    const target = await authorizeProgramme(tx, actor, programmeId, 'participant.write');
    if (target.archivedAt) throw new AppError('conflict', 'errors.programme.archived');
    const result = await upsertPersonInProgramme(tx, { programmeId, identity, kind: input.kind, source: 'manual' });
    if (input.kind === 'government_staff' && input.institution) {
      const profile = { institution: input.institution, unit: input.unit ?? null, position: input.position ?? null, updatedAt: new Date() };
      await tx.insert(governmentStaffProfile).values({ personId: result.personId, ...profile }).onConflictDoUpdate({ target: governmentStaffProfile.personId, set: profile });
    }
    await recordAudit(tx, { actorUserId: actor.userId, action: 'person.register', entityType: 'person', entityId: result.personId, programmeId, details: { kind: result.kind, existed: result.existed } });
    return result;
  });
}

type CountRow = { key: string; registered: number; trained: number; completed: number };

/** People of a programme by kind: registered, trained (attended a session) and completed (the learning path). */
export async function traineeSummary(options: { db: Db; actor: SessionActor; programmeId: string }) {
  const { db, actor, programmeId } = options;
  await authorizeProgramme(db, actor, programmeId, 'report.read');
  const completed = await completedPeopleSql(db, programmeId);
  const counted = (groupBy: ReturnType<typeof sql>, join: ReturnType<typeof sql>) => sql`
    select ${groupBy} as key, count(*)::int as registered,
      count(*) filter (where exists (select 1 from attendance a where a.programme_id = ${programmeId} and a.person_id = e.person_id))::int as trained,
      count(*) filter (where e.person_id in (select person_id from ${completed} done))::int as completed
    from ${enrolment} e join ${person} p on p.id = e.person_id ${join}
    where e.programme_id = ${programmeId} and e.status <> 'withdrawn'
    group by 1 order by 1`;
  const byKind = rowsOf<CountRow>(await db.execute(counted(sql`p.kind::text`, sql``)));
  const institutions = rowsOf<CountRow>(await db.execute(counted(sql`g.institution`, sql`join ${governmentStaffProfile} g on g.person_id = p.id and p.kind = 'government_staff'`)));
  const figures = (r: CountRow | undefined) => ({ registered: Number(r?.registered ?? 0), trained: Number(r?.trained ?? 0), completed: Number(r?.completed ?? 0) });
  return {
    byKind: PERSON_KINDS.map((kind) => ({ kind, ...figures(byKind.find((r) => r.key === kind)) })),
    governmentInstitutions: institutions.map((r) => ({ institution: r.key, ...figures(r) })),
  };
}

/** The person is enrolled in the programme (any kind). */
export async function isEnrolled(db: DbOrTx, programmeId: string, personId: string): Promise<boolean> {
  const [row] = await db.select({ id: enrolment.id }).from(enrolment).where(and(eq(enrolment.programmeId, programmeId), eq(enrolment.personId, personId)));
  return Boolean(row);
}
