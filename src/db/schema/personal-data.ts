import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgEnum, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { messageChannel } from './outreach.ts';
import { codeText } from './types.ts';

export const consentPurpose = pgEnum('consent_purpose', ['programme_participation', 'messaging', 'partner_sharing']);
export const consentSource = pgEnum('consent_source', ['import', 'form', 'rsvp', 'admin']);

/**
 * The consent ledger (UU PDP art. 20–22): one row per consent given or withdrawn, never updated.
 * A person's current consent for a purpose is the latest row of that purpose (and programme,
 * and partner organisation for `partner_sharing`). Messaging consent is national: a programme
 * id, when given, only records where it was collected.
 */
export const consentRecord = pgTable(
  'consent_record',
  {
    id: uuid().primaryKey().defaultRandom(),
    personId: uuid().notNull(),
    purpose: consentPurpose().notNull(),
    /** Programme the consent was collected in (participation: the programme it is for). */
    programmeId: uuid(),
    /** For `partner_sharing`: the partner organisation the data may be shared with. */
    partnerOrganisationId: uuid(),
    /** True: consent given; false: withdrawn. */
    granted: boolean().notNull(),
    source: consentSource().notNull(),
    /** Version of the consent text the person saw, e.g. `2024-07`. */
    wordingVersion: codeText().notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The user who recorded it (admin, import); null for the person themselves. */
    recordedBy: uuid(),
  },
  (t) => [
    index('consent_record_person_idx').on(t.personId, t.purpose, t.recordedAt),
    check('consent_partner_ck', sql`(${t.purpose} = 'partner_sharing') = (${t.partnerOrganisationId} is not null)`),
  ],
);

/** How long personal data of a programme is kept after its end date, in months (default: not set, kept). */
export const programmeRetention = pgTable(
  'programme_retention',
  {
    programmeId: uuid().primaryKey(),
    months: integer().notNull(),
    /** When the retention job last anonymised this programme's people. */
    appliedAt: timestamp({ withTimezone: true }),
    updatedBy: uuid(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('programme_retention_months_ck', sql`${t.months} between 1 and 240`)],
);

/**
 * A request for a one-time code to the self-service data-rights page (`/data-saya`). A row is
 * written for every request, whether or not the contact belongs to anyone (`personId` null), so
 * that limits and answers are the same for known and unknown contacts. The code itself is never
 * stored: it is an HMAC of the row id under the server secret (src/core/one-time-code.ts),
 * computed again to verify it and signed into the message only when the outbox sends it.
 */
export const dataAccessCode = pgTable(
  'data_access_code',
  {
    id: uuid().primaryKey(),
    /** HMAC (server secret) of the normalised phone number or email address: the contact is not stored. */
    contactHash: codeText().notNull(),
    /** The person the contact belongs to; null when it matched nobody (or more than one person). */
    personId: uuid(),
    channel: messageChannel(),
    /** Wrong codes entered so far; the code is dead at MAX_CODE_ATTEMPTS. */
    attempts: integer().notNull().default(0),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    /** Set when the right code was entered: a code works once. */
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('data_access_code_contact_idx').on(t.contactHash, t.createdAt), index('data_access_code_person_idx').on(t.personId), check('data_access_code_attempts_ck', sql`${t.attempts} >= 0`)],
);
