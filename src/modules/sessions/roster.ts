import { and, asc, count, eq, inArray, ne, notExists, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { formatLocalInstant, type IndonesianTimeZone } from '../../core/time-zone.ts';
import { attendance, enrolment, msme, person, sessionParticipant, site, trainingSession } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { translate, type Locale } from '../../server/i18n.ts';
import { recordAudit } from '../audit/service.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import { authorizeSession, type SessionRow } from './access.ts';
import type { AddParticipantsInput, AddParticipantsResult, ParticipantFilter, RefusalReason } from './schema.ts';
import { cohortRow, siteTimeZone } from './service.ts';

type RosterSource = (typeof sessionParticipant.$inferInsert)['source'];

export type Refusal = {
  personId: string;
  reason: RefusalReason;
  /** The target session the refusal is about (full, or the one that would clash). */
  session: { id: string; title: string; capacity: number } | null;
  /** The other session; its id and title only when it is in the same programme. */
  conflict: { sessionId: string | null; title: string | null; startsAt: Date; zone: IndonesianTimeZone } | null;
};

export type RosterOutcome = { added: string[]; already: string[]; refused: Refusal[] };

/**
 * Conditions over `enrolment` (joined with `person` and, left, `msme`) selecting a programme's
 * participants by filter. Withdrawn enrolments are never picked.
 */
export function participantFilterConditions(programmeId: string, filter: ParticipantFilter): SQL[] {
  const conditions: (SQL | undefined)[] = [
    eq(enrolment.programmeId, programmeId),
    ne(enrolment.status, 'withdrawn'),
    filter.regency ? eq(msme.regencyCode, filter.regency) : undefined,
    filter.province ? eq(msme.provinceCode, filter.province) : undefined,
    filter.sector ? eq(msme.sector, filter.sector) : undefined,
    filter.gender ? eq(person.gender, filter.gender) : undefined,
    filter.active === true || filter.active === false ? eq(enrolment.active, filter.active) : undefined,
    filter.willing === true || filter.willing === false ? eq(enrolment.willing, filter.willing) : undefined,
    filter.notYetTrained
      ? notExists(sql`(select 1 from ${attendance} where ${attendance.programmeId} = ${enrolment.programmeId} and ${attendance.personId} = ${enrolment.personId})`)
      : undefined,
  ];
  return conditions.filter((c): c is SQL => c !== undefined);
}

/** Person ids matching a filter, in enrolment order. */
export async function personIdsByFilter(db: DbOrTx, programmeId: string, filter: ParticipantFilter, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: enrolment.personId })
    .from(enrolment)
    .innerJoin(person, eq(person.id, enrolment.personId))
    .leftJoin(msme, eq(msme.id, enrolment.msmeId))
    .where(and(...participantFilterConditions(programmeId, filter)))
    .orderBy(asc(enrolment.seq))
    .limit(limit);
  return rows.map((r) => r.id);
}

/**
 * Puts people on the rosters of one or more sessions of a programme (one session, or the open
 * sessions of a cohort), all or nothing per person. Refuses people not enrolled in the
 * programme, sessions at capacity, and people already on another session whose time overlaps
 * (cancelled sessions do not count). `force` (walk-ins, recorded attendance) skips capacity and
 * overlap: the person is already in the room. Call inside a transaction; the sessions are locked
 * so that concurrent additions cannot overfill them, and the people so that concurrent
 * additions elsewhere cannot double-book them.
 */
