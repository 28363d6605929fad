import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { AppError } from '../../core/app-error.ts';
import { PLACEHOLDERS, renderTemplate, unknownPlaceholders } from '../../core/message-template.ts';
import { createRsvpToken } from '../../core/signed-token.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { campaign, campaignRecipient, cohort, outboxMessage, person, trainingSession } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { recordAudit } from '../audit/service.ts';
import { enqueueJob } from '../jobs/service.ts';
import { channelAvailability, type Channel } from '../outbox/adapters.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import { readAddress } from '../personal-data/values.ts';
import { campaignFilter, type CampaignFilter, type CampaignPreview, type CampaignView, type CreateCampaignInput, type UpdateCampaignInput } from './schema.ts';
import { countRecipients, firstRecipient, invitationTemplate, SEND_CAMPAIGN } from './send-campaign.ts';
import { assertInvitable, loadTarget, rsvpExpiry, templateValues } from './target.ts';

type CampaignRow = typeof campaign.$inferSelect;

function campaignNotFound(): AppError {
  return new AppError('not_found', 'errors.notFound', { params: { entity: 'campaign' } });
}

/** A campaign the caller may manage; one in a programme they may not manage is not found. */
async function authorizeCampaign(db: DbOrTx, actor: SessionActor, campaignId: string): Promise<CampaignRow> {
  const [row] = await db.select().from(campaign).where(eq(campaign.id, campaignId));
  if (!row) throw campaignNotFound();
  try {
    await authorizeProgramme(db, actor, row.programmeId, 'campaign.manage');
  } catch (error) {
    if (error instanceof AppError && (error.code === 'forbidden' || error.code === 'not_found')) throw campaignNotFound();
    throw error;
  }
  return row;
}

function assertChannel(config: Config, channel: Channel): void {
  const availability = channelAvailability(config)[channel];
  if (!availability.available) throw new AppError('validation', 'errors.validation', { fields: { channel: 'errors.campaign.channelNotConfigured' }, params: { variable: availability.variable ?? '' } });
}

function assertPlaceholders(fields: { template?: string; subject?: string }): void {
  for (const field of ['template', 'subject'] as const) {
    const text = fields[field];
    const unknown = text ? unknownPlaceholders(text) : [];
    if (unknown.length) {
      throw new AppError('validation', 'errors.validation', {
        fields: { [field]: 'errors.campaign.unknownPlaceholder' },
        params: { names: unknown.map((n) => `{{${n}}}`).join(', '), known: PLACEHOLDERS.map((n) => `{{${n}}}`).join(' ') },
      });
    }
  }
}

async function views(db: DbOrTx, rows: CampaignRow[]): Promise<CampaignView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const recipientStats = await db
    .select({
      id: campaignRecipient.campaignId,
      recipients: sql<number>`count(*)::int`,
      optedOut: sql<number>`count(*) filter (where ${campaignRecipient.skipReason} = 'opted_out')::int`,
      noAddress: sql<number>`count(*) filter (where ${campaignRecipient.skipReason} = 'no_address')::int`,
      yes: sql<number>`count(*) filter (where ${campaignRecipient.rsvp} = 'yes')::int`,
      no: sql<number>`count(*) filter (where ${campaignRecipient.rsvp} = 'no')::int`,
    })
    .from(campaignRecipient)
    .where(inArray(campaignRecipient.campaignId, ids))
    .groupBy(campaignRecipient.campaignId);
  const delivery = await db
    .select({ id: outboxMessage.campaignId, status: outboxMessage.status, n: sql<number>`count(*)::int` })
    .from(outboxMessage)
    .where(inArray(outboxMessage.campaignId, ids))
    .groupBy(outboxMessage.campaignId, outboxMessage.status);
  const sessionIds = rows.map((r) => r.sessionId).filter((v): v is string => Boolean(v));
  const cohortIds = rows.map((r) => r.cohortId).filter((v): v is string => Boolean(v));
  const titles = new Map<string, string>([
    ...(sessionIds.length ? await db.select({ id: trainingSession.id, title: trainingSession.title }).from(trainingSession).where(inArray(trainingSession.id, sessionIds)) : []).map((s) => [s.id, s.title] as const),
    ...(cohortIds.length ? await db.select({ id: cohort.id, title: cohort.name }).from(cohort).where(inArray(cohort.id, cohortIds)) : []).map((c) => [c.id, c.title] as const),
  ]);
  return rows.map((r) => {
    const stats = recipientStats.find((s) => s.id === r.id);
    const byStatus = (status: string) => Number(delivery.find((d) => d.id === r.id && d.status === status)?.n ?? 0);
    const recipients = Number(stats?.recipients ?? 0);
    const targetId = (r.sessionId ?? r.cohortId) as string;
    return {
      id: r.id,
      programmeId: r.programmeId,
      name: r.name,
      target: { kind: r.sessionId ? 'session' : 'cohort', id: targetId, title: titles.get(targetId) ?? '' },
      channel: r.channel,
      subject: r.subject,
      template: r.template,
      filter: campaignFilter.parse(r.filter),
      status: r.status,
      rsvpExpiresAt: r.rsvpExpiresAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
      sentAt: r.sentAt?.toISOString() ?? null,
      jobId: r.jobId,
      stats: {
        recipients,
        skipped: { opted_out: Number(stats?.optedOut ?? 0), no_address: Number(stats?.noAddress ?? 0) },
        delivery: { queued: byStatus('queued'), sending: byStatus('sending'), sent: byStatus('sent'), failed: byStatus('failed'), unknown: byStatus('unknown'), cancelled: byStatus('cancelled') },
        rsvp: { yes: Number(stats?.yes ?? 0), no: Number(stats?.no ?? 0), none: recipients - Number(stats?.yes ?? 0) - Number(stats?.no ?? 0) },
      },
    } satisfies CampaignView;
  });
}

