import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { normalisePhone } from '../../core/phone.ts';
import type { Actor } from '../../core/policy.ts';
import type { RejectionReason, RosterRowValues } from '../../core/roster-row.ts';
import { rosterRowProblems, validateRosterRow } from '../../core/roster-row.ts';
import type { Database, Db } from '../../db/client.ts';
import { containsPattern } from '../../db/errors.ts';
import { enrolment, importRow, msme, person, programme, region, registrySearch } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { recordAudit } from '../audit/service.ts';
import { partnerSharingWithdrawn } from '../personal-data/consent.ts';
import { decryptNik, decryptPhone, maskedNik, nikHash, phoneHash, protectPerson } from '../personal-data/values.ts';
import { mergeChunk } from '../imports/merge-roster.ts';
import { STAGE_COLUMNS } from '../imports/stage-roster.ts';
import { rosterResolver } from '../imports/resolver.ts';
import { authorizeProgramme, filterVisibleProgrammeIds } from '../programmes/access.ts';
import type { EnrolmentUpdate, ListParticipantsQuery, ParticipantDetail, ParticipantInput, ParticipantRow } from './schema.ts';

/** Roles that may reveal a participant's full NIK (an audited action); everyone sees it masked first. */
export const FULL_NIK_ROLES: ReadonlySet<Actor['role']> = new Set(['admin', 'program_manager']);
const COUNT_CAP = 10_000;

/** The NIK as screens show it: always masked (`3174********0001`); the full number only through the audited reveal. */
export function nikFor(_actor: Actor, nikCipher: string | null): string | null {
  return maskedNik(nikCipher);
}

/** Which input field each rejection is about, for field errors on the form. */
const REASON_FIELDS: Record<RejectionReason, string[]> = {
  missing_name: ['businessName', 'ownerName'],
  nik_invalid: ['nik'],
  phone_invalid: ['phone'],
  nib_invalid: ['nib'],
  no_identity: ['nik', 'phone'],
  region_unresolved: ['regency'],
};

/** Every problem of a form at once, each on its field. */
function rejection(values: RosterRowValues): AppError {
  const fields: Record<string, string> = {};
  for (const reason of rosterRowProblems(values, rosterResolver())) {
    for (const field of REASON_FIELDS[reason]) {
      if (reason === 'missing_name' && (values[field as keyof RosterRowValues] ?? '').trim()) continue;
      fields[field] ??= `errors.participant.${reason}`;
    }
  }
  return new AppError('validation', 'errors.validation', { fields });
}

function toRosterValues(input: ParticipantInput): RosterRowValues {
  const yesNo = (v: boolean | null | undefined) => (v === true ? 'Ya' : v === false ? 'Tidak' : '');
  return {
    businessName: input.businessName ?? '',
    ownerName: input.ownerName ?? '',
    nik: input.nik ?? '',
    nib: input.nib ?? '',
    phone: input.phone ?? '',
    email: input.email ?? '',
    gender: input.gender === 'female' ? 'P' : input.gender === 'male' ? 'L' : '',
    sector: input.sector ?? '',
    address: input.address ?? '',
    regency: input.regency ?? '',
    province: input.province ?? '',
    active: yesNo(input.active),
    willing: yesNo(input.willing),
  };
}

function csvValue(value: string | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return `"${value.replaceAll('"', '""')}"`;
}

/**
 * Adds one participant to a programme by hand, through the same validation and the same
 * merge as a roster row: an owner already in the registry is updated and enrolled, never
 * duplicated. Returns the person id and whether the registry already knew them.
 */
