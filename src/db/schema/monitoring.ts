import { boolean, index, integer, jsonb, numeric, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { codeText } from './types.ts';

/**
 * Indicator definitions are data and versioned: a change writes a new version, and every
 * computed value says which version it used. `spec` is validated by src/core/indicator-spec.ts.
 */
export const indicatorDefinition = pgTable(
  'indicator_definition',
  {
    id: uuid().primaryKey().defaultRandom(),
    code: codeText().notNull(),
    version: integer().notNull(),
    name: jsonb().$type<{ id: string; en: string }>().notNull(),
    description: jsonb().$type<{ id: string; en: string }>().notNull(),
    unit: text().notNull(),
    spec: jsonb().$type<Record<string, unknown>>().notNull(),
    disaggregations: jsonb().$type<string[]>().notNull(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('indicator_definition_code_version_uq').on(t.code, t.version)],
);

/**
 * One row per enrolment with everything the indicators count, kept in step with the facts
 * (enrolments, attendance, assessments, milestones) by src/modules/monitoring/facts.ts.
 * Indicators read this table instead of joining millions of attendance rows.
 */
export const participantFact = pgTable(
  'participant_fact',
  {
    programmeId: uuid().notNull(),
    personId: uuid().notNull(),
    msmeId: uuid(),
    personKind: codeText().notNull(),
    gender: codeText(),
    /** `<25`, `25-34`, `35-44`, `45-54`, `55+` or `unknown` (from the NIK's birth date, at enrolment). */
    ageBand: codeText().notNull(),
    provinceCode: codeText(),
    regencyCode: codeText(),
    sector: codeText(),
    enrolledAt: timestamp({ withTimezone: true }).notNull(),
    /** Site of the first session attended. */
    siteId: uuid(),
    /** Organisation of a trainer of the first session attended (the delivering partner). */
    partnerId: uuid(),
    invited: boolean().notNull(),
    attended: boolean().notNull(),
    firstAttendedAt: timestamp({ withTimezone: true }),
    sessionsAttended: integer().notNull(),
    /** Minutes of distinct learning-path modules covered by attended sessions. */
    coveredMinutes: integer().notNull(),
    pathMinutes: integer().notNull(),
    completed: boolean().notNull(),
    /** When the participant first attended enough to complete (the last session that made it). */
    completedAt: timestamp({ withTimezone: true }),
    mentored: boolean().notNull(),
    maturityBaseline: smallint(),
    maturityEndline: smallint(),
    /** The MSME's current level (national, across programmes). */
    maturityCurrent: smallint(),
    firstSale: boolean().notNull(),
    /** Mean score (0–100) over modules of the pre and post tests. */
    preScore: numeric({ precision: 5, scale: 1, mode: 'number' }),
    postScore: numeric({ precision: 5, scale: 1, mode: 'number' }),
    /** First attendance at a session run by a trainer certified in the programme (the ToT cascade's reach). */
    cascadeReachedAt: timestamp({ withTimezone: true }),
    refreshedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.programmeId, t.personId] }),
    index('participant_fact_msme_idx').on(t.msmeId),
    index('participant_fact_person_idx').on(t.personId),
    index('participant_fact_programme_msme_idx').on(t.programmeId, t.msmeId),
    // Dashboard filters with no rollup slice (two at once) read the facts of the selective dimensions through these.
    index('participant_fact_site_idx').on(t.programmeId, t.siteId),
    index('participant_fact_sector_idx').on(t.programmeId, t.sector),
    index('participant_fact_province_idx').on(t.programmeId, t.provinceCode),
    index('participant_fact_regency_idx').on(t.programmeId, t.regencyCode),
    index('participant_fact_partner_idx').on(t.programmeId, t.partnerId),
  ],
);

/**
 * People (or a whole programme) whose facts changed and wait for a refresh. Insert-only, with no
 * unique key: a person may be queued more than once, so that writers touching the same person (or
 * a refresh draining them) never wait for one another's key; the refresh reads each person once.
 */
export const factRefresh = pgTable(
  'fact_refresh',
  {
    programmeId: uuid().notNull(),
    /** The nil UUID stands for "the whole programme". */
    personId: uuid().notNull(),
    queuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('fact_refresh_programme_idx').on(t.programmeId)],
);