async function viewOf(db: DbOrTx, row: CampaignRow): Promise<CampaignView> {
  const [view] = await views(db, [row]);
  if (!view) throw campaignNotFound();
  return view;
}

export async function listCampaigns(options: { db: Db; actor: SessionActor; programmeId: string }) {
  const { db, actor, programmeId } = options;
  await authorizeProgramme(db, actor, programmeId, 'campaign.manage');
  const rows = await db.select().from(campaign).where(eq(campaign.programmeId, programmeId)).orderBy(desc(campaign.createdAt)).limit(500);
  const items = await views(db, rows);
  return { items, total: items.length };
}

export async function getCampaign(options: { db: Db; actor: SessionActor; campaignId: string }): Promise<CampaignView> {
  return viewOf(options.db, await authorizeCampaign(options.db, options.actor, options.campaignId));
}

export async function createCampaign(options: { db: Db; config: Config; actor: SessionActor; programmeId: string; input: CreateCampaignInput }): Promise<CampaignView> {
  const { db, config, actor, programmeId, input } = options;
  return db.transaction(async (tx) => {
    await authorizeProgramme(tx, actor, programmeId, 'campaign.manage');
    const target = await loadTarget(tx, programmeId, input);
    assertInvitable(target);
    assertChannel(config, input.channel);
    assertPlaceholders(input);
    const [row] = await tx
      .insert(campaign)
      .values({
        programmeId,
        sessionId: input.sessionId ?? null,
        cohortId: input.cohortId ?? null,
        name: input.name,
        channel: input.channel,
        subject: input.subject,
        template: input.template,
        filter: input.filter,
        createdBy: actor.userId,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, { actorUserId: actor.userId, action: 'campaign.create', entityType: 'campaign', entityId: row.id, programmeId, details: { channel: input.channel, target: target.kind, targetId: target.id } });
    return viewOf(tx, row);
  });
}

function assertDraft(row: CampaignRow): void {
  if (row.status !== 'draft') throw new AppError('conflict', 'errors.campaign.alreadySent');
}

export async function updateCampaign(options: { db: Db; config: Config; actor: SessionActor; campaignId: string; input: UpdateCampaignInput }): Promise<CampaignView> {
  const { db, config, actor, campaignId, input } = options;
  return db.transaction(async (tx) => {
    const row = await authorizeCampaign(tx, actor, campaignId);
    assertDraft(row);
    if (input.channel) assertChannel(config, input.channel);
    assertPlaceholders(input);
    const [updated] = await tx
      .update(campaign)
      .set({ ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)), updatedAt: new Date() })
      .where(eq(campaign.id, campaignId))
      .returning();
    await recordAudit(tx, { actorUserId: actor.userId, action: 'campaign.update', entityType: 'campaign', entityId: campaignId, programmeId: row.programmeId, details: { fields: Object.keys(input) } });
    return viewOf(tx, updated ?? row);
  });
}

