import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { maskNik } from '../../core/nik.ts';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { appUser, msme, participantEdit, person, sessionParticipant, trainingSession } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { translate, type Locale } from '../../server/i18n.ts';
import { recordAudit } from '../audit/service.ts';
import type { ParticipantInput } from '../participants/schema.ts';
import { updateParticipant } from '../participants/service.ts';
import { decryptNik, decryptPhone } from '../personal-data/values.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import { authorizeSession } from '../sessions/access.ts';
import type { ConflictView, ParticipantEditValues, SyncReason } from './schema.ts';
import { onBehalfOf } from './service.ts';

type EditInput = { clientId: string; sessionId: string; personId: string; baseVersion: string; values: ParticipantEditValues; editedAt: string };
type EditResult = {
  clientId: string;
  outcome: 'applied' | 'duplicate' | 'conflict' | 'rejected';
  version: string | null;
  conflictId: string | null;
  reason: SyncReason | 'invalid_values' | null;
  fields: Record<string, string> | null;
};

/** A participant's version: when the registry last changed them (any edit or import bumps it). */
function versionOf(updatedAt: Date): string {
  return updatedAt.toISOString();
}

/** The server's current values of the given participant fields. */
async function currentValues(db: Db, personId: string, fields: string[]): Promise<{ version: string; values: Record<string, unknown> } | null> {
  const [p] = await db.select().from(person).where(eq(person.id, personId));
  if (!p) return null;
  const [m] = await db.select().from(msme).where(eq(msme.key, p.key));
  const all: Record<string, unknown> = {
    businessName: m?.businessName ?? null,
    ownerName: p.name,
    nik: decryptNik(p.nikCipher),
    nib: m?.nib ?? null,
    phone: decryptPhone(p.phoneCipher),
    email: p.email,
    gender: p.gender,
    sector: m?.sector ?? null,
    address: m?.address ?? null,
    regency: m?.regencyCode ?? null,
  };
  return { version: versionOf(p.updatedAt), values: Object.fromEntries(fields.map((f) => [f, all[f] ?? null])) };
}

function changedFields(values: ParticipantEditValues): string[] {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
}

/**
 * Participant edits made offline on a trainer's device. An edit is applied (with the registry's
 * validation) only when the participant has not changed on the server since the version the
 * device edited; otherwise it is kept as a conflict with both versions for a coordinator to
 * decide, and nothing is overwritten. Each edit is recorded once by its client id.
 */
export async function syncParticipantEdits(options: { db: Db; actor: SessionActor; edits: EditInput[]; locale: Locale }): Promise<{ results: EditResult[] }> {
  const { db, actor, edits, locale } = options;
  const results: EditResult[] = [];
  for (const edit of edits) results.push(await applyEdit(db, actor, edit, locale));
  return { results };
}

async function applyEdit(db: Db, actor: SessionActor, edit: EditInput, locale: Locale): Promise<EditResult> {
  const base = { clientId: edit.clientId, version: null, conflictId: null, reason: null, fields: null };
  const [seen] = await db.select().from(participantEdit).where(eq(participantEdit.clientId, edit.clientId));
  if (seen) return { ...base, outcome: 'duplicate', conflictId: seen.status === 'conflict' ? seen.id : null };

  let programmeId: string;
  try {
    programmeId = (await authorizeSession(db, actor, edit.sessionId, 'attendance.record')).session.programmeId;
  } catch (error) {
    if (error instanceof AppError && (error.code === 'not_found' || error.code === 'forbidden')) return { ...base, outcome: 'rejected', reason: 'not_your_session' };
    throw error;
  }
  const [onRoster] = await db.select({ one: sql`1` }).from(sessionParticipant).where(and(eq(sessionParticipant.sessionId, edit.sessionId), eq(sessionParticipant.personId, edit.personId)));
  if (!onRoster) return { ...base, outcome: 'rejected', reason: 'unknown_person' };

  const fields = changedFields(edit.values);
  const current = await currentValues(db, edit.personId, fields);
  if (!current) return { ...base, outcome: 'rejected', reason: 'unknown_person' };
  const record = {
    clientId: edit.clientId,
    programmeId,
    sessionId: edit.sessionId,
    personId: edit.personId,
    submittedBy: actor.userId,
    baseVersion: edit.baseVersion,
    serverVersion: current.version,
    values: edit.values as Record<string, unknown>,
    editedAt: new Date(edit.editedAt),
  };

  try {
    if (current.version !== edit.baseVersion) {
      const [conflict] = await db
        .insert(participantEdit)
        .values({ ...record, serverValues: current.values, status: 'conflict' })
        .returning({ id: participantEdit.id });
      await recordAudit(db, { actorUserId: actor.userId, action: 'participant.edit_conflict', entityType: 'person', entityId: edit.personId, programmeId, details: { fields, conflictId: conflict?.id } });
      return { ...base, outcome: 'conflict', conflictId: conflict?.id ?? null };
    }
    try {
      await updateParticipant({ db, actor: onBehalfOf(actor), personId: edit.personId, input: edit.values as ParticipantInput });
    } catch (error) {
      if (!(error instanceof AppError) || (error.code !== 'validation' && error.code !== 'conflict')) throw error;
      const messages = Object.fromEntries(Object.entries(error.fields ?? {}).map(([k, v]) => [k, translate(locale, v, error.params)]));
      await db.insert(participantEdit).values({ ...record, status: 'rejected', rejection: error.fields ?? {} });
      return { ...base, outcome: 'rejected', reason: 'invalid_values', fields: messages };
    }
    await db.insert(participantEdit).values({ ...record, status: 'applied' });
  } catch (error) {
    // The same edit arriving twice at once: the other request recorded it.
    if (isUniqueViolation(error, 'participant_edit_client_uq')) return { ...base, outcome: 'duplicate' };
    throw error;
  }
  const after = await currentValues(db, edit.personId, []);
  return { ...base, outcome: 'applied', version: after?.version ?? null };
}

