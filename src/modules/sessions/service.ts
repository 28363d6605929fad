import { and, asc, count, eq, exists, gt, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { nikFor } from '../participants/service.ts';
import { decryptPhone } from '../personal-data/values.ts';
import { formatLocalRange, localToUtc, startOfLocalDay, TIME_ZONES, timeZoneOfRegion, utcToLocal, isLocalDateTime, type IndonesianTimeZone } from '../../core/time-zone.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import {
  appUser,
  attendance,
  campaignRecipient,
  campaign,
  cohort,
  curriculumModule,
  destinationEvent,
  msme,
  organisation,
  person,
  programme,
  sessionEvent,
  sessionModule,
  sessionParticipant,
  sessionTrainer,
  site,
  trainingSession,
  userProgramme,
} from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import type { Locale } from '../../server/i18n.ts';
import { offsetOf } from '../../server/schema-helpers.ts';
import { recordAudit } from '../audit/service.ts';
import { authorizeProgramme, visibleProgrammes } from '../programmes/access.ts';
import { authorizeSession, sessionNotFound, type SessionRow } from './access.ts';
import type {
  CalendarQuery,
  CohortView,
  CreateCohortInput,
  CreateSessionInput,
  ListSessionsQuery,
  MySessionsQuery,
  RosterEntry,
  SessionDetail,
  SessionSummary,
  SessionView,
  UpdateCohortInput,
  UpdateSessionInput,
} from './schema.ts';

/** The zone of a site's region; WIB when the region code is not a known province. */
export function siteTimeZone(regionCode: string): IndonesianTimeZone {
  return timeZoneOfRegion(regionCode) ?? 'Asia/Jakarta';
}

/** A typed session time as an instant: local time at the site, or an explicit offset. */
export function sessionInstant(value: string, zone: IndonesianTimeZone, field: string): Date {
  const instant = isLocalDateTime(value) ? localToUtc(value, zone) : new Date(value);
  if (!instant || Number.isNaN(instant.getTime())) throw new AppError('validation', 'errors.validation', { fields: { [field]: 'errors.field.dateTimeFormat' } });
  return instant;
}

/** A list bound: a date is a whole day in WIB (the national default), an instant is taken as it is. */
function rangeInstant(value: string, end: boolean): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = startOfLocalDay(value, 'Asia/Jakarta');
    if (!start) throw new AppError('validation', 'errors.validation', { fields: { [end ? 'to' : 'from']: 'errors.field.dateFormat' } });
    return end ? new Date(start.getTime() + 24 * 60 * 60_000) : start;
  }
  return new Date(value);
}

export function timeFieldsOf(startsAt: Date, endsAt: Date, zone: IndonesianTimeZone, locale: Locale) {
  return {
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    timeZone: zone,
    timeZoneLabel: TIME_ZONES[zone].label,
    startsAtLocal: utcToLocal(startsAt, zone),
    endsAtLocal: utcToLocal(endsAt, zone),
    when: formatLocalRange(startsAt, endsAt, zone, locale),
  };
}

