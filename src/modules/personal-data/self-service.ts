import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, gt, isNull, lt } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { contactDigest, oneTimeCode, sameCode } from '../../core/one-time-code.ts';
import { createMyDataToken, readMyDataToken } from '../../core/signed-token.ts';
import type { Config } from '../../config.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { dataAccessCode, enrolment, outboxMessage, person } from '../../db/schema/index.ts';
import { translate, type Locale } from '../../server/i18n.ts';
import { recordAudit } from '../audit/service.ts';
import { channelAvailability, type Channel } from '../outbox/adapters.ts';
import type { OutboxRow, Personalise } from '../outbox/worker.ts';
import { parseContact, type Contact, type MyDataSummary } from './schema.ts';
import { collectPersonalData, eraseOwnPersonalData } from './subject-rights.ts';
import { encryptPhone, maskedNik, phoneHash } from './values.ts';

/** A code works for 10 minutes, once, and dies after 5 wrong tries. */
export const CODE_TTL_MS = 10 * 60_000;
export const MAX_CODE_ATTEMPTS = 5;
/** Codes per contact: at most 3 in 15 minutes and 10 a day (each one is a message the person receives). */
export const CODE_LIMITS = [
  { max: 3, windowMs: 15 * 60_000 },
  { max: 10, windowMs: 24 * 60 * 60_000 },
] as const;
/** How long the page may use the data after the code (a new code is needed after). */
export const ACCESS_TTL_MS = 30 * 60_000;

/** Where the code goes into the message, filled in only when the outbox hands it to the provider. */
export const CODE_SLOT = '{{kode}}';
/** Outbox messages of this kind carry the code request's id as `recipientId`. */
const MESSAGE_KEY_PREFIX = 'my-data:';

/** Phone numbers: WhatsApp, else SMS, as configured; email by SMTP; the `log` channel when none is (demo). */
function channelFor(config: Config, contact: Contact): Channel {
  const available = channelAvailability(config);
  if (contact.kind === 'email') return available.email.available ? 'email' : 'log';
  if (available.whatsapp.available) return 'whatsapp';
  return available.sms.available ? 'sms' : 'log';
}

function parse(raw: string): Contact {
  const contact = parseContact(raw);
  if (!contact) throw new AppError('validation', 'errors.validation', { fields: { contact: 'errors.personalData.contactInvalid' } });
  return contact;
}

/** The people a contact belongs to (not those already anonymised): a phone number may be shared. */
async function peopleWith(db: DbOrTx, contact: Contact): Promise<string[]> {
  const match = contact.kind === 'phone' ? eq(person.phoneHash, phoneHash(contact.value)) : eq(person.email, contact.value);
  const rows = await db.select({ id: person.id }).from(person).where(and(match, isNull(person.anonymisedAt))).limit(2);
  return rows.map((r) => r.id);
}

/**
 * Asks for a one-time code. Known or not, the contact gets a request row and the caller gets the
 * same answer (no way to learn whether a contact is registered); only a contact that belongs to
 * exactly one person receives a code. A contact shared by several people receives a message
 * pointing to the programme's staff instead, since a code could not tell whose data to open.
 * Too many requests for the contact (known or not) are refused with `rate_limited`.
 */