export async function addToRosters(
  tx: DbOrTx,
  options: { programmeId: string; sessionIds: string[]; personIds: string[]; source: RosterSource; addedBy: string | null; force?: boolean },
): Promise<RosterOutcome> {
  const { programmeId, source, addedBy } = options;
  const personIds = [...new Set(options.personIds)];
  const outcome: RosterOutcome = { added: [], already: [], refused: [] };
  if (personIds.length === 0 || options.sessionIds.length === 0) return outcome;
  await tx.execute(sql`select id from ${trainingSession} where id = any(${sql.param(options.sessionIds)}::uuid[]) order by id for update`);
  const targets = (await tx.select().from(trainingSession).where(inArray(trainingSession.id, options.sessionIds)).orderBy(asc(trainingSession.startsAt))).filter(
    (s) => s.programmeId === programmeId,
  );
  await tx.execute(sql`select pg_advisory_xact_lock(k) from (select hashtext('roster:' || p) as k from unnest(${sql.param(personIds)}::text[]) p order by 1) keys`);

  const enrolled = new Set(
    (await tx.select({ id: enrolment.personId }).from(enrolment).where(and(eq(enrolment.programmeId, programmeId), inArray(enrolment.personId, personIds), ne(enrolment.status, 'withdrawn')))).map(
      (r) => r.id,
    ),
  );
  const targetIds = targets.map((t) => t.id);
  const onRoster = new Set(
    (await tx.select({ s: sessionParticipant.sessionId, p: sessionParticipant.personId }).from(sessionParticipant).where(and(inArray(sessionParticipant.sessionId, targetIds), inArray(sessionParticipant.personId, personIds)))).map(
      (r) => `${r.s}|${r.p}`,
    ),
  );
  const remaining = new Map(targets.map((t) => [t.id, t.capacity]));
  for (const r of await tx.select({ id: sessionParticipant.sessionId, n: count() }).from(sessionParticipant).where(inArray(sessionParticipant.sessionId, targetIds)).groupBy(sessionParticipant.sessionId)) {
    remaining.set(r.id, (remaining.get(r.id) ?? 0) - Number(r.n));
  }

  // Other sessions of these people that overlap a target session.
  type Clash = { target: SessionRow; sessionId: string; title: string; startsAt: Date; programmeId: string; regionCode: string };
  type ClashRow = { person_id: string; id: string; title: string; starts_at: string | Date; ends_at: string | Date; programme_id: string; region_code: string };
  const clashes = new Map<string, Clash[]>();
  if (!options.force) {
    const overlaps = sql.join(
      targets.map((t) => sql`(s.starts_at < ${t.endsAt.toISOString()}::timestamptz and s.ends_at > ${t.startsAt.toISOString()}::timestamptz)`),
      sql` or `,
    );
    const rows = await tx.execute<ClashRow>(sql`
      select sp.person_id, s.id, s.title, s.starts_at, s.ends_at, s.programme_id, st.region_code
      from ${sessionParticipant} sp join ${trainingSession} s on s.id = sp.session_id join ${site} st on st.id = s.site_id
      where sp.person_id = any(${sql.param(personIds)}::uuid[]) and s.status <> 'cancelled' and s.id <> all(${sql.param(targetIds)}::uuid[]) and (${overlaps})
      order by s.starts_at`);
    for (const r of (rows as unknown as { rows: ClashRow[] }).rows) {
      const startsAt = new Date(r.starts_at);
      const endsAt = new Date(r.ends_at);
      const target = targets.find((t) => startsAt < t.endsAt && endsAt > t.startsAt);
      if (!target) continue;
      const list = clashes.get(r.person_id) ?? [];
      list.push({ target, sessionId: r.id, title: r.title, startsAt, programmeId: r.programme_id, regionCode: r.region_code });
      clashes.set(r.person_id, list);
    }
  }

  const rows: (typeof sessionParticipant.$inferInsert)[] = [];
  for (const personId of personIds) {
    if (!enrolled.has(personId)) {
      outcome.refused.push({ personId, reason: 'not_enrolled', session: null, conflict: null });
      continue;
    }
    const missing = targets.filter((t) => !onRoster.has(`${t.id}|${personId}`));
    if (missing.length === 0) {
      outcome.already.push(personId);
      continue;
    }
    const clash = clashes.get(personId)?.find((c) => missing.some((m) => m.id === c.target.id));
    if (clash) {
      const same = clash.programmeId === programmeId;
      outcome.refused.push({
        personId,
        reason: 'double_booked',
        session: { id: clash.target.id, title: clash.target.title, capacity: clash.target.capacity },
        conflict: { sessionId: same ? clash.sessionId : null, title: same ? clash.title : null, startsAt: clash.startsAt, zone: siteTimeZone(clash.regionCode) },
      });
      continue;
    }
    const full = options.force ? undefined : missing.find((m) => (remaining.get(m.id) ?? 0) <= 0);
    if (full) {
      outcome.refused.push({ personId, reason: 'full', session: { id: full.id, title: full.title, capacity: full.capacity }, conflict: null });
      continue;
    }
    for (const m of missing) {
      remaining.set(m.id, (remaining.get(m.id) ?? 0) - 1);
      rows.push({ programmeId, sessionId: m.id, personId, source, addedBy });
    }
    outcome.added.push(personId);
  }
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(sessionParticipant).values(rows.slice(i, i + 1000)).onConflictDoNothing();
  return outcome;
}

/** The refusal in words, naming the session and what it clashes with. */
export function describeRefusal(refusal: Refusal, locale: Locale): string {
  const title = refusal.session?.title ?? '';
  switch (refusal.reason) {
    case 'not_enrolled':
      return translate(locale, 'errors.roster.not_enrolled');
    case 'full':
      return translate(locale, 'errors.roster.full', { title, capacity: refusal.session?.capacity ?? '' });
    case 'double_booked': {
      const when = refusal.conflict ? formatLocalInstant(refusal.conflict.startsAt, refusal.conflict.zone, locale) : '';
      return refusal.conflict?.title
        ? translate(locale, 'errors.roster.double_booked', { title, other: refusal.conflict.title, when })
        : translate(locale, 'errors.roster.double_booked_elsewhere', { title, when });
    }
  }
}