/** Sessions as list items, with site, cohort and roster/attendance counts loaded in batches. */
async function summaries(db: DbOrTx, rows: SessionRow[], locale: Locale): Promise<SessionSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const sites = await db.select({ id: site.id, name: site.name, regionCode: site.regionCode }).from(site).where(inArray(site.id, [...new Set(rows.map((r) => r.siteId))]));
  const cohortIds = [...new Set(rows.map((r) => r.cohortId).filter((c): c is string => Boolean(c)))];
  const cohorts = cohortIds.length ? await db.select({ id: cohort.id, name: cohort.name }).from(cohort).where(inArray(cohort.id, cohortIds)) : [];
  const rosters = await db.select({ id: sessionParticipant.sessionId, n: count() }).from(sessionParticipant).where(inArray(sessionParticipant.sessionId, ids)).groupBy(sessionParticipant.sessionId);
  const programmeIds = [...new Set(rows.map((r) => r.programmeId))];
  const attended = await db
    .select({ id: attendance.sessionId, n: count() })
    .from(attendance)
    .where(and(inArray(attendance.programmeId, programmeIds), inArray(attendance.sessionId, ids)))
    .groupBy(attendance.sessionId);
  const siteById = new Map(sites.map((s) => [s.id, s]));
  const cohortById = new Map(cohorts.map((c) => [c.id, c]));
  const rosterBy = new Map(rosters.map((r) => [r.id, Number(r.n)]));
  const attendedBy = new Map(attended.map((r) => [r.id, Number(r.n)]));
  return rows.map((s) => {
    const st = siteById.get(s.siteId) ?? { id: s.siteId, name: '', regionCode: '' };
    const c = s.cohortId ? cohortById.get(s.cohortId) : undefined;
    return {
      id: s.id,
      programmeId: s.programmeId,
      title: s.title,
      site: st,
      cohort: c ? { id: c.id, name: c.name } : null,
      kind: s.kind,
      modality: s.modality,
      status: s.status,
      capacity: s.capacity,
      rosterCount: rosterBy.get(s.id) ?? 0,
      attendedCount: attendedBy.get(s.id) ?? 0,
      ...timeFieldsOf(s.startsAt, s.endsAt, siteTimeZone(st.regionCode), locale),
    };
  });
}

