import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { AppError } from '../../core/app-error.ts';
import { completionOf } from '../../core/completion.ts';
import { createCheckInToken, readCheckInToken } from '../../core/signed-token.ts';
import type { Database, Db } from '../../db/client.ts';
import { attendance, enrolment, person, sessionModule, sessionParticipant, syncRejection, trainingSession } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { translate, type Locale } from '../../server/i18n.ts';
import { recordAudit } from '../audit/service.ts';
import { learningPathOf } from '../curriculum/service.ts';
import { addParticipant } from '../participants/service.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import { authorizeSession } from '../sessions/access.ts';
import { addToRosters } from '../sessions/roster.ts';
import type { SyncReason } from './schema.ts';
import { SYNC_REASONS, type WalkInInput } from './schema.ts';
import { syncAttendance } from './sync-attendance.ts';

/**
 * Trainers may not change the registry themselves (participant.write). After the session's
 * rules have authorised a trainer for a walk-in or an offline edit on their own session, the
 * registry services are called on their behalf: the trainer's user id stays on the audit trail.
 */
export function onBehalfOf(actor: SessionActor): SessionActor {
  return { ...actor, role: 'admin' };
}

export function reasonMessage(reason: SyncReason, locale: Locale): string {
  return translate(locale, `errors.sync.${reason}`);
}

/** Checks a participant in by their personal QR code; the same rules (and idempotency) as a synced record. */
export async function checkIn(options: { db: Db; secret: string; actor: SessionActor; sessionId: string; token: string; clientId: string; capturedAt?: string; locale: Locale }) {
  const { db, actor, sessionId, locale } = options;
  const { session } = await authorizeSession(db, actor, sessionId, 'attendance.record');
  const identity = readCheckInToken(options.secret, options.token);
  if (!identity) throw new AppError('validation', 'errors.validation', { fields: { token: 'errors.checkIn.invalidToken' } });
  if (identity.programmeId !== session.programmeId) throw new AppError('validation', 'errors.validation', { fields: { token: 'errors.checkIn.otherProgramme' } });
  const result = await syncAttendance({
    db,
    actor,
    records: [{ clientId: options.clientId, sessionId, personId: identity.personId, method: 'qr', capturedAt: options.capturedAt ?? new Date().toISOString() }],
  });
  const [p] = await db.select({ id: person.id, name: person.name }).from(person).where(eq(person.id, identity.personId));
  const reason = result.rejected[0]?.reason ?? null;
  const outcome = result.accepted ? 'accepted' : result.duplicates ? 'duplicate' : 'rejected';
  const message = reason ? reasonMessage(reason, locale) : translate(locale, outcome === 'accepted' ? 'attendance.checkedIn' : 'attendance.alreadyCheckedIn', { name: p?.name ?? '' });
  return { outcome, reason, message, person: p ?? null } as const;
}

/**
 * Registers a walk-in on the spot with the registry's validation (a known person is found, not
 * duplicated), puts them on the roster even when it is full, and with a client id marks them present.
 */
export async function registerWalkIn(options: { database: Database; actor: SessionActor; sessionId: string; input: WalkInInput }) {
  const { database, actor, sessionId, input } = options;
  const db = database.db;
  const { session } = await authorizeSession(db, actor, sessionId, 'attendance.record');
  if (session.status === 'cancelled') throw new AppError('conflict', 'errors.session.closed', { params: { title: session.title } });
  const { clientId, capturedAt, method, ...participant } = input;
  const { personId, existed } = await addParticipant({ database, actor: onBehalfOf(actor), programmeId: session.programmeId, input: participant });
  const overCapacity = await db.transaction(async (tx) => {
    const [roster] = await tx.select({ n: count() }).from(sessionParticipant).where(eq(sessionParticipant.sessionId, sessionId));
    const outcome = await addToRosters(tx, { programmeId: session.programmeId, sessionIds: [sessionId], personIds: [personId], source: 'walk_in', addedBy: actor.userId, force: true });
    await recordAudit(tx, { actorUserId: actor.userId, action: 'session.walk_in', entityType: 'session', entityId: sessionId, programmeId: session.programmeId, details: { personId, existed } });
    return outcome.added.length > 0 && Number(roster?.n ?? 0) >= session.capacity;
  });
  let marked: 'accepted' | 'duplicate' | null = null;
  if (clientId) {
    const result = await syncAttendance({ db, actor, records: [{ clientId, sessionId, personId, method, capturedAt: capturedAt ?? new Date().toISOString() }] });
    marked = result.accepted ? 'accepted' : result.duplicates ? 'duplicate' : null;
  }
  return { personId, existed, overCapacity, attendance: marked };
}

