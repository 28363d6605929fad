import { and, asc, eq, ne } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import type { TemplateValues } from '../../core/message-template.ts';
import { formatLocalRange } from '../../core/time-zone.ts';
import type { DbOrTx } from '../../db/client.ts';
import { cohort, site, trainingSession } from '../../db/schema/index.ts';
import { translate, type Locale } from '../../server/i18n.ts';
import { siteTimeZone } from '../sessions/service.ts';

export type TargetSession = typeof trainingSession.$inferSelect & { siteName: string; regionCode: string };

/** What a campaign invites to: one session, or the (not cancelled) sessions of a cohort. */
export type CampaignTarget = { kind: 'session' | 'cohort'; id: string; title: string; sessions: TargetSession[] };

/** Loads and checks a campaign's target in its programme. */
export async function loadTarget(db: DbOrTx, programmeId: string, target: { sessionId?: string | null; cohortId?: string | null }): Promise<CampaignTarget> {
  const columns = { session: trainingSession, siteName: site.name, regionCode: site.regionCode };
  if (target.sessionId) {
    const [row] = await db.select(columns).from(trainingSession).innerJoin(site, eq(site.id, trainingSession.siteId)).where(and(eq(trainingSession.id, target.sessionId), eq(trainingSession.programmeId, programmeId)));
    if (!row) throw new AppError('validation', 'errors.validation', { fields: { sessionId: 'errors.field.sessionUnknown' } });
    return { kind: 'session', id: row.session.id, title: row.session.title, sessions: [{ ...row.session, siteName: row.siteName, regionCode: row.regionCode }] };
  }
  const [c] = await db.select().from(cohort).where(and(eq(cohort.id, target.cohortId ?? ''), eq(cohort.programmeId, programmeId)));
  if (!c) throw new AppError('validation', 'errors.validation', { fields: { cohortId: 'errors.field.cohortUnknown' } });
  const rows = await db
    .select(columns)
    .from(trainingSession)
    .innerJoin(site, eq(site.id, trainingSession.siteId))
    .where(and(eq(trainingSession.cohortId, c.id), ne(trainingSession.status, 'cancelled')))
    .orderBy(asc(trainingSession.startsAt));
  return { kind: 'cohort', id: c.id, title: c.name, sessions: rows.map((r) => ({ ...r.session, siteName: r.siteName, regionCode: r.regionCode })) };
}

/** Invitations only for what is still ahead: not cancelled, not done, not over. */
export function assertInvitable(target: CampaignTarget, now: Date = new Date()): void {
  const open = target.sessions.filter((s) => s.status === 'planned' || s.status === 'open');
  if (open.length === 0 || open.every((s) => s.endsAt <= now)) throw new AppError('conflict', 'errors.campaign.targetClosed', { params: { title: target.title } });
}

/** When RSVP links stop working: the end of the (last) session. */
export function rsvpExpiry(target: CampaignTarget): Date {
  const last = target.sessions.reduce<Date | null>((latest, s) => (!latest || s.endsAt > latest ? s.endsAt : latest), null);
  return last ?? new Date();
}

export function placeOf(session: TargetSession, locale: Locale): string {
  const here = session.venue ? `${session.siteName}, ${session.venue}` : session.siteName;
  if (session.modality === 'in_person') return here;
  if (session.modality === 'online') return translate(locale, 'campaign.place.online', { url: session.meetingUrl ?? '' });
  return translate(locale, 'campaign.place.hybrid', { place: here, url: session.meetingUrl ?? '' });
}

export function whenOf(target: CampaignTarget, locale: Locale): string {
  const first = target.sessions[0];
  if (!first) return '';
  const when = formatLocalRange(first.startsAt, first.endsAt, siteTimeZone(first.regionCode), locale);
  return target.sessions.length > 1 ? translate(locale, 'campaign.moreSessions', { when, count: target.sessions.length - 1 }) : when;
}

/** The placeholder values for one person (the link is filled in at sending time). */
export function templateValues(target: CampaignTarget, person: { name: string; businessName: string | null }, link: string, locale: Locale = 'id'): TemplateValues {
  const first = target.sessions[0];
  return {
    nama: person.name,
    usaha: person.businessName ?? translate(locale, 'campaign.yourBusiness'),
    sesi: target.title,
    tanggal: whenOf(target, locale),
    tempat: first ? placeOf(first, locale) : '',
    tautan: link,
  };
}