function maskValues(actor: SessionActor, values: Record<string, unknown> | null): Record<string, unknown> {
  const out = { ...(values ?? {}) };
  // Screens always show the NIK masked; the full number only through the audited reveal.
  if (typeof out.nik === 'string') out.nik = maskNik(out.nik);
  return out;
}

async function conflictViews(db: Db, actor: SessionActor, rows: (typeof participantEdit.$inferSelect)[]): Promise<ConflictView[]> {
  if (rows.length === 0) return [];
  const people = await db.select({ id: person.id, name: person.name }).from(person).where(inArray(person.id, [...new Set(rows.map((r) => r.personId))]));
  const sessionIds = [...new Set(rows.map((r) => r.sessionId).filter((s): s is string => Boolean(s)))];
  const sessions = sessionIds.length ? await db.select({ id: trainingSession.id, title: trainingSession.title }).from(trainingSession).where(inArray(trainingSession.id, sessionIds)) : [];
  const users = await db.select({ id: appUser.id, name: appUser.name }).from(appUser).where(inArray(appUser.id, [...new Set(rows.map((r) => r.submittedBy))]));
  const personBy = new Map(people.map((p) => [p.id, p]));
  const sessionBy = new Map(sessions.map((s) => [s.id, s]));
  const userBy = new Map(users.map((u) => [u.id, u]));
  return rows.map((r) => ({
    id: r.id,
    programmeId: r.programmeId,
    person: personBy.get(r.personId) ?? { id: r.personId, name: '' },
    session: r.sessionId ? (sessionBy.get(r.sessionId) ?? null) : null,
    submittedBy: userBy.get(r.submittedBy) ?? null,
    status: r.status as ConflictView['status'],
    baseVersion: r.baseVersion,
    serverVersion: r.serverVersion,
    clientValues: maskValues(actor, r.values),
    serverValues: maskValues(actor, r.serverValues),
    editedAt: r.editedAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
  }));
}

/** Offline edits waiting for a coordinator (or already decided), newest first. */
export async function listConflicts(options: { db: Db; actor: SessionActor; programmeId: string; status: 'open' | 'resolved' | 'all' }) {
  const { db, actor, programmeId, status } = options;
  await authorizeProgramme(db, actor, programmeId, 'participant.write');
  const statuses = status === 'open' ? (['conflict'] as const) : status === 'resolved' ? (['kept_server', 'applied_client'] as const) : (['conflict', 'kept_server', 'applied_client'] as const);
  const rows = await db
    .select()
    .from(participantEdit)
    .where(and(eq(participantEdit.programmeId, programmeId), inArray(participantEdit.status, [...statuses])))
    .orderBy(desc(participantEdit.createdAt))
    .limit(500);
  return { items: await conflictViews(db, actor, rows) };
}

/** Decides a conflict: keep the server's version, or apply the device's values (validated again). */
export async function resolveConflict(options: { db: Db; actor: SessionActor; programmeId: string; conflictId: string; keep: 'server' | 'client' }): Promise<ConflictView> {
  const { db, actor, programmeId, conflictId, keep } = options;
  await authorizeProgramme(db, actor, programmeId, 'participant.write');
  const [row] = await db.select().from(participantEdit).where(and(eq(participantEdit.id, conflictId), eq(participantEdit.programmeId, programmeId)));
  if (!row || (row.status !== 'conflict' && row.status !== 'kept_server' && row.status !== 'applied_client')) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'conflict' } });
  if (row.status !== 'conflict') throw new AppError('conflict', 'errors.conflict.alreadyResolved');
  if (keep === 'client') await updateParticipant({ db, actor, personId: row.personId, input: row.values as ParticipantInput });
  const [updated] = await db
    .update(participantEdit)
    .set({ status: keep === 'client' ? 'applied_client' : 'kept_server', resolvedBy: actor.userId, resolvedAt: new Date() })
    .where(and(eq(participantEdit.id, conflictId), eq(participantEdit.status, 'conflict')))
    .returning();
  if (!updated) throw new AppError('conflict', 'errors.conflict.alreadyResolved');
  await recordAudit(db, { actorUserId: actor.userId, action: 'participant.conflict_resolve', entityType: 'person', entityId: row.personId, programmeId, details: { conflictId, keep } });
  const [view] = await conflictViews(db, actor, [updated]);
  return view as ConflictView;
}
