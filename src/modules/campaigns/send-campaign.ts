import { and, asc, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../core/app-error.ts';
import { renderTemplate, withCheckInNote } from '../../core/message-template.ts';
import { createRsvpToken } from '../../core/signed-token.ts';
import type { DbOrTx } from '../../db/client.ts';
import { campaign, campaignRecipient, contactOptOut, enrolment, msme, outboxMessage, person } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/service.ts';
import { messagingWithdrawn } from '../personal-data/consent.ts';
import { checkInPngFor } from '../attendance/service.ts';
import type { JobContext } from '../jobs/runner.ts';
import type { Channel } from '../outbox/adapters.ts';
import type { Personalise } from '../outbox/worker.ts';
import { participantFilterConditions } from '../sessions/roster.ts';
import { campaignFilter, type CampaignFilter } from './schema.ts';
import { loadTarget, templateValues } from './target.ts';

export const SEND_CAMPAIGN = 'campaign.send';
const payload = z.object({ campaignId: z.uuid() });

/** Left in a stored message where the personal RSVP link goes; signed in when the message is sent. */
export const LINK_SLOT = '{{tautan}}';

type CampaignRow = typeof campaign.$inferSelect;

/** The recipient's address for a channel (email, or the phone number still encrypted); the `log` channel needs none. */
export function addressFor(channel: Channel): SQL {
  switch (channel) {
    case 'email':
      return sql`${person.email}`;
    case 'whatsapp':
    case 'sms':
      return sql`${person.phoneCipher}`;
    case 'log':
      return sql`coalesce(${person.phoneCipher}, ${person.email}, 'log')`;
  }
}

/** Opted out through an invitation link, or messaging consent withdrawn in the consent ledger. */
const optedOut = sql`(exists (select 1 from ${contactOptOut} where ${contactOptOut.personId} = ${enrolment.personId}) or ${messagingWithdrawn(sql`${enrolment.personId}`)})`;

/** From/where of the people a filter picks (enrolment ⋈ person ⟕ msme). */
function pickedFrom(programmeId: string, filter: CampaignFilter): SQL {
  return sql`from ${enrolment} join ${person} on ${person.id} = ${enrolment.personId} left join ${msme} on ${msme.id} = ${enrolment.msmeId}
    where ${sql.join(participantFilterConditions(programmeId, filter), sql` and `)}`;
}

/** How many the filter picks, and how many of them will be skipped (opted out, no address for the channel). */
export async function countRecipients(db: DbOrTx, programmeId: string, filter: CampaignFilter, channel: Channel) {
  const result = await db.execute<{ matched: number; opted_out: number; no_address: number }>(sql`
    select count(*)::int as matched,
           count(*) filter (where ${optedOut})::int as opted_out,
           count(*) filter (where not ${optedOut} and ${addressFor(channel)} is null)::int as no_address
    ${pickedFrom(programmeId, filter)}`);
  const [row] = (result as unknown as { rows: { matched: number; opted_out: number; no_address: number }[] }).rows;
  const matched = Number(row?.matched ?? 0);
  const skipped = { opted_out: Number(row?.opted_out ?? 0), no_address: Number(row?.no_address ?? 0) };
  return { matched, recipients: matched - skipped.opted_out - skipped.no_address, skipped };
}

/** The first person a filter picks who will get a message, for a preview. */
export async function firstRecipient(db: DbOrTx, programmeId: string, filter: CampaignFilter, channel: Channel) {
  const result = await db.execute<{ name: string; business_name: string | null }>(sql`
    select ${person.name} as name, ${msme.businessName} as business_name
    ${pickedFrom(programmeId, filter)} and not ${optedOut} and ${addressFor(channel)} is not null
    order by ${enrolment.seq} limit 1`);
  const [row] = (result as unknown as { rows: { name: string; business_name: string | null }[] }).rows;
  return row ? { name: row.name, businessName: row.business_name } : null;
}

/** Writes the campaign's recipients (idempotent: a person is chosen once per campaign). */
async function writeRecipients(db: DbOrTx, c: CampaignRow): Promise<void> {
  const filter = campaignFilter.parse(c.filter);
  const address = addressFor(c.channel);
  await db.execute(sql`
    insert into ${campaignRecipient} (id, programme_id, campaign_id, person_id, address, skip_reason)
    select gen_random_uuid(), ${enrolment.programmeId}, ${c.id}::uuid, ${enrolment.personId}, ${address},
           case when ${optedOut} then 'opted_out'::recipient_skip when ${address} is null then 'no_address'::recipient_skip end
    ${pickedFrom(c.programmeId, filter)}
    on conflict (campaign_id, person_id) do nothing`);
}

const CHUNK = 1000;

/** The invitation's text for a channel: the template, then where the personal check-in QR is (see `withCheckInNote`). */
export function invitationTemplate(template: string, channel: Channel): string {
  return withCheckInNote(template, channel === 'email' ? 'email' : 'text');
}

/**
 * The durable job behind "send": chooses the recipients, then writes one outbox message per
 * recipient who can be reached, in chunks. Every step is idempotent (unique recipient per
 * campaign, unique idempotency key per message), so a job killed anywhere is simply run again.
 */
export async function runCampaignSend(context: JobContext): Promise<Record<string, unknown>> {
  const { campaignId } = payload.parse(context.job.payload);
  const db = context.database.db;
  const [c] = await db.select().from(campaign).where(eq(campaign.id, campaignId));
  if (!c) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'campaign' } });
  const target = await loadTarget(db, c.programmeId, c);
  const template = invitationTemplate(c.template, c.channel);

  await context.phase('recipients');
  await writeRecipients(db, c);

  await context.phase('messages');
  const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(campaignRecipient).where(and(eq(campaignRecipient.campaignId, c.id), isNull(campaignRecipient.skipReason)));
  let after = '00000000-0000-0000-0000-000000000000';
  let done = 0;
  for (;;) {
    const rows = await db
      .select({ id: campaignRecipient.id, address: campaignRecipient.address, name: person.name, businessName: msme.businessName })
      .from(campaignRecipient)
      .innerJoin(person, eq(person.id, campaignRecipient.personId))
      .leftJoin(msme, eq(msme.key, person.key))
      .where(and(eq(campaignRecipient.campaignId, c.id), isNull(campaignRecipient.skipReason), gt(campaignRecipient.id, after)))
      .orderBy(asc(campaignRecipient.id))
      .limit(CHUNK);
    if (rows.length === 0) break;
    await db
      .insert(outboxMessage)
      .values(
        rows.map((r) => {
          const values = templateValues(target, r, LINK_SLOT);
          return {
            programmeId: c.programmeId,
            campaignId: c.id,
            recipientId: r.id,
            channel: c.channel,
            address: r.address ?? '',
            subject: c.channel === 'email' ? renderTemplate(c.subject, values) : null,
            body: renderTemplate(template, values),
            idempotencyKey: `campaign-recipient-${r.id}`,
          };
        }),
      )
      .onConflictDoNothing();
    after = rows.at(-1)?.id ?? after;
    done += rows.length;
    await context.progress({ done, total: Number(total?.n ?? 0), unit: 'messages' });
  }

  const stats = await db.execute<{ recipients: number; opted_out: number; no_address: number }>(sql`
    select count(*)::int as recipients, count(*) filter (where skip_reason = 'opted_out')::int as opted_out, count(*) filter (where skip_reason = 'no_address')::int as no_address
    from ${campaignRecipient} where campaign_id = ${c.id}`);
  const [counts] = (stats as unknown as { rows: { recipients: number; opted_out: number; no_address: number }[] }).rows;
  const result = { recipients: Number(counts?.recipients ?? 0), queued: done, optedOut: Number(counts?.opted_out ?? 0), noAddress: Number(counts?.no_address ?? 0) };
  await db.transaction(async (tx) => {
    await tx.update(campaign).set({ status: 'sent', sentAt: new Date(), updatedAt: new Date() }).where(eq(campaign.id, c.id));
    await recordAudit(tx, { actorUserId: c.sentBy, action: 'campaign.sent', entityType: 'campaign', entityId: c.id, programmeId: c.programmeId, details: result });
  });
  return result;
}