export async function addParticipant(options: {
  database: Database;
  actor: SessionActor;
  programmeId: string;
  input: ParticipantInput;
  /** How the person came (default `manual`); self-registration through a champion's link is `referral`. */
  source?: 'manual' | 'referral' | 'self';
  /**
   * Leave a person the registry already knows as they are (only enrol them): for public
   * self-registration, where whoever types a known phone number must not rewrite that person.
   */
  keepExisting?: boolean;
}): Promise<{ personId: string; existed: boolean; alreadyEnrolled: boolean }> {
  const { database, actor, programmeId, input } = options;
  const source = options.source ?? 'manual';
  const db = database.db;
  const target = await authorizeProgramme(db, actor, programmeId, 'participant.write');
  if (target.archivedAt) throw new AppError('conflict', 'errors.programme.archived');
  const values = toRosterValues(input);
  const result = validateRosterRow(values, rosterResolver());
  if (!result.ok) throw rejection(values);
  const r = result.row;
  const p = protectPerson(r);
  const [existing] = await db.select({ id: person.id }).from(person).where(eq(person.key, p.key));
  const [enrolled] = existing
    ? await db.select({ id: enrolment.id }).from(enrolment).where(and(eq(enrolment.personId, existing.id), eq(enrolment.programmeId, programmeId)))
    : [];
  if (existing && options.keepExisting) {
    if (!enrolled) {
      const [business] = await db.select({ id: msme.id }).from(msme).where(eq(msme.key, p.key));
      await db.insert(enrolment).values({ programmeId, personId: existing.id, msmeId: business?.id ?? null, source, active: r.active, willing: r.willing }).onConflictDoNothing();
    }
    await recordAudit(db, { actorUserId: actor.userId, action: 'participant.enrol_existing', entityType: 'person', entityId: existing.id, programmeId, details: { source } });
    return { personId: existing.id, existed: true, alreadyEnrolled: Boolean(enrolled) };
  }
  const stagingId = crypto.randomUUID();
  const line = [
    stagingId, '1', null, p.key, r.businessName, r.ownerName, p.nikCipher, p.nikHash, p.nikBirthYy, r.nib, p.phoneCipher, p.phoneHash,
    r.email, r.gender, input.sector ? r.sector : null, r.address, r.regencyCode, r.regencyCode.slice(0, 2), r.active, r.willing, null,
  ]
    .map((v, i) => (i === 1 ? v : csvValue(typeof v === 'number' ? String(v) : v)))
    .join(',');
  await database.copyCsv('import_row', [...STAGE_COLUMNS], `${line}\n`);
  try {
    await mergeChunk(database, { jobId: stagingId, programmeId, chunk: 0, chunks: 1, source });
  } finally {
    await db.delete(importRow).where(eq(importRow.jobId, stagingId));
  }
  const [added] = await db.select({ id: person.id }).from(person).where(eq(person.key, p.key));
  if (!added) throw new Error('participant vanished after merge');
  await recordAudit(db, { actorUserId: actor.userId, action: existing ? 'participant.enrol_existing' : 'participant.create', entityType: 'person', entityId: added.id, programmeId });
  return { personId: added.id, existed: Boolean(existing), alreadyEnrolled: Boolean(enrolled) };
}

/** Partner staff do not see people who withdrew consent to share their data with the partner's organisation. */
function partnerSharingCondition(actor: Actor): SQL | undefined {
  if (actor.role !== 'partner_coordinator' || !actor.organisationId) return undefined;
  return sql`not ${partnerSharingWithdrawn(sql`${person.id}`, actor.organisationId)}`;
}

