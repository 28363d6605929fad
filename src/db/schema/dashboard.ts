import { sql } from 'drizzle-orm';
import { bigserial, index, integer, numeric, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { codeText } from './types.ts';

/**
 * Pre-aggregated participant facts for the programme dashboard, kept in step with
 * `participant_fact` by the refresh job (src/modules/monitoring/rollups.ts): each refresh
 * subtracts the old facts of the people it recomputes and adds their new ones.
 *
 * One row per programme × slice × event × month (WIB) × province. A slice is the whole
 * programme (`dim` = '') or one value of one dimension (`dim` = 'sector', `dim_value` =
 * 'kuliner'), so a dashboard with no filter or one filter reads a few thousand rows. An event
 * dates the people counted: `enrolled`, `attended` (first attendance), `completed`, `cascade`
 * (first session run by a certified trainer). Counts are people; '' stands for unknown.
 */
export const participantRollup = pgTable(
  'participant_rollup',
  {
    programmeId: uuid().notNull(),
    dim: codeText().notNull(),
    dimValue: codeText().notNull(),
    event: codeText().notNull(),
    /** `YYYY-MM` of the event in Asia/Jakarta time. */
    month: codeText().notNull(),
    provinceCode: codeText().notNull(),
    people: integer().notNull(),
    /** People with an MSME (equal to distinct MSMEs while no MSME has two people in the programme, see rollup_state). */
    msmes: integer().notNull(),
    invited: integer().notNull(),
    onboarded: integer().notNull(),
    firstSale: integer().notNull(),
    mentored: integer().notNull(),
    female: integer().notNull(),
    genderKnown: integer().notNull(),
    governmentStaff: integer().notNull(),
    maturityPairs: integer().notNull(),
    /** Sum of endline − baseline levels over the maturity pairs. */
    maturityGain: integer().notNull(),
    testPairs: integer().notNull(),
    /** Sum of post − pre scores over the test pairs. */
    testGain: numeric({ precision: 14, scale: 1, mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.programmeId, t.dim, t.dimValue, t.event, t.month, t.provinceCode] }),
    index('participant_rollup_empty_idx').on(t.programmeId).where(sql`${t.people} = 0`),
  ],
);

/**
 * Trained MSMEs (completed, with an MSME) per regency in each slice of participant_rollup, over
 * the whole programme (no month), kept by the same refresh: "regencies reached" under one filter
 * of any dimension is the number of rows with `msmes` > 0, where participant_rollup, keyed by
 * province, can answer it only for region filters.
 */
export const regencyReach = pgTable(
  'regency_reach',
  {
    programmeId: uuid().notNull(),
    dim: codeText().notNull(),
    dimValue: codeText().notNull(),
    regencyCode: codeText().notNull(),
    msmes: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.dim, t.dimValue, t.regencyCode] })],
);

/**
 * When a programme's rollup was last brought up to date, and how many of its MSMEs have two or
 * more people enrolled (then distinct-MSME counts are read from the facts instead).
 */
export const rollupState = pgTable('rollup_state', {
  programmeId: uuid().primaryKey(),
  refreshedAt: timestamp({ withTimezone: true }).notNull(),
  sharedMsmes: integer().notNull(),
});

/**
 * Attendances and roster places of each session, so session indicators never count millions of
 * attendance rows: this row plus the session's `session_stat_delta` rows not folded in yet
 * (readers add both, see `stat` in src/modules/monitoring/indicators.ts).
 */
export const sessionStat = pgTable(
  'session_stat',
  {
    sessionId: uuid().primaryKey(),
    programmeId: uuid().notNull(),
    attended: integer().notNull().default(0),
    rostered: integer().notNull().default(0),
  },
  (t) => [index('session_stat_programme_idx').on(t.programmeId)],
);

/**
 * Changes to `session_stat` not folded into it yet: statement triggers on `attendance` and
 * `session_participant` (migration 0019) append one row per session and statement. Insert-only,
 * so that syncs of the same sessions never wait for one another's row lock (updating the
 * session's row in the writer's transaction held that lock until commit);
 * src/modules/monitoring/session-stats.ts folds them into `session_stat` every second.
 */
export const sessionStatDelta = pgTable(
  'session_stat_delta',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    sessionId: uuid().notNull(),
    programmeId: uuid().notNull(),
    attended: integer().notNull(),
    rostered: integer().notNull(),
  },
  (t) => [index('session_stat_delta_programme_idx').on(t.programmeId)],
);