/** The Content-ID of the check-in QR inside an invitation email (ids only, no personal data). */
export const checkInImageCid = (messageId: string) => `qr-kehadiran-${messageId}@berdaya`;

/**
 * Signs each campaign message's personal RSVP link in at sending time, so that no live token
 * is stored: the link is `<base>/rsvp#<token>` (a URL fragment never reaches a server or its logs).
 * An email also gets the participant's check-in QR as an inline PNG (the text says it is below).
 */
export function campaignPersonaliser(secret: string): Personalise {
  const campaigns = new Map<string, { linkBase: string; expiresAt: Date; programmeId: string }>();
  return async (db, row) => {
    if (!row.campaignId || !row.recipientId) return { subject: row.subject, body: row.body };
    let info = campaigns.get(row.campaignId);
    if (!info) {
      const [c] = await db.select({ linkBase: campaign.linkBase, expiresAt: campaign.rsvpExpiresAt, programmeId: campaign.programmeId }).from(campaign).where(eq(campaign.id, row.campaignId));
      info = { linkBase: (c?.linkBase ?? '').replace(/\/+$/, ''), expiresAt: c?.expiresAt ?? new Date(), programmeId: c?.programmeId ?? row.programmeId };
      campaigns.set(row.campaignId, info);
    }
    const link = `${info.linkBase}/rsvp#${createRsvpToken(secret, { recipientId: row.recipientId, expiresAt: info.expiresAt })}`;
    const text = { subject: row.subject?.replaceAll(LINK_SLOT, link) ?? null, body: row.body.replaceAll(LINK_SLOT, link) };
    if (row.channel !== 'email') return text;
    const [recipient] = await db.select({ personId: campaignRecipient.personId }).from(campaignRecipient).where(eq(campaignRecipient.id, row.recipientId));
    if (!recipient) throw new Error('campaign recipient not found');
    const content = await checkInPngFor(secret, { personId: recipient.personId, programmeId: info.programmeId });
    return { ...text, images: [{ cid: checkInImageCid(row.id), filename: 'qr-kehadiran.png', contentType: 'image/png', content, alt: 'Kode QR kehadiran' }] };
  };
}

export type Personaliser = ReturnType<typeof campaignPersonaliser>;