/** A search text as the condition it means: a NIK, a phone number, or part of a name. */
function searchCondition(q: string): SQL | undefined {
  const digits = q.replace(/[\s.'-]/g, '');
  if (/^\d{16}$/.test(digits)) return eq(person.nikHash, nikHash(digits));
  const phone = normalisePhone(q);
  if (phone.kind === 'valid') return eq(person.phoneHash, phoneHash(phone.value));
  // Owner and business names, through the trigram-indexed registry_search (kept by triggers).
  return sql`EXISTS (SELECT 1 FROM ${registrySearch} WHERE ${registrySearch.personId} = ${person.id} AND ${registrySearch.text} ILIKE ${containsPattern(q)})`;
}

/** A programme's participants, newest first, with keyset paging (fast at any depth). */
export async function listParticipants(options: { db: Db; actor: SessionActor; programmeId: string; query: ListParticipantsQuery }) {
  const { db, actor, programmeId, query } = options;
  await authorizeProgramme(db, actor, programmeId, 'participant.read');
  const conditions: (SQL | undefined)[] = [eq(enrolment.programmeId, programmeId)];
  if (query.q) conditions.push(searchCondition(query.q));
  if (query.regency) conditions.push(eq(msme.regencyCode, query.regency));
  if (query.province) conditions.push(eq(msme.provinceCode, query.province));
  if (query.sector) conditions.push(eq(msme.sector, query.sector));
  if (query.gender) conditions.push(eq(person.gender, query.gender));
  if (query.status) conditions.push(eq(enrolment.status, query.status));
  if (query.active !== undefined) conditions.push(eq(enrolment.active, query.active));
  if (query.willing !== undefined) conditions.push(eq(enrolment.willing, query.willing));
  const sharing = partnerSharingCondition(actor);
  if (sharing) conditions.push(sharing);
  const where = and(...conditions);

  const base = () => db.select({ one: sql`1` }).from(enrolment).innerJoin(person, eq(person.id, enrolment.personId)).leftJoin(msme, eq(msme.id, enrolment.msmeId));
  const counted = await db.select({ n: sql<number>`count(*)::int` }).from(base().where(where).limit(COUNT_CAP + 1).as('capped'));
  const total = Number(counted[0]?.n ?? 0);

  const rows = await db
    .select({ enrolment, person, msme, regencyName: region.name })
    .from(enrolment)
    .innerJoin(person, eq(person.id, enrolment.personId))
    .leftJoin(msme, eq(msme.id, enrolment.msmeId))
    .leftJoin(region, eq(region.code, msme.regencyCode))
    .where(and(where, query.cursor ? lt(enrolment.seq, query.cursor) : undefined))
    .orderBy(desc(enrolment.seq))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const items: ParticipantRow[] = page.map((r) => ({
    personId: r.person.id,
    enrolmentId: r.enrolment.id,
    name: r.person.name,
    // Lists always mask the NIK; the full number travels only on the participant page, to roles that need it.
    nik: maskedNik(r.person.nikCipher),
    phone: decryptPhone(r.person.phoneCipher),
    gender: r.person.gender,
    businessName: r.msme?.businessName ?? null,
    sector: r.msme?.sector ?? null,
    regency: r.msme?.regencyCode ? { code: r.msme.regencyCode, name: r.regencyName ?? r.msme.regencyCode } : null,
    status: r.enrolment.status,
    active: r.enrolment.active,
    willing: r.enrolment.willing,
    source: r.enrolment.source,
  }));
  return {
    items,
    total: Math.min(total, COUNT_CAP),
    totalCapped: total > COUNT_CAP,
    nextCursor: rows.length > query.limit ? (page.at(-1)?.enrolment.seq ?? null) : null,
  };
}

/** One participant with their business and the enrolments the caller may see; 404 when none. */
export async function getParticipant(options: { db: Db; actor: SessionActor; personId: string }): Promise<ParticipantDetail> {
  const { db, actor, personId } = options;
  const enrolments = await db
    .select({ enrolment, programme: { id: programme.id, code: programme.code, name: programme.name } })
    .from(enrolment)
    .innerJoin(programme, eq(programme.id, enrolment.programmeId))
    .where(eq(enrolment.personId, personId));
  const visible = new Set(await filterVisibleProgrammeIds(db, actor, [...new Set(enrolments.map((e) => e.programme.id))]));
  const shown = actor.role === 'admin' ? enrolments : enrolments.filter((e) => visible.has(e.programme.id));
  const sharing = partnerSharingCondition(actor);
  const [p] = await db.select().from(person).where(and(eq(person.id, personId), sharing));
  if (!p || (actor.role !== 'admin' && shown.length === 0)) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'participant' } });
  const [m] = await db
    .select({ msme, regencyName: region.name, provinceName: sql<string>`(select name from region pr where pr.code = ${msme.provinceCode})` })
    .from(msme)
    .leftJoin(region, eq(region.code, msme.regencyCode))
    .where(eq(msme.key, p.key));
  return {
    person: { id: p.id, name: p.name, nik: nikFor(actor, p.nikCipher), nikRevealable: FULL_NIK_ROLES.has(actor.role) && p.nikCipher !== null, phone: decryptPhone(p.phoneCipher), email: p.email, gender: p.gender, anonymised: p.anonymisedAt !== null },
    msme: m
      ? {
          id: m.msme.id,
          businessName: m.msme.businessName,
          nib: m.msme.nib,
          sector: m.msme.sector,
          address: m.msme.address,
          regency: m.msme.regencyCode ? { code: m.msme.regencyCode, name: m.regencyName ?? m.msme.regencyCode, provinceName: m.provinceName ?? '' } : null,
        }
      : null,
    enrolments: shown.map((e) => ({
      id: e.enrolment.id,
      programme: e.programme,
      status: e.enrolment.status,
      active: e.enrolment.active,
      willing: e.enrolment.willing,
      source: e.enrolment.source,
      createdAt: e.enrolment.createdAt.toISOString(),
    })),
  };
}