export async function requestMyDataCode(options: { db: Db; config: Config; secret: string; contact: string; locale: Locale; now?: Date }): Promise<{ message: string }> {
  const { db, config, secret, locale } = options;
  const now = options.now ?? new Date();
  const contact = parse(options.contact);
  const digest = contactDigest(secret, contact);
  await db.transaction(async (tx) => {
    for (const limit of CODE_LIMITS) {
      const [row] = await tx
        .select({ n: count() })
        .from(dataAccessCode)
        .where(and(eq(dataAccessCode.contactHash, digest), gt(dataAccessCode.createdAt, new Date(now.getTime() - limit.windowMs))));
      if ((row?.n ?? 0) >= limit.max) throw new AppError('rate_limited', 'errors.personalData.tooManyCodes', { params: { minutes: Math.round(limit.windowMs / 60_000) } });
    }
    // Requests older than a day serve no limit any more.
    await tx.delete(dataAccessCode).where(lt(dataAccessCode.createdAt, new Date(now.getTime() - CODE_LIMITS[1].windowMs)));
    const people = await peopleWith(tx, contact);
    const personId = people.length === 1 ? (people[0] ?? null) : null;
    const channel = people.length > 0 ? channelFor(config, contact) : null;
    const id = randomUUID();
    await tx.insert(dataAccessCode).values({ id, contactHash: digest, personId, channel, expiresAt: new Date(now.getTime() + CODE_TTL_MS), createdAt: now });
    if (!channel || !people[0]) return;
    // The outbox needs a programme: the latest enrolment of (one of) the people.
    const [latest] = await tx.select({ programmeId: enrolment.programmeId }).from(enrolment).where(eq(enrolment.personId, people[0])).orderBy(desc(enrolment.createdAt)).limit(1);
    if (!latest) return;
    const body = personId ? translate(locale, 'personalData.selfService.codeMessage', { code: CODE_SLOT, minutes: CODE_TTL_MS / 60_000 }) : translate(locale, 'personalData.selfService.sharedContactMessage');
    await tx.insert(outboxMessage).values({
      programmeId: latest.programmeId,
      recipientId: id,
      channel,
      // Phone numbers wait in the outbox encrypted, as campaign messages do.
      address: contact.kind === 'phone' ? (encryptPhone(contact.value) ?? '') : contact.value,
      subject: channel === 'email' ? translate(locale, 'personalData.selfService.codeSubject') : null,
      body,
      idempotencyKey: `${MESSAGE_KEY_PREFIX}${id}`,
    });
    // Staff can see that someone asked for access to this person's data (ids only).
    if (personId) await recordAudit(tx, { actorUserId: null, action: 'personal_data.code_sent', entityType: 'person', entityId: personId, programmeId: latest.programmeId, details: { requestId: id, channel } });
  });
  return { message: translate(locale, 'personalData.selfService.codeRequested', { minutes: CODE_TTL_MS / 60_000 }) };
}

/** Signs the code into a self-service message when the outbox hands it to the provider; every other message goes to `next`. */
export function myDataPersonaliser(secret: string, next: Personalise): Personalise {
  return async (db: DbOrTx, row: OutboxRow) => {
    if (!row.idempotencyKey.startsWith(MESSAGE_KEY_PREFIX) || !row.recipientId) return next(db, row);
    const code = oneTimeCode(secret, row.recipientId);
    return { subject: row.subject, body: row.body.replaceAll(CODE_SLOT, code) };
  };
}

type Verification = { kind: 'ok'; personId: string; requestId: string } | { kind: 'wrong'; left: number } | { kind: 'burnt' } | { kind: 'expired' };

/**
 * Checks a code against the contact's latest request. Right: the code is used up and a signed
 * access token for 30 minutes returned. Wrong: one attempt fewer (the 5th burns the code).
 * Expired, used or burnt: refused with its own message. Attempts are counted even though the
 * answer is an error (the count commits before the error is thrown).
 */
