import { and, eq, inArray, notExists, sql } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { readRsvpToken } from '../../core/signed-token.ts';
import { formatLocalRange } from '../../core/time-zone.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { attendance, campaign, campaignRecipient, contactOptOut, outboxMessage, person, programme, sessionParticipant } from '../../db/schema/index.ts';
import { translate, type Locale } from '../../server/i18n.ts';
import { checkInCodeFor } from '../attendance/service.ts';
import { recordAudit } from '../audit/service.ts';
import { loadTarget, placeOf } from '../campaigns/target.ts';
import { addToRosters } from '../sessions/roster.ts';
import { siteTimeZone } from '../sessions/service.ts';
import { record as recordConsentRow } from '../personal-data/consent.ts';

type Recipient = typeof campaignRecipient.$inferSelect;
type Campaign = typeof campaign.$inferSelect;

/**
 * The recipient a link belongs to. A tampered or unknown token is invalid; an authentic but
 * expired one is refused too, except for opting out (a "stop" is always honoured).
 */
async function recipientOf(db: DbOrTx, secret: string, token: string, options: { allowExpired?: boolean } = {}): Promise<{ recipient: Recipient; campaign: Campaign }> {
  const read = readRsvpToken(secret, token);
  if (!read.ok) throw new AppError('validation', 'errors.validation', { fields: { token: 'errors.rsvp.invalid' } });
  if (read.expired && !options.allowExpired) throw new AppError('validation', 'errors.validation', { fields: { token: 'errors.rsvp.expired' } });
  const [row] = await db.select({ recipient: campaignRecipient, campaign }).from(campaignRecipient).innerJoin(campaign, eq(campaign.id, campaignRecipient.campaignId)).where(eq(campaignRecipient.id, read.recipientId));
  if (!row) throw new AppError('validation', 'errors.validation', { fields: { token: 'errors.rsvp.invalid' } });
  return row;
}

/** The invitation as the participant sees it on their phone: the session(s), their answer and their check-in QR. */
export async function getRsvp(options: { db: Db; secret: string; token: string; locale: Locale }) {
  const { db, secret, token, locale } = options;
  const { recipient, campaign: c } = await recipientOf(db, secret, token);
  const target = await loadTarget(db, c.programmeId, c);
  const [p] = await db.select({ name: person.name }).from(person).where(eq(person.id, recipient.personId));
  const [prog] = await db.select({ name: programme.name }).from(programme).where(eq(programme.id, c.programmeId));
  const [opt] = await db.select({ at: contactOptOut.createdAt }).from(contactOptOut).where(eq(contactOptOut.personId, recipient.personId));
  const code = await checkInCodeFor(secret, { personId: recipient.personId, programmeId: c.programmeId });
  return {
    programme: { name: prog?.name ?? '' },
    name: p?.name ?? '',
    invitation: { kind: target.kind, title: target.title },
    sessions: target.sessions.map((s) => ({
      title: s.title,
      when: formatLocalRange(s.startsAt, s.endsAt, siteTimeZone(s.regionCode), locale),
      place: placeOf(s, locale),
      modality: s.modality,
      modalityText: translate(locale, `session.modality.${s.modality}`),
      meetingUrl: s.modality === 'in_person' ? null : s.meetingUrl,
      status: s.status,
      statusText: translate(locale, `session.status.${s.status}`),
    })),
    answer: recipient.rsvp,
    answeredAt: recipient.rsvpAt?.toISOString() ?? null,
    optedOut: Boolean(opt),
    expiresAt: (c.rsvpExpiresAt ?? new Date()).toISOString(),
    checkIn: { token: code.token, svg: code.svg },
  };
}

type RosterEffect = 'added' | 'already' | 'full' | 'double_booked' | 'not_enrolled' | 'removed' | 'none';

/**
 * Records a yes or no. Yes puts the person on the roster of the session (all open sessions of a
 * cohort) with the usual capacity and double-booking rules; no takes them off where they have
 * not attended yet. The answer may be changed until the link expires.
 */
export async function answerRsvp(options: { db: Db; secret: string; token: string; answer: 'yes' | 'no'; locale: Locale }) {
  const { db, secret, token, answer, locale } = options;
  const roster = await db.transaction(async (tx): Promise<RosterEffect> => {
    const { recipient, campaign: c } = await recipientOf(tx, secret, token);
    const target = await loadTarget(tx, c.programmeId, c);
    const open = target.sessions.filter((s) => s.status === 'planned' || s.status === 'open');
    if (answer === 'yes' && open.length === 0) throw new AppError('conflict', 'errors.rsvp.closed', { params: { title: target.title } });
    let effect: RosterEffect = 'none';
    if (answer === 'yes') {
      const outcome = await addToRosters(tx, { programmeId: c.programmeId, sessionIds: open.map((s) => s.id), personIds: [recipient.personId], source: 'rsvp', addedBy: null });
      effect = outcome.added.length ? 'added' : outcome.already.length ? 'already' : (outcome.refused[0]?.reason ?? 'none');
    } else if (open.length) {
      const removed = await tx
        .delete(sessionParticipant)
        .where(
          and(
            inArray(sessionParticipant.sessionId, open.map((s) => s.id)),
            eq(sessionParticipant.personId, recipient.personId),
            notExists(sql`(select 1 from ${attendance} where ${attendance.sessionId} = ${sessionParticipant.sessionId} and ${attendance.personId} = ${sessionParticipant.personId})`),
          ),
        )
        .returning({ id: sessionParticipant.sessionId });
      effect = removed.length ? 'removed' : 'none';
    }
    await tx.update(campaignRecipient).set({ rsvp: answer, rsvpAt: new Date(), rsvpRoster: effect }).where(eq(campaignRecipient.id, recipient.id));
    await recordAudit(tx, { actorUserId: null, action: 'rsvp.answer', entityType: 'campaign', entityId: c.id, programmeId: c.programmeId, details: { recipientId: recipient.id, answer, roster: effect } });
    return effect;
  });
  return { answer, roster, message: translate(locale, `rsvp.result.${roster}`) };
}

/** Stops every later invitation to this person (all programmes) and cancels those still waiting in the outbox. */
export async function optOut(options: { db: Db; secret: string; token: string; locale: Locale }) {
  const { db, secret, token, locale } = options;
  await db.transaction(async (tx) => {
    const { recipient, campaign: c } = await recipientOf(tx, secret, token, { allowExpired: true });
    await tx.insert(contactOptOut).values({ personId: recipient.personId, campaignId: c.id }).onConflictDoNothing();
    const cancelled = await tx
      .update(outboxMessage)
      .set({ status: 'cancelled', lastError: 'opted_out', updatedAt: new Date() })
      .where(and(eq(outboxMessage.status, 'queued'), inArray(outboxMessage.recipientId, tx.select({ id: campaignRecipient.id }).from(campaignRecipient).where(eq(campaignRecipient.personId, recipient.personId)))))
      .returning({ id: outboxMessage.id });
    await recordAudit(tx, { actorUserId: null, action: 'contact.opt_out', entityType: 'person', entityId: recipient.personId, programmeId: c.programmeId, details: { campaignId: c.id, cancelledMessages: cancelled.length } });
    // The opt-out is also a withdrawal of messaging consent in the consent ledger (source: the RSVP page).
    await recordConsentRow(tx, { personId: recipient.personId, purpose: 'messaging', granted: false, source: 'rsvp', wordingVersion: 'rsvp-opt-out', programmeId: c.programmeId });
  });
  return { optedOut: true as const, message: translate(locale, 'rsvp.optedOut') };
}