async function sessionView(db: DbOrTx, actor: SessionActor, row: SessionRow, locale: Locale): Promise<SessionView> {
  const [summary] = await summaries(db, [row], locale);
  if (!summary) throw sessionNotFound();
  const modules = await db
    .select({ id: curriculumModule.id, code: curriculumModule.code, titleId: curriculumModule.titleId, titleEn: curriculumModule.titleEn, topic: curriculumModule.topic, durationMinutes: curriculumModule.durationMinutes })
    .from(sessionModule)
    .innerJoin(curriculumModule, eq(curriculumModule.id, sessionModule.moduleId))
    .where(eq(sessionModule.sessionId, row.id))
    .orderBy(asc(curriculumModule.code));
  const trainers = await db.select({ id: appUser.id, name: appUser.name }).from(sessionTrainer).innerJoin(appUser, eq(appUser.id, sessionTrainer.userId)).where(eq(sessionTrainer.sessionId, row.id)).orderBy(asc(appUser.name));
  const [event] = await db
    .select({ id: destinationEvent.id, title: destinationEvent.title, kind: destinationEvent.kind, season: destinationEvent.season, startsOn: destinationEvent.startsOn, endsOn: destinationEvent.endsOn })
    .from(sessionEvent)
    .innerJoin(destinationEvent, eq(destinationEvent.id, sessionEvent.eventId))
    .where(eq(sessionEvent.sessionId, row.id));
  return {
    ...summary,
    meetingUrl: row.meetingUrl,
    venue: row.venue,
    notes: row.notes,
    modules: modules.map((m) => ({ id: m.id, code: m.code, title: { id: m.titleId, en: m.titleEn }, topic: m.topic, durationMinutes: m.durationMinutes })),
    trainers: actor.role === 'viewer' ? [] : trainers,
    trainerCount: trainers.length,
    attendanceRate: summary.rosterCount > 0 ? Math.round((summary.attendedCount / summary.rosterCount) * 1000) / 1000 : null,
    event: event ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The people on a session's roster with their attendance and RSVP (personal data: not for viewers). */
export async function rosterOf(db: DbOrTx, actor: SessionActor, row: SessionRow): Promise<RosterEntry[]> {
  const rows = await db
    .select({
      personId: person.id,
      name: person.name,
      nikCipher: person.nikCipher,
      phoneCipher: person.phoneCipher,
      gender: person.gender,
      version: person.updatedAt,
      businessName: msme.businessName,
      source: sessionParticipant.source,
      addedAt: sessionParticipant.createdAt,
      method: attendance.method,
      capturedAt: attendance.capturedAt,
    })
    .from(sessionParticipant)
    .innerJoin(person, eq(person.id, sessionParticipant.personId))
    .leftJoin(msme, eq(msme.key, person.key))
    .leftJoin(attendance, and(eq(attendance.programmeId, row.programmeId), eq(attendance.sessionId, row.id), eq(attendance.personId, sessionParticipant.personId)))
    .where(eq(sessionParticipant.sessionId, row.id))
    .orderBy(asc(person.name));
  // The latest answer to an invitation for this session (or its cohort).
  const answers = await db
    .select({ personId: campaignRecipient.personId, rsvp: campaignRecipient.rsvp })
    .from(campaignRecipient)
    .innerJoin(campaign, eq(campaign.id, campaignRecipient.campaignId))
    .where(
      and(
        eq(campaign.programmeId, row.programmeId),
        or(eq(campaign.sessionId, row.id), row.cohortId ? eq(campaign.cohortId, row.cohortId) : undefined),
        sql`${campaignRecipient.rsvp} is not null`,
      ),
    )
    .orderBy(asc(campaignRecipient.rsvpAt));
  const rsvpBy = new Map(answers.map((a) => [a.personId, a.rsvp]));
  return rows.map((r) => ({
    personId: r.personId,
    name: r.name,
    nik: nikFor(actor, r.nikCipher),
    phone: decryptPhone(r.phoneCipher),
    gender: r.gender,
    businessName: r.businessName,
    source: r.source,
    addedAt: r.addedAt.toISOString(),
    attendance: r.method && r.capturedAt ? { method: r.method, capturedAt: r.capturedAt.toISOString() } : null,
    rsvp: rsvpBy.get(r.personId) ?? null,
    version: r.version.toISOString(),
  }));
}

export async function getSession(options: { db: Db; actor: SessionActor; sessionId: string; locale: Locale }): Promise<SessionDetail> {
  const { db, actor, sessionId, locale } = options;
  const { session } = await authorizeSession(db, actor, sessionId, 'session.read');
  const view = await sessionView(db, actor, session, locale);
  const mayReadRoster = actor.role !== 'viewer';
  return { ...view, roster: mayReadRoster ? await rosterOf(db, actor, session) : null };
}

function sessionConditions(actor: SessionActor, query: { siteId?: string; cohortId?: string; status?: string; trainerId?: string; from?: string; to?: string }): (SQL | undefined)[] {
  const assignedTo = (userId: string) =>
    exists(sql`(select 1 from ${sessionTrainer} where ${sessionTrainer.sessionId} = ${trainingSession.id} and ${sessionTrainer.userId} = ${userId})`);
  return [
    query.siteId ? eq(trainingSession.siteId, query.siteId) : undefined,
    query.cohortId ? eq(trainingSession.cohortId, query.cohortId) : undefined,
    query.status ? eq(trainingSession.status, query.status as SessionRow['status']) : undefined,
    query.trainerId ? assignedTo(query.trainerId) : undefined,
    query.from ? gt(trainingSession.endsAt, rangeInstant(query.from, false)) : undefined,
    query.to ? lt(trainingSession.startsAt, rangeInstant(query.to, true)) : undefined,
    // Trainers see the sessions they run, nothing else.
    actor.role === 'trainer' ? assignedTo(actor.userId) : undefined,
  ];
}

export async function listSessions(options: { db: Db; actor: SessionActor; programmeId: string; query: ListSessionsQuery; locale: Locale }) {
  const { db, actor, programmeId, query, locale } = options;
  await authorizeProgramme(db, actor, programmeId, 'session.read');
  const where = and(eq(trainingSession.programmeId, programmeId), ...sessionConditions(actor, query));
  const [total] = await db.select({ n: count() }).from(trainingSession).where(where);
  const rows = await db.select().from(trainingSession).where(where).orderBy(asc(trainingSession.startsAt), asc(trainingSession.id)).limit(query.pageSize).offset(offsetOf(query));
  return { items: await summaries(db, rows, locale), total: Number(total?.n ?? 0), page: query.page, pageSize: query.pageSize };
}

const CALENDAR_MAX = 2000;

/** Every session overlapping a range, for a calendar: no paging, at most 2,000 (then `truncated`). */
export async function sessionCalendar(options: { db: Db; actor: SessionActor; programmeId: string; query: CalendarQuery; locale: Locale }) {
  const { db, actor, programmeId, query, locale } = options;
  await authorizeProgramme(db, actor, programmeId, 'session.read');
  if (rangeInstant(query.to, true) <= rangeInstant(query.from, false)) throw new AppError('validation', 'errors.validation', { fields: { to: 'errors.field.endBeforeStart' } });
  const rows = await db
    .select()
    .from(trainingSession)
    .where(and(eq(trainingSession.programmeId, programmeId), ...sessionConditions(actor, query)))
    .orderBy(asc(trainingSession.startsAt), asc(trainingSession.id))
    .limit(CALENDAR_MAX + 1);
  return { items: await summaries(db, rows.slice(0, CALENDAR_MAX), locale), truncated: rows.length > CALENDAR_MAX };
}

/** The caller's own sessions as a trainer, across programmes (the trainer app's home). */
export async function listMySessions(options: { db: Db; actor: SessionActor; query: MySessionsQuery; locale: Locale }) {
  const { db, actor, query, locale } = options;
  const rows = await db
    .select({ session: trainingSession, programme: { id: programme.id, code: programme.code, name: programme.name } })
    .from(trainingSession)
    .innerJoin(programme, eq(programme.id, trainingSession.programmeId))
    .where(
      and(
        exists(sql`(select 1 from ${sessionTrainer} where ${sessionTrainer.sessionId} = ${trainingSession.id} and ${sessionTrainer.userId} = ${actor.userId})`),
        visibleProgrammes(actor),
        ...sessionConditions({ ...actor, role: 'admin' }, query),
      ),
    )
    .orderBy(asc(trainingSession.startsAt))
    .limit(CALENDAR_MAX);
  const items = await summaries(db, rows.map((r) => r.session), locale);
  return { items: items.map((s, i) => ({ ...s, programme: rows[i]?.programme ?? { id: s.programmeId, code: '', name: '' } })) };
}

function fieldError(field: string, key: string, params?: Record<string, string | number>): AppError {
  return new AppError('validation', 'errors.validation', { fields: { [field]: key }, params });
}

async function assertSite(tx: DbOrTx, programmeId: string, siteId: string): Promise<{ regionCode: string }> {
  const [row] = await tx.select({ regionCode: site.regionCode }).from(site).where(and(eq(site.id, siteId), eq(site.programmeId, programmeId), isNull(site.archivedAt)));
  if (!row) throw fieldError('siteId', 'errors.field.siteUnknown');
  return row;
}

async function assertCohort(tx: DbOrTx, programmeId: string, cohortId: string): Promise<void> {
  const [row] = await tx.select({ id: cohort.id }).from(cohort).where(and(eq(cohort.id, cohortId), eq(cohort.programmeId, programmeId), isNull(cohort.archivedAt)));
  if (!row) throw fieldError('cohortId', 'errors.field.cohortUnknown');
}

async function assertModules(tx: DbOrTx, programmeId: string, moduleIds: string[]): Promise<void> {
  const rows = await tx.select({ id: curriculumModule.id }).from(curriculumModule).where(and(eq(curriculumModule.programmeId, programmeId), inArray(curriculumModule.id, moduleIds), isNull(curriculumModule.archivedAt)));
  const known = new Set(rows.map((r) => r.id));
  const index = moduleIds.findIndex((id) => !known.has(id));
  if (index >= 0) throw fieldError(`moduleIds.${index}`, 'errors.field.moduleUnknown');
}

/** Assigns trainers (active users with the trainer role) and makes each a member of the programme. */
async function assignTrainers(tx: DbOrTx, programmeId: string, sessionId: string, trainerIds: string[]): Promise<void> {
  if (trainerIds.length) {
    const rows = await tx.select({ id: appUser.id }).from(appUser).where(and(inArray(appUser.id, trainerIds), eq(appUser.role, 'trainer'), eq(appUser.active, true)));
    const known = new Set(rows.map((r) => r.id));
    const index = trainerIds.findIndex((id) => !known.has(id));
    if (index >= 0) throw fieldError(`trainerIds.${index}`, 'errors.field.trainerUnknown');
  }
  await tx.delete(sessionTrainer).where(eq(sessionTrainer.sessionId, sessionId));
  if (trainerIds.length === 0) return;
  await tx.insert(sessionTrainer).values(trainerIds.map((userId) => ({ sessionId, userId, programmeId })));
  await tx.insert(userProgramme).values(trainerIds.map((userId) => ({ userId, programmeId }))).onConflictDoNothing();
}

function assertTimes(startsAt: Date, endsAt: Date): void {
  if (endsAt.getTime() <= startsAt.getTime()) throw fieldError('endsAt', 'errors.session.endBeforeStart');
}

export async function createSession(options: { db: Db; actor: SessionActor; programmeId: string; input: CreateSessionInput; locale: Locale }): Promise<SessionDetail> {
  const { db, actor, programmeId, input, locale } = options;
  const id = await db.transaction(async (tx) => {
    await authorizeProgramme(tx, actor, programmeId, 'session.manage');
    const { regionCode } = await assertSite(tx, programmeId, input.siteId);
    if (input.cohortId) await assertCohort(tx, programmeId, input.cohortId);
    await assertModules(tx, programmeId, input.moduleIds);
    const zone = siteTimeZone(regionCode);
    const startsAt = sessionInstant(input.startsAt, zone, 'startsAt');
    const endsAt = sessionInstant(input.endsAt, zone, 'endsAt');
    assertTimes(startsAt, endsAt);
    const [created] = await tx
      .insert(trainingSession)
      .values({
        programmeId,
        siteId: input.siteId,
        cohortId: input.cohortId ?? null,
        title: input.title,
        kind: input.kind,
        modality: input.modality,
        meetingUrl: input.meetingUrl ?? null,
        venue: input.venue ?? null,
        startsAt,
        endsAt,
        capacity: input.capacity,
        status: input.status,
        notes: input.notes ?? null,
        createdBy: actor.userId,
      })
      .returning({ id: trainingSession.id });
    if (!created) throw new Error('insert returned no row');
    await tx.insert(sessionModule).values(input.moduleIds.map((moduleId) => ({ sessionId: created.id, moduleId })));
    await assignTrainers(tx, programmeId, created.id, input.trainerIds);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'session.create',
      entityType: 'session',
      entityId: created.id,
      programmeId,
      details: { siteId: input.siteId, kind: input.kind, modality: input.modality, capacity: input.capacity, moduleIds: input.moduleIds, trainerIds: input.trainerIds },
    });
    return created.id;
  });
  return getSession({ db, actor, sessionId: id, locale });
}

