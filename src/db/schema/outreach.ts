import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { programme } from './programmes.ts';
import { cohort, trainingSession } from './training.ts';
import { codeText } from './types.ts';

export const messageChannel = pgEnum('message_channel', ['email', 'whatsapp', 'sms', 'log']);
export const campaignStatus = pgEnum('campaign_status', ['draft', 'queued', 'sent']);

/** Invitations to a session (or a cohort's sessions) for participants chosen by a filter. */
export const campaign = pgTable(
  'campaign',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid()
      .notNull()
      .references(() => programme.id),
    sessionId: uuid().references(() => trainingSession.id),
    cohortId: uuid().references(() => cohort.id),
    name: text().notNull(),
    channel: messageChannel().notNull(),
    /** Email subject template; other channels send the body only. */
    subject: text().notNull(),
    /** Bahasa Indonesia with `{{nama}}`, `{{usaha}}`, `{{sesi}}`, `{{tanggal}}`, `{{tempat}}`, `{{tautan}}`. */
    template: text().notNull(),
    /** The recipient filter (see campaigns/schema.ts); defaults to willing and active participants. */
    filter: jsonb().$type<Record<string, unknown>>().notNull(),
    /** draft → queued (sending requested, recipients being written) → sent (every message is in the outbox). */
    status: campaignStatus().notNull().default('draft'),
    /** Base of the RSVP links (BERDAYA_PUBLIC_URL or the sender's origin). */
    linkBase: text(),
    /** RSVP links stop working at this time (the end of the session, or of the cohort's last session). */
    rsvpExpiresAt: timestamp({ withTimezone: true }),
    jobId: uuid(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentBy: uuid(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('campaign_programme_idx').on(t.programmeId, t.createdAt),
    check('campaign_target_ck', sql`num_nonnulls(${t.sessionId}, ${t.cohortId}) = 1`),
  ],
);

export const recipientSkip = pgEnum('recipient_skip', ['opted_out', 'no_address']);
export const rsvpAnswer = pgEnum('rsvp_answer', ['yes', 'no']);

/** One person a campaign chose, with why they were skipped (if so) and their RSVP. */
export const campaignRecipient = pgTable(
  'campaign_recipient',
  {
    id: uuid().primaryKey(),
    programmeId: uuid().notNull(),
    campaignId: uuid()
      .notNull()
      .references(() => campaign.id),
    personId: uuid().notNull(),
    /** Email address or E.164 phone number for the campaign's channel. */
    address: text(),
    skipReason: recipientSkip(),
    rsvp: rsvpAnswer(),
    rsvpAt: timestamp({ withTimezone: true }),
    /** What answering yes did to the roster: `added`, `already`, `full`, `double_booked`, `removed`. */
    rsvpRoster: codeText(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('campaign_recipient_person_uq').on(t.campaignId, t.personId), index('campaign_recipient_person_idx').on(t.personId)],
);

/**
 * Delivery states: queued → sending → sent; a failed attempt goes back to queued with a later
 * `nextAttemptAt`, or to `failed` when the provider refused it for good or attempts ran out.
 * `sending` is committed before the provider is called; a message found in `sending` after a
 * crash becomes `unknown` (needs review) and is never sent again automatically.
 */
export const outboxStatus = pgEnum('outbox_status', ['queued', 'sending', 'sent', 'failed', 'unknown', 'cancelled']);

export const outboxMessage = pgTable(
  'outbox_message',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid().notNull(),
    campaignId: uuid().references(() => campaign.id),
    recipientId: uuid(),
    channel: messageChannel().notNull(),
    /** Email address or E.164 phone number: personal data, never logged. */
    address: text().notNull(),
    subject: text(),
    /**
     * The rendered text. A campaign's personal RSVP link is left as `{{tautan}}` and signed into
     * the text only when the message is handed to the provider: no bearer token is stored.
     */
    body: text().notNull(),
    /** Given to the provider (Message-ID, Idempotency-Key, biz_opaque_callback_data) so that a duplicate can be recognised there too. */
    idempotencyKey: codeText().notNull(),
    status: outboxStatus().notNull().default('queued'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sendingAt: timestamp({ withTimezone: true }),
    sentAt: timestamp({ withTimezone: true }),
    providerMessageId: text(),
    /** Error code and status only (no provider text, which may quote the address). */
    lastError: text(),
    reviewedBy: uuid(),
    reviewedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('outbox_message_idempotency_uq').on(t.idempotencyKey),
    index('outbox_message_due_idx').on(t.status, t.channel, t.nextAttemptAt),
    index('outbox_message_campaign_idx').on(t.campaignId, t.status),
    index('outbox_message_recipient_idx').on(t.recipientId),
  ],
);

/** People who asked not to be invited again; honoured by every later campaign of every programme. */
export const contactOptOut = pgTable('contact_opt_out', {
  personId: uuid().primaryKey(),
  /** The campaign whose message they opted out from. */
  campaignId: uuid(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