/** Refused records: the caller's own, or (organisers, with a programme) every one of that programme. */
export async function listRejections(options: { db: Db; actor: SessionActor; programmeId?: string; includeResolved?: boolean; limit: number; locale: Locale }) {
  const { db, actor, programmeId, locale } = options;
  if (programmeId) await authorizeProgramme(db, actor, programmeId, 'session.manage');
  const rows = await db
    .select()
    .from(syncRejection)
    .where(and(programmeId ? eq(syncRejection.programmeId, programmeId) : eq(syncRejection.submittedBy, actor.userId), options.includeResolved ? undefined : isNull(syncRejection.resolvedAt)))
    .orderBy(desc(syncRejection.lastSeenAt))
    .limit(options.limit);
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const idOf = (r: (typeof rows)[number], key: string) => {
    const v = r.record[key];
    return typeof v === 'string' && uuid.test(v) ? v : null;
  };
  const sessionIds = [...new Set(rows.map((r) => idOf(r, 'sessionId')).filter((v): v is string => Boolean(v)))];
  const personIds = [...new Set(rows.map((r) => idOf(r, 'personId')).filter((v): v is string => Boolean(v)))];
  // Titles and names only of what the caller may see: sessions of the programmes the rejections carry.
  const sessions = sessionIds.length ? await db.select({ id: trainingSession.id, title: trainingSession.title, programmeId: trainingSession.programmeId }).from(trainingSession).where(inArray(trainingSession.id, sessionIds)) : [];
  const people = personIds.length ? await db.select({ id: person.id, name: person.name }).from(person).where(inArray(person.id, personIds)) : [];
  const sessionBy = new Map(sessions.map((s) => [s.id, s]));
  const personBy = new Map(people.map((p) => [p.id, p]));
  return {
    items: rows.map((r) => {
      const s = sessionBy.get(idOf(r, 'sessionId') ?? '');
      const visible = s && r.programmeId === s.programmeId;
      const p = visible ? personBy.get(idOf(r, 'personId') ?? '') : undefined;
      const reason = (SYNC_REASONS as readonly string[]).includes(r.reason) ? (r.reason as SyncReason) : 'invalid_record';
      return {
        clientId: r.clientId,
        reason,
        message: reasonMessage(reason, locale),
        record: r.record,
        session: visible ? { id: s.id, title: s.title } : null,
        person: p ?? null,
        attempts: r.attempts,
        firstSeenAt: r.firstSeenAt.toISOString(),
        lastSeenAt: r.lastSeenAt.toISOString(),
        resolvedAt: r.resolvedAt?.toISOString() ?? null,
      };
    }),
  };
}

/** A participant's personal check-in QR for a programme, as text and SVG. */
export async function checkInCode(options: { db: Db; secret: string; actor: SessionActor; programmeId: string; personId: string }) {
  const { db, actor, programmeId, personId } = options;
  await authorizeProgramme(db, actor, programmeId, 'participant.read');
  const [enrolled] = await db.select({ id: enrolment.id }).from(enrolment).where(and(eq(enrolment.programmeId, programmeId), eq(enrolment.personId, personId)));
  if (!enrolled) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'participant' } });
  return checkInCodeFor(options.secret, { personId, programmeId });
}

/** The check-in QR's error correction and quiet zone, the same in every image of it. */
const CHECK_IN_QR = { errorCorrectionLevel: 'M', margin: 2 } as const;

export async function checkInCodeFor(secret: string, identity: { personId: string; programmeId: string }) {
  const token = createCheckInToken(secret, identity);
  const svg = await QRCode.toString(token, { ...CHECK_IN_QR, type: 'svg' });
  return { ...identity, token, svg };
}

/** The same personal check-in QR as a PNG (for email, where SVG images are not shown), 6 pixels a module. */
export function checkInPngFor(secret: string, identity: { personId: string; programmeId: string }): Promise<Buffer> {
  return QRCode.toBuffer(createCheckInToken(secret, identity), { ...CHECK_IN_QR, type: 'png', scale: 6 });
}

type ProgressRow = { person_id: string; enrolment_id: string; seq: number; name: string; minutes: number; sessions: number };

/**
 * Attended minutes per participant: the durations of the distinct learning-path modules
 * covered by (not cancelled) sessions they attended. Attending two sessions on the same module
 * counts the module once, so that repeating a class does not complete the path.
 */
function progressSql(programmeId: string) {
  return sql`
    with path as (
      select lpm.module_id, m.duration_minutes from learning_path_module lpm join curriculum_module m on m.id = lpm.module_id
      where lpm.programme_id = ${programmeId}),
    covered as (
      select distinct a.person_id, sm.module_id from ${attendance} a
      join ${trainingSession} s on s.id = a.session_id and s.status <> 'cancelled'
      join ${sessionModule} sm on sm.session_id = a.session_id
      where a.programme_id = ${programmeId}),
    minutes as (
      select c.person_id, sum(path.duration_minutes)::int as minutes from covered c join path on path.module_id = c.module_id group by c.person_id),
    attended as (
      select a.person_id, count(*)::int as sessions from ${attendance} a where a.programme_id = ${programmeId} group by a.person_id)`;
}