/** People on the roster who are also on another (not cancelled) session overlapping the given times. */
async function rosterClashes(tx: DbOrTx, sessionId: string, startsAt: Date, endsAt: Date): Promise<{ personId: string; title: string }[]> {
  const other = sql`(select s.id, s.title from ${sessionParticipant} sp2 join ${trainingSession} s on s.id = sp2.session_id
      where sp2.person_id = ${sessionParticipant.personId} and s.id <> ${sessionId} and s.status <> 'cancelled'
        and s.starts_at < ${endsAt.toISOString()}::timestamptz and s.ends_at > ${startsAt.toISOString()}::timestamptz limit 1)`;
  const rows = await tx.execute<{ person_id: string; title: string }>(sql`
    select ${sessionParticipant.personId} as person_id, o.title from ${sessionParticipant}, lateral ${other} o
    where ${sessionParticipant.sessionId} = ${sessionId} limit 5`);
  return (rows as unknown as { rows: { person_id: string; title: string }[] }).rows.map((r) => ({ personId: r.person_id, title: r.title }));
}

export async function updateSession(options: { db: Db; actor: SessionActor; sessionId: string; input: UpdateSessionInput; locale: Locale }): Promise<SessionDetail> {
  const { db, actor, sessionId, input, locale } = options;
  await db.transaction(async (tx) => {
    const { session: current } = await authorizeSession(tx, actor, sessionId, 'session.manage');
    // Lock the row: roster additions check capacity against it.
    await tx.execute(sql`select 1 from ${trainingSession} where ${trainingSession.id} = ${sessionId} for update`);
    const programmeId = current.programmeId;
    const siteId = input.siteId ?? current.siteId;
    const { regionCode } = await assertSite(tx, programmeId, siteId);
    if (input.cohortId) await assertCohort(tx, programmeId, input.cohortId);
    if (input.moduleIds) await assertModules(tx, programmeId, input.moduleIds);
    const zone = siteTimeZone(regionCode);
    const startsAt = input.startsAt ? sessionInstant(input.startsAt, zone, 'startsAt') : current.startsAt;
    const endsAt = input.endsAt ? sessionInstant(input.endsAt, zone, 'endsAt') : current.endsAt;
    assertTimes(startsAt, endsAt);
    const modality = input.modality ?? current.modality;
    const meetingUrl = input.meetingUrl !== undefined ? input.meetingUrl : current.meetingUrl;
    if (modality !== 'in_person' && !meetingUrl) throw fieldError('meetingUrl', 'errors.session.meetingUrlRequired');
    if (input.capacity !== undefined) {
      const [roster] = await tx.select({ n: count() }).from(sessionParticipant).where(eq(sessionParticipant.sessionId, sessionId));
      const onRoster = Number(roster?.n ?? 0);
      if (input.capacity < onRoster) throw new AppError('conflict', 'errors.validation', { fields: { capacity: 'errors.session.capacityBelowRoster' }, params: { count: onRoster } });
    }
    const timesChanged = startsAt.getTime() !== current.startsAt.getTime() || endsAt.getTime() !== current.endsAt.getTime();
    const reinstated = input.status !== undefined && input.status !== 'cancelled' && current.status === 'cancelled';
    if (timesChanged || reinstated) {
      const clashes = await rosterClashes(tx, sessionId, startsAt, endsAt);
      if (clashes.length) throw new AppError('conflict', 'errors.session.rescheduleClash', { params: { title: clashes[0]?.title ?? '' } });
    }
    await tx
      .update(trainingSession)
      .set({
        siteId,
        ...(input.cohortId !== undefined ? { cohortId: input.cohortId } : {}),
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        modality,
        meetingUrl: modality === 'in_person' && input.modality !== undefined ? null : meetingUrl,
        ...(input.venue !== undefined ? { venue: input.venue } : {}),
        startsAt,
        endsAt,
        ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.notes !== undefined ? { notes: input.notes } : {}),
        updatedAt: new Date(),
      })
      .where(eq(trainingSession.id, sessionId));
    if (input.moduleIds) {
      await tx.delete(sessionModule).where(eq(sessionModule.sessionId, sessionId));
      await tx.insert(sessionModule).values(input.moduleIds.map((moduleId) => ({ sessionId, moduleId })));
    }
    if (input.trainerIds) await assignTrainers(tx, programmeId, sessionId, input.trainerIds);
    const action = input.status === 'cancelled' && current.status !== 'cancelled' ? 'session.cancel' : 'session.update';
    await recordAudit(tx, { actorUserId: actor.userId, action, entityType: 'session', entityId: sessionId, programmeId, details: { fields: Object.keys(input), status: input.status } });
  });
  return getSession({ db, actor, sessionId, locale });
}