/** How many will get the message, who is skipped and why, and one rendered message (with an example link). */
async function preview(db: DbOrTx, programmeId: string, fields: { sessionId?: string | null; cohortId?: string | null; channel: Channel; subject: string; template: string; filter: CampaignFilter }, linkBase: string): Promise<CampaignPreview> {
  assertPlaceholders(fields);
  const target = await loadTarget(db, programmeId, fields);
  const counts = await countRecipients(db, programmeId, fields.filter, fields.channel);
  const first = await firstRecipient(db, programmeId, fields.filter, fields.channel);
  const example = `${linkBase.replace(/\/+$/, '')}/rsvp#${createRsvpToken('contoh', { recipientId: randomUUID(), expiresAt: rsvpExpiry(target) })}`;
  const values = first ? templateValues(target, first, example) : null;
  return {
    ...counts,
    sample: values ? { subject: fields.channel === 'email' ? renderTemplate(fields.subject, values) : null, body: renderTemplate(invitationTemplate(fields.template, fields.channel), values) } : null,
    placeholders: [...PLACEHOLDERS],
  };
}

export async function previewNewCampaign(options: { db: Db; actor: SessionActor; programmeId: string; input: CreateCampaignInput; linkBase: string }): Promise<CampaignPreview> {
  await authorizeProgramme(options.db, options.actor, options.programmeId, 'campaign.manage');
  return preview(options.db, options.programmeId, options.input, options.linkBase);
}

export async function previewCampaign(options: { db: Db; actor: SessionActor; campaignId: string; linkBase: string }): Promise<CampaignPreview> {
  const row = await authorizeCampaign(options.db, options.actor, options.campaignId);
  return preview(options.db, row.programmeId, { ...row, filter: campaignFilter.parse(row.filter) }, row.linkBase ?? options.linkBase);
}

/**
 * Sends a draft: fixes the link base and the RSVP expiry, and queues the durable job that writes
 * one outbox message per recipient. Sending twice is refused (409), so a double click sends once.
 */