export async function listProgress(options: { db: Db; actor: SessionActor; programmeId: string; query: { completed?: boolean; cursor?: number; limit: number } }) {
  const { db, actor, programmeId, query } = options;
  await authorizeProgramme(db, actor, programmeId, 'participant.read');
  const path = await learningPathOf(db, programmeId);
  const pathMinutes = path.totalMinutes;
  const completedSql =
    query.completed === undefined
      ? sql``
      : query.completed
        ? sql`and ${pathMinutes} > 0 and coalesce(mi.minutes, 0) * 100 >= ${path.completionMinPercent * pathMinutes}`
        : sql`and not (${pathMinutes} > 0 and coalesce(mi.minutes, 0) * 100 >= ${path.completionMinPercent * pathMinutes})`;
  const result = await db.execute<ProgressRow>(sql`
    ${progressSql(programmeId)}
    select e.person_id, e.id as enrolment_id, e.seq, p.name, coalesce(mi.minutes, 0) as minutes, coalesce(at.sessions, 0) as sessions
    from ${enrolment} e join ${person} p on p.id = e.person_id
    left join minutes mi on mi.person_id = e.person_id
    left join attended at on at.person_id = e.person_id
    where e.programme_id = ${programmeId} ${query.cursor ? sql`and e.seq < ${query.cursor}` : sql``} ${completedSql}
    order by e.seq desc
    limit ${query.limit + 1}`);
  const rows = (result as unknown as { rows: ProgressRow[] }).rows;
  const page = rows.slice(0, query.limit);
  return {
    completionMinPercent: path.completionMinPercent,
    pathMinutes,
    items: page.map((r) => ({
      personId: r.person_id,
      enrolmentId: r.enrolment_id,
      name: r.name,
      sessionsAttended: Number(r.sessions),
      ...completionOf({ attendedMinutes: Number(r.minutes), pathMinutes, minPercent: path.completionMinPercent }),
    })),
    nextCursor: rows.length > query.limit ? Number(page.at(-1)?.seq ?? 0) || null : null,
  };
}

/** One participant's sessions in the programme, attended or not, and where they stand on the path. */
export async function getParticipantProgress(options: { db: Db; actor: SessionActor; programmeId: string; personId: string }) {
  const { db, actor, programmeId, personId } = options;
  await authorizeProgramme(db, actor, programmeId, 'participant.read');
  const [row] = await db
    .select({ name: person.name })
    .from(enrolment)
    .innerJoin(person, eq(person.id, enrolment.personId))
    .where(and(eq(enrolment.programmeId, programmeId), eq(enrolment.personId, personId)));
  if (!row) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'participant' } });
  const path = await learningPathOf(db, programmeId);
  const [minutes] = (
    (await db.execute<{ minutes: number }>(sql`${progressSql(programmeId)} select coalesce((select minutes from minutes where person_id = ${personId}), 0) as minutes`)) as unknown as {
      rows: { minutes: number }[];
    }
  ).rows;
  const sessions = await db
    .select({ session: trainingSession, method: attendance.method })
    .from(trainingSession)
    .leftJoin(attendance, and(eq(attendance.programmeId, programmeId), eq(attendance.sessionId, trainingSession.id), eq(attendance.personId, personId)))
    .where(
      and(
        eq(trainingSession.programmeId, programmeId),
        sql`(exists (select 1 from ${sessionParticipant} sp where sp.session_id = ${trainingSession.id} and sp.person_id = ${personId}) or ${attendance.id} is not null)`,
      ),
    )
    .orderBy(asc(trainingSession.startsAt));
  const modules = sessions.length
    ? await db.select().from(sessionModule).where(inArray(sessionModule.sessionId, sessions.map((s) => s.session.id)))
    : [];
  return {
    personId,
    name: row.name,
    completionMinPercent: path.completionMinPercent,
    ...completionOf({ attendedMinutes: Number(minutes?.minutes ?? 0), pathMinutes: path.totalMinutes, minPercent: path.completionMinPercent }),
    sessions: sessions.map((s) => ({
      id: s.session.id,
      title: s.session.title,
      startsAt: s.session.startsAt.toISOString(),
      status: s.session.status,
      attended: s.method !== null,
      method: s.method,
      moduleIds: modules.filter((m) => m.sessionId === s.session.id).map((m) => m.moduleId),
    })),
  };
}