/** Trainer accounts a session can be given: every active trainer for admins and managers, else members and the caller's organisation. */
export async function listTrainers(options: { db: Db; actor: SessionActor; programmeId: string }) {
  const { db, actor, programmeId } = options;
  await authorizeProgramme(db, actor, programmeId, 'session.manage');
  const member = exists(sql`(select 1 from ${userProgramme} where ${userProgramme.userId} = ${appUser.id} and ${userProgramme.programmeId} = ${programmeId})`);
  const scope = actor.role === 'admin' || actor.role === 'program_manager' ? undefined : or(member, actor.organisationId ? eq(appUser.organisationId, actor.organisationId) : undefined);
  const rows = await db
    .select({ id: appUser.id, name: appUser.name, email: appUser.email, orgId: organisation.id, orgName: organisation.name, member: sql<boolean>`${member}` })
    .from(appUser)
    .leftJoin(organisation, eq(organisation.id, appUser.organisationId))
    .where(and(eq(appUser.role, 'trainer'), eq(appUser.active, true), scope))
    .orderBy(asc(appUser.name))
    .limit(1000);
  return { items: rows.map((r) => ({ id: r.id, name: r.name, email: r.email, organisation: r.orgId && r.orgName ? { id: r.orgId, name: r.orgName } : null, member: Boolean(r.member) })) };
}

