import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import type { Actor } from '../../core/policy.ts';
import type { DbOrTx } from '../../db/client.ts';
import { destinationEvent, region, sessionEvent, sessionTrainer, site, trainingSession } from '../../db/schema/index.ts';
import { authorizeProgramme } from '../programmes/access.ts';

export type EventKind = (typeof destinationEvent.$inferSelect)['kind'];
export type Season = 'low' | 'high';

export type EventInput = {
  title: string;
  kind: EventKind;
  season?: Season | null;
  startsOn: string;
  endsOn: string;
  /** A site of the programme, or else a regency code. */
  siteId?: string | null;
  regionCode?: string | null;
  notes?: string | null;
};

export type EventView = {
  id: string;
  title: string;
  kind: EventKind;
  season: Season | null;
  startsOn: string;
  endsOn: string;
  regionCode: string;
  regionName: string | null;
  siteId: string | null;
  siteName: string | null;
  notes: string | null;
};

async function placeOf(db: DbOrTx, programmeId: string, input: Pick<EventInput, 'siteId' | 'regionCode'>): Promise<{ regionCode: string; siteId: string | null }> {
  if (input.siteId) {
    const [s] = await db.select({ regionCode: site.regionCode }).from(site).where(and(eq(site.id, input.siteId), eq(site.programmeId, programmeId)));
    if (!s) throw new AppError('validation', 'errors.validation', { fields: { siteId: 'errors.field.siteUnknown' } });
    return { regionCode: s.regionCode.slice(0, 5), siteId: input.siteId };
  }
  const code = input.regionCode ?? '';
  const [r] = code.length === 5 ? await db.select({ code: region.code }).from(region).where(eq(region.code, code)) : [];
  if (!r) throw new AppError('validation', 'errors.validation', { fields: { regionCode: 'errors.context.placeRequired' } });
  return { regionCode: code, siteId: null };
}

export async function createEvent(options: { db: DbOrTx; actor: Actor; programmeId: string; input: EventInput }): Promise<EventView> {
  const { db, actor, programmeId, input } = options;
  await authorizeProgramme(db, actor, programmeId, 'context.manage');
  if (input.endsOn < input.startsOn) throw new AppError('validation', 'errors.validation', { fields: { endsOn: 'errors.field.endBeforeStart' } });
  const place = await placeOf(db, programmeId, input);
  const [row] = await db
    .insert(destinationEvent)
    .values({ programmeId, ...place, title: input.title, kind: input.kind, season: input.season ?? null, startsOn: input.startsOn, endsOn: input.endsOn, notes: input.notes ?? null, createdBy: actor.userId })
    .returning({ id: destinationEvent.id });
  if (!row) throw new Error('insert returned no row');
  const [view] = await eventViews(db, programmeId, { ids: [row.id] });
  if (!view) throw new Error('event vanished');
  return view;
}

/** One destination of the calendar: a site of the programme, or a regency. */
export type DestinationFilter = { siteId?: string; regionCode?: string };
type ResolvedDestination = { regionCode: string; siteId: string | null } | null;

/** The destination asked for, checked against the programme's sites and the regencies; null for the whole programme. */
async function destinationOf(db: DbOrTx, programmeId: string, filter: DestinationFilter): Promise<ResolvedDestination> {
  if (filter.siteId) {
    const [s] = await db.select({ regionCode: site.regionCode }).from(site).where(and(eq(site.id, filter.siteId), eq(site.programmeId, programmeId)));
    if (!s) throw new AppError('validation', 'errors.validation', { fields: { siteId: 'errors.field.siteUnknown' } });
    return { regionCode: s.regionCode.slice(0, 5), siteId: filter.siteId };
  }
  if (filter.regionCode) {
    const [r] = await db.select({ code: region.code }).from(region).where(eq(region.code, filter.regionCode));
    if (!r) throw new AppError('validation', 'errors.validation', { fields: { regionCode: 'errors.field.regionUnknown' } });
    return { regionCode: filter.regionCode, siteId: null };
  }
  return null;
}

async function eventViews(db: DbOrTx, programmeId: string, options: { ids?: string[]; from?: string; to?: string; destination?: ResolvedDestination }): Promise<EventView[]> {
  const where = [eq(destinationEvent.programmeId, programmeId)];
  if (options.ids) where.push(inArray(destinationEvent.id, options.ids));
  if (options.from) where.push(gte(destinationEvent.endsOn, options.from));
  if (options.to) where.push(lte(destinationEvent.startsOn, options.to));
  const place = options.destination;
  // A site's calendar holds its own events and those of its whole regency; a regency's, every event in it.
  if (place) where.push(eq(destinationEvent.regionCode, place.regionCode));
  if (place?.siteId) where.push(sql`(${destinationEvent.siteId} IS NULL OR ${destinationEvent.siteId} = ${place.siteId})`);
  const rows = await db
    .select({ e: destinationEvent, regionName: region.name, siteName: site.name })
    .from(destinationEvent)
    .leftJoin(region, eq(region.code, destinationEvent.regionCode))
    .leftJoin(site, eq(site.id, destinationEvent.siteId))
    .where(and(...where))
    .orderBy(asc(destinationEvent.startsOn), asc(destinationEvent.title));
  return rows.map(({ e, regionName, siteName }) => ({
    id: e.id,
    title: e.title,
    kind: e.kind,
    season: e.season,
    startsOn: e.startsOn,
    endsOn: e.endsOn,
    regionCode: e.regionCode,
    regionName,
    siteId: e.siteId,
    siteName,
    notes: e.notes,
  }));
}

