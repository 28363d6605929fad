import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import type { DbOrTx } from '../../db/client.ts';
import { appUser, campaignRecipient, consentRecord, organisation, outboxMessage, programme } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { recordAudit } from '../audit/service.ts';
import { authorizePerson } from './access.ts';
import type { ConsentInput, ConsentView } from './schema.ts';

/**
 * Whether a person (an SQL expression for their id) has withdrawn messaging consent: their
 * latest messaging record says no. Messaging consent is national: withdrawing it through any
 * programme stops messages of every programme.
 */
export function messagingWithdrawn(personId: SQL | string): SQL {
  const id = typeof personId === 'string' ? sql`${personId}::uuid` : personId;
  return sql`coalesce((select c.granted from ${consentRecord} c where c.person_id = ${id} and c.purpose = 'messaging'
    order by c.recorded_at desc, c.id desc limit 1), true) = false`;
}

/** Whether a person allows (or never refused) sharing their data with the partner organisation. */
export function partnerSharingWithdrawn(personId: SQL, organisationId: string): SQL {
  return sql`coalesce((select c.granted from ${consentRecord} c where c.person_id = ${personId} and c.purpose = 'partner_sharing'
    and c.partner_organisation_id = ${organisationId}::uuid order by c.recorded_at desc, c.id desc limit 1), true) = false`;
}

/** A person's consent history, newest first, and the current state per purpose (and programme, partner). */
export async function listConsents(options: { db: DbOrTx; actor: SessionActor; personId: string }): Promise<{ current: ConsentView[]; history: ConsentView[] }> {
  const { db, actor, personId } = options;
  await authorizePerson(db, actor, personId, 'consent.read');
  const rows = await db
    .select({ record: consentRecord, programmeCode: programme.code, partnerName: organisation.name, recorderName: appUser.name })
    .from(consentRecord)
    .leftJoin(programme, eq(programme.id, consentRecord.programmeId))
    .leftJoin(organisation, eq(organisation.id, consentRecord.partnerOrganisationId))
    .leftJoin(appUser, eq(appUser.id, consentRecord.recordedBy))
    .where(eq(consentRecord.personId, personId))
    .orderBy(desc(consentRecord.recordedAt), desc(consentRecord.id));
  const history = rows.map(
    (r): ConsentView => ({
      id: r.record.id,
      purpose: r.record.purpose,
      granted: r.record.granted,
      source: r.record.source,
      wordingVersion: r.record.wordingVersion,
      programme: r.record.programmeId ? { id: r.record.programmeId, code: r.programmeCode ?? '' } : null,
      partner: r.record.partnerOrganisationId ? { id: r.record.partnerOrganisationId, name: r.partnerName ?? '' } : null,
      recordedAt: r.record.recordedAt.toISOString(),
      recordedBy: r.record.recordedBy ? { id: r.record.recordedBy, name: r.recorderName ?? '' } : null,
    }),
  );
  const seen = new Set<string>();
  const current = history.filter((c) => {
    const scope = `${c.purpose}|${c.purpose === 'programme_participation' ? (c.programme?.id ?? '') : ''}|${c.partner?.id ?? ''}`;
    if (seen.has(scope)) return false;
    seen.add(scope);
    return true;
  });
  return { current, history };
}

/**
 * Records consent given or withdrawn. Withdrawing messaging consent cancels the person's
 * messages still waiting in the outbox at once (a message already handed to a provider cannot
 * be called back); the delivery loop checks again before each send.
 */
export async function recordConsent(options: { db: DbOrTx; actor: SessionActor | null; personId: string; input: ConsentInput }): Promise<{ cancelledMessages: number }> {
  const { db, actor, personId, input } = options;
  if (actor) await authorizePerson(db, actor, personId, 'consent.record');
  if (input.purpose === 'partner_sharing') {
    if (!input.partnerOrganisationId) throw new AppError('validation', 'errors.validation', { fields: { partnerOrganisationId: 'errors.consent.partnerRequired' } });
    const [org] = await db.select({ id: organisation.id }).from(organisation).where(eq(organisation.id, input.partnerOrganisationId));
    if (!org) throw new AppError('validation', 'errors.validation', { fields: { partnerOrganisationId: 'errors.consent.partnerUnknown' } });
  }
  if (input.purpose === 'programme_participation' && !input.programmeId) {
    throw new AppError('validation', 'errors.validation', { fields: { programmeId: 'errors.consent.programmeRequired' } });
  }
  return record(db, {
    personId,
    purpose: input.purpose,
    granted: input.granted,
    source: input.source,
    wordingVersion: input.wordingVersion,
    programmeId: input.programmeId ?? null,
    partnerOrganisationId: input.purpose === 'partner_sharing' ? (input.partnerOrganisationId ?? null) : null,
    recordedBy: actor?.userId ?? null,
  });
}

type ConsentRow = typeof consentRecord.$inferInsert;

/** Writes one ledger row (and its audit event) without an authorisation check: for callers that already hold one (RSVP link). */
export async function record(db: DbOrTx, row: ConsentRow): Promise<{ cancelledMessages: number }> {
  await db.insert(consentRecord).values(row);
  let cancelled = 0;
  if (row.purpose === 'messaging' && !row.granted) cancelled = await cancelQueuedMessages(db, row.personId);
  await recordAudit(db, {
    actorUserId: row.recordedBy ?? null,
    action: row.granted ? 'consent.given' : 'consent.withdrawn',
    entityType: 'person',
    entityId: row.personId,
    programmeId: row.programmeId ?? null,
    details: { purpose: row.purpose, source: row.source, wordingVersion: row.wordingVersion, partnerOrganisationId: row.partnerOrganisationId ?? null, cancelledMessages: cancelled },
  });
  return { cancelledMessages: cancelled };
}

/** Cancels the person's campaign messages that have not been handed to a provider yet. */
export async function cancelQueuedMessages(db: DbOrTx, personId: string): Promise<number> {
  const recipients = db.select({ id: campaignRecipient.id }).from(campaignRecipient).where(eq(campaignRecipient.personId, personId));
  const rows = await db
    .update(outboxMessage)
    .set({ status: 'cancelled', lastError: 'consent_withdrawn', updatedAt: new Date() })
    .where(and(eq(outboxMessage.status, 'queued'), inArray(outboxMessage.recipientId, recipients)))
    .returning({ id: outboxMessage.id });
  return rows.length;
}

/** Whether an outbox message's recipient withdrew messaging consent (checked again right before sending). */
export async function recipientWithdrew(db: DbOrTx, recipientId: string | null): Promise<boolean> {
  if (!recipientId) return false;
  const result = await db.execute<{ withdrawn: boolean }>(sql`
    select ${messagingWithdrawn(sql`cr.person_id`)} as withdrawn from ${campaignRecipient} cr where cr.id = ${recipientId}::uuid`);
  const [row] = (result as unknown as { rows: { withdrawn: boolean }[] }).rows;
  return row?.withdrawn === true;
}