async function cohortViews(db: DbOrTx, rows: (typeof cohort.$inferSelect)[]): Promise<CohortView[]> {
  if (rows.length === 0) return [];
  const stats = await db
    .select({ id: trainingSession.cohortId, n: count(), first: sql<Date | string | null>`min(${trainingSession.startsAt})`, last: sql<Date | string | null>`max(${trainingSession.endsAt})` })
    .from(trainingSession)
    .where(and(inArray(trainingSession.cohortId, rows.map((r) => r.id)), ne(trainingSession.status, 'cancelled')))
    .groupBy(trainingSession.cohortId);
  const byId = new Map(stats.map((s) => [s.id, s]));
  const iso = (v: Date | string | null | undefined) => (v ? new Date(v).toISOString() : null);
  return rows.map((c) => ({
    id: c.id,
    programmeId: c.programmeId,
    name: c.name,
    description: c.description,
    sessionCount: Number(byId.get(c.id)?.n ?? 0),
    firstStartsAt: iso(byId.get(c.id)?.first),
    lastEndsAt: iso(byId.get(c.id)?.last),
    archivedAt: c.archivedAt?.toISOString() ?? null,
  }));
}

export async function listCohorts(options: { db: Db; actor: SessionActor; programmeId: string }) {
  const { db, actor, programmeId } = options;
  await authorizeProgramme(db, actor, programmeId, 'session.read');
  const rows = await db.select().from(cohort).where(and(eq(cohort.programmeId, programmeId), isNull(cohort.archivedAt))).orderBy(asc(cohort.name));
  const items = await cohortViews(db, rows);
  return { items, total: items.length };
}