/** The outcome as the API answers it: refusals with names and reasons in words. */
export async function presentOutcome(db: DbOrTx, outcome: RosterOutcome, matched: number, locale: Locale): Promise<AddParticipantsResult> {
  const ids = outcome.refused.map((r) => r.personId);
  const names = new Map(ids.length ? (await db.select({ id: person.id, name: person.name }).from(person).where(inArray(person.id, ids))).map((p) => [p.id, p.name]) : []);
  return {
    matched,
    added: outcome.added,
    alreadyOnRoster: outcome.already,
    refused: outcome.refused.map((r) => ({
      personId: r.personId,
      name: names.get(r.personId) ?? null,
      reason: r.reason,
      message: describeRefusal(r, locale),
      session: r.session ? { id: r.session.id, title: r.session.title } : null,
      conflict: r.conflict ? { sessionId: r.conflict.sessionId, title: r.conflict.title, startsAt: r.conflict.startsAt.toISOString() } : null,
    })),
  };
}

export function assertOpen(session: SessionRow): void {
  if (session.status === 'cancelled' || session.status === 'done') throw new AppError('conflict', 'errors.session.closed', { params: { title: session.title } });
}

/** Adds programme participants to a session, by ids or by filter; reports who was added and who was refused and why. */
export async function addSessionParticipants(options: { db: Db; actor: SessionActor; sessionId: string; input: AddParticipantsInput; locale: Locale }): Promise<AddParticipantsResult> {
  const { db, actor, sessionId, input, locale } = options;
  return db.transaction(async (tx) => {
    const { session } = await authorizeSession(tx, actor, sessionId, 'session.manage');
    assertOpen(session);
    const personIds = input.personIds ?? (await personIdsByFilter(tx, session.programmeId, input.filter ?? {}, input.limit));
    const outcome = await addToRosters(tx, { programmeId: session.programmeId, sessionIds: [sessionId], personIds, source: input.filter ? 'filter' : 'manual', addedBy: actor.userId });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'session.roster_add',
      entityType: 'session',
      entityId: sessionId,
      programmeId: session.programmeId,
      details: { matched: personIds.length, added: outcome.added.length, already: outcome.already.length, refused: outcome.refused.length, byFilter: Boolean(input.filter) },
    });
    return presentOutcome(tx, outcome, personIds.length, locale);
  });
}

/** The ids of a cohort's planned and open sessions; a cohort with none cannot take anyone. */
export async function openCohortSessions(db: DbOrTx, programmeId: string, cohortId: string): Promise<string[]> {
  await cohortRow(db, programmeId, cohortId);
  const sessions = await db.select({ id: trainingSession.id }).from(trainingSession).where(and(eq(trainingSession.cohortId, cohortId), inArray(trainingSession.status, ['planned', 'open'])));
  if (sessions.length === 0) throw new AppError('conflict', 'errors.cohort.noOpenSessions');
  return sessions.map((s) => s.id);
}

/** Adds participants to every planned or open session of a cohort (all of them, or none, per person). */
export async function addCohortParticipants(options: { db: Db; actor: SessionActor; programmeId: string; cohortId: string; input: AddParticipantsInput; locale: Locale }): Promise<AddParticipantsResult> {
  const { db, actor, programmeId, cohortId, input, locale } = options;
  return db.transaction(async (tx) => {
    await authorizeProgramme(tx, actor, programmeId, 'session.manage');
    const sessionIds = await openCohortSessions(tx, programmeId, cohortId);
    const personIds = input.personIds ?? (await personIdsByFilter(tx, programmeId, input.filter ?? {}, input.limit));
    const outcome = await addToRosters(tx, { programmeId, sessionIds, personIds, source: 'cohort', addedBy: actor.userId });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'cohort.roster_add',
      entityType: 'cohort',
      entityId: cohortId,
      programmeId,
      details: { sessions: sessionIds.length, matched: personIds.length, added: outcome.added.length, already: outcome.already.length, refused: outcome.refused.length },
    });
    return presentOutcome(tx, outcome, personIds.length, locale);
  });
}

/** Takes a person off a session's roster; someone who already attended stays (attendance is append-only). */
export async function removeSessionParticipant(options: { db: Db; actor: SessionActor; sessionId: string; personId: string }): Promise<void> {
  const { db, actor, sessionId, personId } = options;
  await db.transaction(async (tx) => {
    const { session } = await authorizeSession(tx, actor, sessionId, 'session.manage');
    const [attended] = await tx.select({ id: attendance.id }).from(attendance).where(and(eq(attendance.programmeId, session.programmeId), eq(attendance.sessionId, sessionId), eq(attendance.personId, personId)));
    if (attended) throw new AppError('conflict', 'errors.roster.attendedCannotRemove');
    const removed = await tx.delete(sessionParticipant).where(and(eq(sessionParticipant.sessionId, sessionId), eq(sessionParticipant.personId, personId))).returning({ id: sessionParticipant.personId });
    if (removed.length === 0) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'participant' } });
    await recordAudit(tx, { actorUserId: actor.userId, action: 'session.roster_remove', entityType: 'session', entityId: sessionId, programmeId: session.programmeId, details: { personId } });
  });
}
