import { sql } from 'drizzle-orm';
import { check, date, index, integer, numeric, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { messageChannel, recipientSkip } from './outreach.ts';
import { programme, site } from './programmes.ts';
import { region } from './reference.ts';
import { trainingSession } from './training.ts';
import { codeText } from './types.ts';

export const contextUnit = pgEnum('context_unit', ['count', 'percent', 'rupiah', 'days']);

/**
 * A series of context figures about places (tourist visits, hotel occupancy, …). Standard
 * series have no programme (seeded by migration 0006); a programme's managers define their own.
 * Context, not programme results: nothing computed from them is an effect of the programme.
 */
export const contextSeries = pgTable(
  'context_series',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Null for the standard series every programme sees. */
    programmeId: uuid().references(() => programme.id),
    /** Stable key, e.g. `tourist_visits_foreign`; unique within the programme (or among standard series). */
    code: codeText().notNull(),
    nameId: text().notNull(),
    nameEn: text().notNull(),
    unit: contextUnit().notNull(),
    /** Where the figures usually come from (BPS, Dinas Pariwisata, …). */
    defaultSource: text(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('context_series_code_uq').on(sql`coalesce(${t.programmeId}::text, '')`, t.code)],
);

export const contextOrigin = pgEnum('context_origin', ['manual', 'import']);

/** One figure of a series for a place (a regency, or one of the programme's sites in it) and a period. */
export const contextValue = pgTable(
  'context_value',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid()
      .notNull()
      .references(() => programme.id),
    seriesId: uuid()
      .notNull()
      .references(() => contextSeries.id),
    /** The regency (`53.15`) the figure is about; for a site, the site's regency. */
    regionCode: text()
      .notNull()
      .references(() => region.code),
    siteId: uuid().references(() => site.id),
    /** `2023`, `2023-Q3` or `2023-07` (src/core/periods.ts). */
    period: codeText().notNull(),
    periodStart: date({ mode: 'string' }).notNull(),
    periodEnd: date({ mode: 'string' }).notNull(),
    value: numeric({ mode: 'number' }).notNull(),
    source: text(),
    /** When the source published the figure. */
    sourceDate: date({ mode: 'string' }),
    origin: contextOrigin().notNull(),
    enteredBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('context_value_place_period_uq').on(t.programmeId, t.seriesId, t.regionCode, sql`coalesce(${t.siteId}::text, '')`, t.period),
    index('context_value_series_idx').on(t.seriesId, t.periodStart),
    check('context_value_nonnegative_ck', sql`${t.value} >= 0`),
  ],
);

export const eventKind = pgEnum('destination_event_kind', ['festival', 'national_event', 'regional_event', 'programme_launch', 'other']);
export const season = pgEnum('season', ['low', 'high']);

/** A destination's calendar: festivals, national and regional events, the programme's launches; low or high season. */
export const destinationEvent = pgTable(
  'destination_event',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid()
      .notNull()
      .references(() => programme.id),
    regionCode: text()
      .notNull()
      .references(() => region.code),
    siteId: uuid().references(() => site.id),
    title: text().notNull(),
    kind: eventKind().notNull(),
    season: season(),
    startsOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }).notNull(),
    notes: text(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('destination_event_programme_idx').on(t.programmeId, t.startsOn), check('destination_event_dates_ck', sql`${t.endsOn} >= ${t.startsOn}`)],
);

/** A session planned around an event (at most one event per session). */
export const sessionEvent = pgTable('session_event', {
  sessionId: uuid()
    .primaryKey()
    .references(() => trainingSession.id),
  programmeId: uuid().notNull(),
  eventId: uuid()
    .notNull()
    .references(() => destinationEvent.id, { onDelete: 'cascade' }),
});

export const surveyPhase = pgEnum('outcome_survey_phase', ['baseline', 'endline', 'followup']);

/** An outcome survey round of a programme (one per phase), sent as personal links through the outbox. */
export const outcomeSurvey = pgTable(
  'outcome_survey',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid()
      .notNull()
      .references(() => programme.id),
    phase: surveyPhase().notNull(),
    channel: messageChannel().notNull(),
    /** Bahasa Indonesia with `{{nama}}`, `{{usaha}}`, `{{tautan}}` (the personal link, signed in when sent). */
    template: text().notNull(),
    linkBase: text().notNull(),
    /** Links stop working at this time. */
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('outcome_survey_phase_uq').on(t.programmeId, t.phase)],
);

/** One MSME a survey round was sent to (its owner's address), and when it was answered. */
export const outcomeInvite = pgTable(
  'outcome_invite',
  {
    id: uuid().primaryKey(),
    programmeId: uuid().notNull(),
    surveyId: uuid()
      .notNull()
      .references(() => outcomeSurvey.id),
    msmeId: uuid().notNull(),
    personId: uuid().notNull(),
    address: text(),
    skipReason: recipientSkip(),
    answeredAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('outcome_invite_msme_uq').on(t.surveyId, t.msmeId), index('outcome_invite_programme_idx').on(t.programmeId)],
);

export const revenueBand = pgEnum('revenue_band', ['lt_5m', '5m_15m', '15m_50m', '50m_100m', '100m_250m', 'gte_250m']);
export const outcomeResponseSource = pgEnum('outcome_response_source', ['link', 'mentor']);

/** An MSME's answer for one phase of a programme (one per phase): revenue, online sales, workers, platforms. */
export const outcomeResponse = pgTable(
  'outcome_response',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid()
      .notNull()
      .references(() => programme.id),
    msmeId: uuid().notNull(),
    personId: uuid(),
    phase: surveyPhase().notNull(),
    inviteId: uuid().references(() => outcomeInvite.id),
    revenueBand: revenueBand().notNull(),
    /** Share of sales made online, percent. */
    onlineSharePercent: integer().notNull(),
    workersPaid: integer().notNull(),
    workersUnpaid: integer().notNull(),
    workersWomen: integer().notNull(),
    /** People hired since the baseline (not asked at baseline). */
    newHires: integer(),
    platforms: text().array().notNull().default(sql`'{}'::text[]`),
    source: outcomeResponseSource().notNull(),
    /** The mentor or organiser who entered it (source `mentor`). */
    recordedBy: uuid(),
    answeredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('outcome_response_phase_uq').on(t.programmeId, t.msmeId, t.phase),
    index('outcome_response_msme_idx').on(t.msmeId),
    check('outcome_response_counts_ck', sql`${t.workersPaid} >= 0 AND ${t.workersUnpaid} >= 0 AND ${t.workersWomen} >= 0 AND ${t.workersWomen} <= ${t.workersPaid} + ${t.workersUnpaid} AND coalesce(${t.newHires}, 0) >= 0`),
    check('outcome_response_share_ck', sql`${t.onlineSharePercent} BETWEEN 0 AND 100`),
  ],
);