export async function cohortRow(db: DbOrTx, programmeId: string, cohortId: string) {
  const [row] = await db.select().from(cohort).where(and(eq(cohort.id, cohortId), eq(cohort.programmeId, programmeId)));
  if (!row) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'cohort' } });
  return row;
}

export async function createCohort(options: { db: Db; actor: SessionActor; programmeId: string; input: CreateCohortInput }): Promise<CohortView> {
  const { db, actor, programmeId, input } = options;
  return db.transaction(async (tx) => {
    await authorizeProgramme(tx, actor, programmeId, 'session.manage');
    const [created] = await tx.insert(cohort).values({ programmeId, name: input.name, description: input.description ?? null }).returning();
    if (!created) throw new Error('insert returned no row');
    await recordAudit(tx, { actorUserId: actor.userId, action: 'cohort.create', entityType: 'cohort', entityId: created.id, programmeId });
    const [view] = await cohortViews(tx, [created]);
    return view as CohortView;
  });
}

export async function updateCohort(options: { db: Db; actor: SessionActor; programmeId: string; cohortId: string; input: UpdateCohortInput }): Promise<CohortView> {
  const { db, actor, programmeId, cohortId, input } = options;
  return db.transaction(async (tx) => {
    await authorizeProgramme(tx, actor, programmeId, 'session.manage');
    const current = await cohortRow(tx, programmeId, cohortId);
    const [updated] = await tx
      .update(cohort)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.archived === true && !current.archivedAt ? { archivedAt: new Date() } : {}),
        ...(input.archived === false ? { archivedAt: null } : {}),
        updatedAt: new Date(),
      })
      .where(eq(cohort.id, cohortId))
      .returning();
    await recordAudit(tx, { actorUserId: actor.userId, action: input.archived ? 'cohort.archive' : 'cohort.update', entityType: 'cohort', entityId: cohortId, programmeId, details: { fields: Object.keys(input) } });
    const [view] = await cohortViews(tx, [updated ?? current]);
    return view as CohortView;
  });
}
