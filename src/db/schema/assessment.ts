import { bigserial, check, date, index, integer, jsonb, numeric, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { curriculumModule } from './curriculum.ts';
import { trainingSession } from './training.ts';
import { codeText } from './types.ts';

export const assessmentPhase = pgEnum('assessment_phase', ['baseline', 'endline']);
/** `self`: the owner answered (registration or their personal link); `staff`: a mentor or trainer recorded it. */
export const responseSource = pgEnum('response_source', ['self', 'staff']);

/**
 * A digital-maturity questionnaire of an MSME in a programme: baseline (at registration) and
 * endline (after the learning path). `level` is derived from `answers` by src/core/maturity.ts.
 * Answering a phase again replaces the earlier answers (the audit trail keeps them).
 */
export const maturityAssessment = pgTable(
  'maturity_assessment',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid().notNull(),
    msmeId: uuid().notNull(),
    phase: assessmentPhase().notNull(),
    /** Question code → yes/no (src/core/maturity.ts). */
    answers: jsonb().$type<Record<string, boolean>>().notNull(),
    level: smallint().notNull(),
    assessedOn: date({ mode: 'string' }).notNull(),
    source: responseSource().notNull(),
    recordedBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('maturity_assessment_phase_uq').on(t.programmeId, t.msmeId, t.phase), check('maturity_assessment_level_ck', sql`${t.level} between 0 and 4`)],
);

/** Every change of an MSME's current maturity level (`msme.maturity_level`), across programmes. */
export const maturityHistory = pgTable(
  'maturity_history',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    msmeId: uuid().notNull(),
    level: smallint().notNull(),
    previousLevel: smallint(),
    programmeId: uuid(),
    assessmentId: uuid(),
    changedBy: uuid(),
    changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('maturity_history_msme_idx').on(t.msmeId, t.changedAt)],
);

export const questionKind = pgEnum('question_kind', ['single', 'multiple']);

/** An option of a question: a short key (`a`, `b`, …) and its text in both languages. */
export type QuestionOption = { key: string; id: string; en: string };

/** The question bank of a module's knowledge tests (the same questions serve the pre- and the post-test). */
export const knowledgeQuestion = pgTable(
  'knowledge_question',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid().notNull(),
    moduleId: uuid()
      .notNull()
      .references(() => curriculumModule.id),
    kind: questionKind().notNull(),
    promptId: text().notNull(),
    promptEn: text().notNull(),
    options: jsonb().$type<QuestionOption[]>().notNull(),
    /** Keys of the correct options (exactly one for `single`). */
    correct: jsonb().$type<string[]>().notNull(),
    position: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('knowledge_question_module_idx').on(t.programmeId, t.moduleId, t.position)],
);

export const testPhase = pgEnum('test_phase', ['pre', 'post']);

/**
 * One attempt at a module's pre- or post-test: taken by the participant on their phone
 * (possibly offline: `clientId` makes a resend harmless) or entered by a trainer from paper.
 * The score is computed when the attempt arrives (src/core/test-scoring.ts) and kept.
 */
export const testAttempt = pgTable(
  'test_attempt',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid().notNull(),
    moduleId: uuid().notNull(),
    personId: uuid().notNull(),
    phase: testPhase().notNull(),
    /** Question id → chosen keys; null for a paper result entered as a score only. */
    answers: jsonb().$type<Record<string, string[]>>(),
    points: integer().notNull(),
    maxPoints: integer().notNull(),
    /** 0–100, one decimal. */
    score: numeric({ precision: 4, scale: 1, mode: 'number' }).notNull(),
    source: responseSource().notNull(),
    clientId: codeText().notNull(),
    takenAt: timestamp({ withTimezone: true }).notNull(),
    recordedBy: uuid(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('test_attempt_client_uq').on(t.programmeId, t.clientId),
    index('test_attempt_person_idx').on(t.programmeId, t.personId, t.moduleId, t.phase),
    check('test_attempt_points_ck', sql`${t.maxPoints} > 0 and ${t.points} between 0 and ${t.maxPoints}`),
  ],
);

/**
 * Feedback after a session: rating 1–5, would-recommend 0–10 (NPS), a comment. From the
 * participant's personal link (one per person and session) or typed in from a paper form by
 * the trainer (anonymous). `clientId` makes a resend harmless.
 */
export const sessionFeedback = pgTable(
  'session_feedback',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid().notNull(),
    sessionId: uuid()
      .notNull()
      .references(() => trainingSession.id),
    personId: uuid(),
    rating: smallint(),
    recommend: smallint(),
    comment: text(),
    source: responseSource().notNull(),
    clientId: codeText().notNull(),
    submittedAt: timestamp({ withTimezone: true }).notNull(),
    recordedBy: uuid(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('session_feedback_client_uq').on(t.programmeId, t.clientId),
    uniqueIndex('session_feedback_person_uq').on(t.sessionId, t.personId).where(sql`${t.personId} is not null`),
    check('session_feedback_rating_ck', sql`${t.rating} is null or ${t.rating} between 1 and 5`),
    check('session_feedback_recommend_ck', sql`${t.recommend} is null or ${t.recommend} between 0 and 10`),
    check('session_feedback_any_ck', sql`num_nonnulls(${t.rating}, ${t.recommend}, ${t.comment}) > 0`),
  ],
);