/** Programmes of this person that the caller may change participants in; 404 when none. */
async function assertCanEditPerson(db: Db, actor: SessionActor, personId: string): Promise<void> {
  const rows = await db.select({ programmeId: enrolment.programmeId }).from(enrolment).where(eq(enrolment.personId, personId));
  for (const { programmeId } of rows) {
    try {
      await authorizeProgramme(db, actor, programmeId, 'participant.write');
      return;
    } catch {
      // try the next programme
    }
  }
  if (actor.role === 'admin') return;
  throw new AppError('not_found', 'errors.notFound', { params: { entity: 'participant' } });
}

/**
 * Edits a participant with the import's validation. Unlike an import, an edit may clear a
 * field. Adding or changing the NIK changes the identity key; a key already used by someone
 * else is refused (409) rather than merged silently.
 */
export async function updateParticipant(options: { db: Db; actor: SessionActor; personId: string; input: ParticipantInput }): Promise<ParticipantDetail> {
  const { db, actor, personId, input } = options;
  await assertCanEditPerson(db, actor, personId);
  const [p] = await db.select().from(person).where(eq(person.id, personId));
  if (!p) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'participant' } });
  const [m] = await db.select().from(msme).where(eq(msme.key, p.key));
  const current: ParticipantInput = {
    businessName: m?.businessName ?? '',
    ownerName: p.name,
    nik: decryptNik(p.nikCipher) ?? '',
    nib: m?.nib ?? '',
    phone: decryptPhone(p.phoneCipher) ?? '',
    email: p.email ?? '',
    gender: p.gender ?? '',
    sector: (m?.sector as ParticipantInput['sector']) ?? '',
    address: m?.address ?? '',
    regency: m?.regencyCode ?? '',
  };
  const merged = { ...current, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as ParticipantInput;
  const values = toRosterValues(merged);
  const result = validateRosterRow(values, rosterResolver());
  if (!result.ok) throw rejection(values);
  const r = result.row;
  const stored = protectPerson(r);
  await db.transaction(async (tx) => {
    if (stored.key !== p.key) {
      const [taken] = await tx.select({ id: person.id }).from(person).where(eq(person.key, stored.key));
      if (taken) throw new AppError('conflict', 'errors.validation', { fields: { [stored.key.startsWith('nik:') ? 'nik' : 'phone']: 'errors.participant.identityTaken' } });
    }
    await tx
      .update(person)
      .set({ ...stored, name: r.ownerName, email: r.email, gender: r.gender, updatedAt: new Date() })
      .where(eq(person.id, personId));
    const business = { key: stored.key, businessName: r.businessName, nib: r.nib, sector: r.sector, address: r.address, regencyCode: r.regencyCode, provinceCode: r.regencyCode.slice(0, 2), updatedAt: new Date() };
    if (m) await tx.update(msme).set(business).where(eq(msme.id, m.id));
    else await tx.insert(msme).values({ ...business, ownerPersonId: personId });
    await recordAudit(tx, { actorUserId: actor.userId, action: 'participant.update', entityType: 'person', entityId: personId, details: { fields: Object.keys(input), keyChanged: stored.key !== p.key } });
  });
  return getParticipant({ db, actor, personId });
}

export async function updateEnrolment(options: { db: Db; actor: SessionActor; programmeId: string; personId: string; input: EnrolmentUpdate }): Promise<void> {
  const { db, actor, programmeId, personId, input } = options;
  await authorizeProgramme(db, actor, programmeId, 'participant.write');
  const updated = await db
    .update(enrolment)
    .set({ ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)), updatedAt: new Date() })
    .where(and(eq(enrolment.programmeId, programmeId), eq(enrolment.personId, personId)))
    .returning({ id: enrolment.id });
  if (updated.length === 0) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'participant' } });
  await recordAudit(db, { actorUserId: actor.userId, action: 'enrolment.update', entityType: 'enrolment', entityId: updated[0]?.id, programmeId, details: { fields: Object.keys(input) } });
}