export async function sendCampaign(options: { db: Db; config: Config; actor: SessionActor; campaignId: string; linkBase: string }): Promise<CampaignView> {
  const { db, config, actor, campaignId } = options;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from ${campaign} where ${campaign.id} = ${campaignId} for update`);
    const row = await authorizeCampaign(tx, actor, campaignId);
    assertDraft(row);
    assertChannel(config, row.channel);
    const target = await loadTarget(tx, row.programmeId, row);
    assertInvitable(target);
    const job = await enqueueJob(tx, { kind: SEND_CAMPAIGN, programmeId: row.programmeId, payload: { campaignId }, createdBy: actor.userId });
    const [updated] = await tx
      .update(campaign)
      .set({ status: 'queued', linkBase: config.publicUrl ?? options.linkBase, rsvpExpiresAt: rsvpExpiry(target), jobId: job.id, sentBy: actor.userId, updatedAt: new Date() })
      .where(eq(campaign.id, campaignId))
      .returning();
    await recordAudit(tx, { actorUserId: actor.userId, action: 'campaign.send', entityType: 'campaign', entityId: campaignId, programmeId: row.programmeId, details: { channel: row.channel, jobId: job.id } });
    return viewOf(tx, updated ?? row);
  });
}

/** Per-recipient delivery and RSVP, in recipient order (keyset paging). */
export async function listRecipients(options: { db: Db; actor: SessionActor; campaignId: string; query: { delivery?: string; rsvp?: string; cursor?: string; limit: number } }) {
  const { db, actor, campaignId, query } = options;
  await authorizeCampaign(db, actor, campaignId);
  const conditions: (SQL | undefined)[] = [eq(campaignRecipient.campaignId, campaignId), query.cursor ? gt(campaignRecipient.id, query.cursor) : undefined];
  if (query.delivery === 'skipped') conditions.push(isNotNull(campaignRecipient.skipReason));
  else if (query.delivery) conditions.push(eq(outboxMessage.status, query.delivery as (typeof outboxMessage.$inferSelect)['status']));
  if (query.rsvp === 'none') conditions.push(isNull(campaignRecipient.rsvp));
  else if (query.rsvp) conditions.push(eq(campaignRecipient.rsvp, query.rsvp as 'yes' | 'no'));
  const rows = await db
    .select({ recipient: campaignRecipient, name: person.name, message: outboxMessage })
    .from(campaignRecipient)
    .innerJoin(person, eq(person.id, campaignRecipient.personId))
    .leftJoin(outboxMessage, and(eq(outboxMessage.recipientId, campaignRecipient.id), eq(outboxMessage.campaignId, campaignId)))
    .where(and(...conditions))
    .orderBy(asc(campaignRecipient.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((r) => ({
      recipientId: r.recipient.id,
      personId: r.recipient.personId,
      name: r.name,
      address: readAddress(r.recipient.address),
      skipReason: r.recipient.skipReason,
      delivery: r.message
        ? {
            messageId: r.message.id,
            status: r.message.status,
            attempts: r.message.attempts,
            lastError: r.message.lastError,
            nextAttemptAt: r.message.status === 'queued' ? r.message.nextAttemptAt.toISOString() : null,
            sentAt: r.message.sentAt?.toISOString() ?? null,
          }
        : null,
      rsvp: r.recipient.rsvp,
      rsvpAt: r.recipient.rsvpAt?.toISOString() ?? null,
      rsvpRoster: r.recipient.rsvpRoster,
    })),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.recipient.id ?? null) : null,
  };
}

/**
 * A manager's decision on a message whose delivery is `unknown` (the process stopped while the
 * provider had it) or `failed`: it did arrive (`sent`), send it again (`resend`), or give up (`failed`).
 */
export async function reviewMessage(options: { db: Db; actor: SessionActor; campaignId: string; messageId: string; decision: 'sent' | 'resend' | 'failed' }) {
  const { db, actor, campaignId, messageId, decision } = options;
  return db.transaction(async (tx) => {
    const row = await authorizeCampaign(tx, actor, campaignId);
    const [message] = await tx.select().from(outboxMessage).where(and(eq(outboxMessage.id, messageId), eq(outboxMessage.campaignId, campaignId)));
    if (!message) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'message' } });
    if (message.status !== 'unknown' && message.status !== 'failed') throw new AppError('conflict', 'errors.outbox.notReviewable');
    const now = new Date();
    const set =
      decision === 'sent'
        ? { status: 'sent' as const, sentAt: now }
        : decision === 'resend'
          ? { status: 'queued' as const, attempts: 0, nextAttemptAt: now }
          : { status: 'failed' as const };
    await tx.update(outboxMessage).set({ ...set, reviewedBy: actor.userId, reviewedAt: now, updatedAt: now }).where(eq(outboxMessage.id, messageId));
    await recordAudit(tx, { actorUserId: actor.userId, action: 'outbox.review', entityType: 'outbox_message', entityId: messageId, programmeId: row.programmeId, details: { decision, from: message.status } });
    return viewOf(tx, row);
  });
}

/**
 * A recipient's personal RSVP link, for an organiser who hands it over by other means (or a
 * demo on the `log` channel, where nothing is sent). Audited: the link lets its holder answer.
 */
export async function recipientLink(options: { db: Db; secret: string; actor: SessionActor; campaignId: string; recipientId: string; linkBase: string }) {
  const { db, secret, actor, campaignId, recipientId } = options;
  const row = await authorizeCampaign(db, actor, campaignId);
  const [recipient] = await db
    .select({ id: campaignRecipient.id })
    .from(campaignRecipient)
    .where(and(eq(campaignRecipient.campaignId, campaignId), eq(campaignRecipient.id, recipientId)));
  if (!recipient || !row.rsvpExpiresAt) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'campaign' } });
  const base = (row.linkBase ?? options.linkBase).replace(/\/+$/, '');
  await recordAudit(db, { actorUserId: actor.userId, action: 'campaign.recipient_link', entityType: 'campaign', entityId: campaignId, programmeId: row.programmeId, details: { recipientId } });
  return { url: `${base}/rsvp#${createRsvpToken(secret, { recipientId, expiresAt: row.rsvpExpiresAt })}`, expiresAt: row.rsvpExpiresAt.toISOString() };
}