export async function listEvents(options: { db: DbOrTx; actor: Actor; programmeId: string; from?: string; to?: string } & DestinationFilter) {
  await authorizeProgramme(options.db, options.actor, options.programmeId, 'programme.read');
  const destination = await destinationOf(options.db, options.programmeId, options);
  return { items: await eventViews(options.db, options.programmeId, { from: options.from, to: options.to, destination }) };
}

export async function deleteEvent(options: { db: DbOrTx; actor: Actor; programmeId: string; eventId: string }): Promise<void> {
  const { db, actor, programmeId, eventId } = options;
  await authorizeProgramme(db, actor, programmeId, 'context.manage');
  const gone = await db.delete(destinationEvent).where(and(eq(destinationEvent.id, eventId), eq(destinationEvent.programmeId, programmeId))).returning({ id: destinationEvent.id });
  if (gone.length === 0) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'event' } });
}

/** Plans a session around an event of the same programme (or clears the link with `null`). */
export async function linkSessionEvent(options: { db: DbOrTx; actor: Actor; programmeId: string; sessionId: string; eventId: string | null }): Promise<{ sessionId: string; eventId: string | null }> {
  const { db, actor, programmeId, sessionId, eventId } = options;
  await authorizeProgramme(db, actor, programmeId, 'session.manage');
  const [s] = await db.select({ id: trainingSession.id }).from(trainingSession).where(and(eq(trainingSession.id, sessionId), eq(trainingSession.programmeId, programmeId)));
  if (!s) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'session' } });
  if (eventId === null) {
    await db.delete(sessionEvent).where(eq(sessionEvent.sessionId, sessionId));
    return { sessionId, eventId: null };
  }
  const [e] = await db.select({ id: destinationEvent.id }).from(destinationEvent).where(and(eq(destinationEvent.id, eventId), eq(destinationEvent.programmeId, programmeId)));
  if (!e) throw new AppError('validation', 'errors.validation', { fields: { eventId: 'errors.context.eventUnknown' } });
  await db.insert(sessionEvent).values({ sessionId, programmeId, eventId }).onConflictDoUpdate({ target: sessionEvent.sessionId, set: { eventId } });
  return { sessionId, eventId };
}

/**
 * The programme's calendar for a span of days: destination events with their season, and the
 * sessions (times and places only, no people), each with the event it was planned around.
 * Narrowed to one destination (a site, or a regency) when asked. Trainers see only the
 * sessions they run, as everywhere else.
 */
export async function programmeCalendar(options: { db: DbOrTx; actor: Actor; programmeId: string; from: string; to: string } & DestinationFilter) {
  const { db, actor, programmeId, from, to } = options;
  await authorizeProgramme(db, actor, programmeId, 'session.read');
  if (to < from) throw new AppError('validation', 'errors.validation', { fields: { to: 'errors.field.endBeforeStart' } });
  const destination = await destinationOf(db, programmeId, options);
  const events = await eventViews(db, programmeId, { from, to, destination });
  const where = [
    eq(trainingSession.programmeId, programmeId),
    sql`(${trainingSession.startsAt} AT TIME ZONE 'Asia/Jakarta')::date <= ${to}::date`,
    sql`(${trainingSession.endsAt} AT TIME ZONE 'Asia/Jakarta')::date >= ${from}::date`,
  ];
  if (destination?.siteId) where.push(eq(trainingSession.siteId, destination.siteId));
  else if (destination) where.push(sql`left(${site.regionCode}, 5) = ${destination.regionCode}`);
  if (actor.role === 'trainer') where.push(sql`exists (select 1 from ${sessionTrainer} where ${sessionTrainer.sessionId} = ${trainingSession.id} and ${sessionTrainer.userId} = ${actor.userId})`);
  const sessions = await db
    .select({
      id: trainingSession.id,
      title: trainingSession.title,
      startsAt: trainingSession.startsAt,
      endsAt: trainingSession.endsAt,
      status: trainingSession.status,
      siteId: trainingSession.siteId,
      siteName: site.name,
      eventId: sessionEvent.eventId,
    })
    .from(trainingSession)
    .innerJoin(site, eq(site.id, trainingSession.siteId))
    .leftJoin(sessionEvent, eq(sessionEvent.sessionId, trainingSession.id))
    .where(and(...where))
    .orderBy(asc(trainingSession.startsAt));
  return {
    from,
    to,
    events,
    sessions: sessions.map((s) => ({ ...s, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), eventId: s.eventId ?? null })),
  };
}