export async function verifyMyDataCode(options: { db: Db; secret: string; contact: string; code: string; now?: Date }): Promise<{ token: string; expiresAt: string }> {
  const { db, secret } = options;
  const now = options.now ?? new Date();
  const digest = contactDigest(secret, parse(options.contact));
  const result = await db.transaction(async (tx): Promise<Verification> => {
    const [row] = await tx.select().from(dataAccessCode).where(eq(dataAccessCode.contactHash, digest)).orderBy(desc(dataAccessCode.createdAt)).limit(1).for('update');
    if (!row || row.usedAt || row.expiresAt.getTime() <= now.getTime()) return { kind: 'expired' };
    if (row.attempts >= MAX_CODE_ATTEMPTS) return { kind: 'burnt' };
    // A request for an unknown contact has a code too, which nobody received: it never opens anything.
    if (row.personId && sameCode(oneTimeCode(secret, row.id), options.code)) {
      await tx.update(dataAccessCode).set({ usedAt: now }).where(eq(dataAccessCode.id, row.id));
      await recordAudit(tx, { actorUserId: null, action: 'personal_data.self_access', entityType: 'person', entityId: row.personId, details: { requestId: row.id } });
      return { kind: 'ok', personId: row.personId, requestId: row.id };
    }
    const attempts = row.attempts + 1;
    await tx.update(dataAccessCode).set({ attempts }).where(eq(dataAccessCode.id, row.id));
    return attempts >= MAX_CODE_ATTEMPTS ? { kind: 'burnt' } : { kind: 'wrong', left: MAX_CODE_ATTEMPTS - attempts };
  });
  if (result.kind === 'wrong') throw new AppError('validation', 'errors.validation', { fields: { code: 'errors.personalData.codeWrong' }, params: { left: result.left } });
  if (result.kind === 'burnt') throw new AppError('validation', 'errors.validation', { fields: { code: 'errors.personalData.codeBurnt' } });
  if (result.kind === 'expired') throw new AppError('validation', 'errors.validation', { fields: { code: 'errors.personalData.codeExpired' } });
  const expiresAt = new Date(now.getTime() + ACCESS_TTL_MS);
  return { token: createMyDataToken(secret, { personId: result.personId, requestId: result.requestId, expiresAt }), expiresAt: expiresAt.toISOString() };
}

/**
 * The person an access token opens. Refused (401) when it is forged or expired, when its code
 * request is gone (the data was erased) or the person was anonymised.
 */
export async function myDataAccess(db: DbOrTx, secret: string, token: string | undefined): Promise<{ personId: string; expiresAt: Date }> {
  const read = token ? readMyDataToken(secret, token) : ({ ok: false } as const);
  const ended = new AppError('unauthenticated', 'errors.personalData.accessEnded');
  if (!read.ok || read.expired) throw ended;
  const [row] = await db
    .select({ id: dataAccessCode.id })
    .from(dataAccessCode)
    .innerJoin(person, eq(person.id, dataAccessCode.personId))
    .where(and(eq(dataAccessCode.id, read.requestId), eq(dataAccessCode.personId, read.personId), isNull(person.anonymisedAt)));
  if (!row) throw ended;
  return { personId: read.personId, expiresAt: read.expiresAt };
}

/** What the page shows after the code: enough to recognise one's own record, with the NIK masked. */
export async function myDataSummary(options: { db: Db; secret: string; token: string | undefined }): Promise<MyDataSummary> {
  const { personId, expiresAt } = await myDataAccess(options.db, options.secret, options.token);
  const data = await collectPersonalData(options.db, personId);
  const [stored] = await options.db.select({ nikCipher: person.nikCipher }).from(person).where(eq(person.id, personId));
  return {
    name: data.person.name,
    nik: maskedNik(stored?.nikCipher),
    phone: data.person.phone,
    email: data.person.email,
    businesses: data.businesses.map((b) => ({ name: b.businessName, sector: b.sector })),
    programmes: data.enrolments.map((e) => e.programme),
    counts: { attendance: data.attendance.length, invitations: data.invitations.length, certificates: data.certificates.length, consents: data.consents.length },
    expiresAt: expiresAt.toISOString(),
  };
}

/** The person's own deletion request (the access ends with it: its code request is deleted). */
export async function eraseMyData(options: { db: Db; secret: string; token: string | undefined; locale: Locale }): Promise<{ anonymisedAt: string; message: string }> {
  const { personId } = await myDataAccess(options.db, options.secret, options.token);
  const done = await eraseOwnPersonalData({ db: options.db, personId });
  return { anonymisedAt: done.anonymisedAt, message: translate(options.locale, 'personalData.selfService.erased') };
}
