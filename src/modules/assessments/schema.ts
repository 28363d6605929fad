import { z } from 'zod';
import { MATURITY_QUESTIONS } from '../../core/maturity.ts';
import { isoDate, optionalText } from '../../server/schema-helpers.ts';

export const ASSESSMENT_PHASES = ['baseline', 'endline'] as const;
export const TEST_PHASES = ['pre', 'post'] as const;
export const QUESTION_KINDS = ['single', 'multiple'] as const;
/** Header carrying a participant's personal link token (the link itself carries it in the URL fragment). */
export const PARTICIPANT_TOKEN_HEADER = 'x-participant-token';

/** Question code → yes/no; unanswered questions count as no (src/core/maturity.ts). */
export const maturityAnswers = z.partialRecord(z.enum(MATURITY_QUESTIONS), z.boolean());

export const maturityQuestionnaire = z.object({
  questions: z.array(z.object({ code: z.enum(MATURITY_QUESTIONS), text: z.string() })),
  levels: z.array(z.object({ level: z.number().int(), label: z.string(), description: z.string() })),
  /** Level at or above which a business counts as digitally on-boarded. */
  onboardedLevel: z.number().int(),
});

export const maturityBody = z.object({ phase: z.enum(ASSESSMENT_PHASES), answers: maturityAnswers, assessedOn: isoDate.optional() });
export type MaturityInput = z.infer<typeof maturityBody>;

export const maturityResult = z.object({
  assessmentId: z.uuid(),
  phase: z.enum(ASSESSMENT_PHASES),
  level: z.number().int(),
  /** The business's current level (from its most recent assessment, in any programme). */
  currentLevel: z.number().int().nullable(),
});

export const maturityView = z.object({
  msmeId: z.uuid(),
  currentLevel: z.number().int().nullable(),
  assessments: z.array(
    z.object({ id: z.uuid(), phase: z.enum(ASSESSMENT_PHASES), level: z.number().int(), answers: z.record(z.string(), z.boolean()), assessedOn: z.string(), source: z.enum(['self', 'staff']) }),
  ),
  history: z.array(z.object({ level: z.number().int(), previousLevel: z.number().int().nullable(), programmeId: z.uuid().nullable(), changedAt: z.iso.datetime() })),
});

const levelCounts = z.object({ '0': z.number().int(), '1': z.number().int(), '2': z.number().int(), '3': z.number().int(), '4': z.number().int() });
export const maturitySummary = z.object({
  baseline: z.object({ assessed: z.number().int(), levels: levelCounts, onboarded: z.number().int() }),
  endline: z.object({ assessed: z.number().int(), levels: levelCounts, onboarded: z.number().int() }),
  /** Businesses with both: how many moved up, and how many became on-boarded (below 2 → 2 or more). */
  paired: z.number().int(),
  improved: z.number().int(),
  newlyOnboarded: z.number().int(),
});

const text = z.object({ id: z.string().trim().min(1).max(2000), en: z.string().trim().min(1).max(2000) });
const optionKey = z.string().trim().regex(/^[a-z0-9]{1,8}$/);
const option = z.object({ key: optionKey, id: z.string().trim().min(1).max(500), en: z.string().trim().min(1).max(500) });

const questionRules = (b: { kind?: 'single' | 'multiple'; options?: { key: string }[]; correct?: string[] }, ctx: z.RefinementCtx) => {
  if (b.options) {
    const keys = b.options.map((o) => o.key);
    if (new Set(keys).size !== keys.length) ctx.addIssue({ code: 'custom', message: 'errors.question.duplicateKey', path: ['options'] });
    if (b.correct && b.correct.some((k) => !keys.includes(k))) ctx.addIssue({ code: 'custom', message: 'errors.question.correctUnknown', path: ['correct'] });
  }
  if (b.correct && new Set(b.correct).size !== b.correct.length) ctx.addIssue({ code: 'custom', message: 'errors.question.duplicateKey', path: ['correct'] });
  if (b.kind === 'single' && b.correct && b.correct.length !== 1) ctx.addIssue({ code: 'custom', message: 'errors.question.singleOneCorrect', path: ['correct'] });
};

export const createQuestionBody = z
  .object({
    kind: z.enum(QUESTION_KINDS),
    prompt: text,
    options: z.array(option).min(2).max(8),
    correct: z.array(optionKey).min(1).max(8),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .superRefine(questionRules);
export type CreateQuestionInput = z.infer<typeof createQuestionBody>;

export const updateQuestionBody = z
  .object({
    kind: z.enum(QUESTION_KINDS).optional(),
    prompt: text.optional(),
    options: z.array(option).min(2).max(8).optional(),
    correct: z.array(optionKey).min(1).max(8).optional(),
    position: z.number().int().min(0).max(10_000).optional(),
    archived: z.boolean().optional(),
  })
  .superRefine(questionRules);
export type UpdateQuestionInput = z.infer<typeof updateQuestionBody>;

export const questionView = z.object({
  id: z.uuid(),
  moduleId: z.uuid(),
  kind: z.enum(QUESTION_KINDS),
  prompt: z.object({ id: z.string(), en: z.string() }),
  options: z.array(option),
  correct: z.array(z.string()),
  position: z.number().int(),
  archivedAt: z.iso.datetime().nullable(),
});
export type QuestionView = z.infer<typeof questionView>;
export const questionList = z.object({ items: z.array(questionView) });
export const moduleQuestionParams = z.object({ id: z.uuid(), moduleId: z.uuid() });
export const questionParams = z.object({ id: z.uuid(), questionId: z.uuid() });

export const ATTEMPT_REASONS = ['unknown_programme', 'unknown_person', 'unknown_module', 'invalid_record'] as const;
export type AttemptReason = (typeof ATTEMPT_REASONS)[number];

/** A test taken on paper, typed in by a trainer: the answers, or just the score. */
export const paperAttempt = z.object({
  clientId: z.string().trim().min(1).max(100),
  programmeId: z.uuid(),
  personId: z.uuid(),
  moduleId: z.uuid(),
  phase: z.enum(TEST_PHASES),
  /** Question id → chosen option keys. */
  answers: z.record(z.string(), z.array(z.string().max(8)).max(8)).optional(),
  /** When only the result was written down: correct answers out of the questions asked. */
  score: z.object({ points: z.number().int().min(0), maxPoints: z.number().int().min(1).max(1000) }).optional(),
  takenAt: z.iso.datetime({ offset: true }),
});
export type PaperAttemptInput = z.infer<typeof paperAttempt>;
export const syncAttemptsBody = z.object({ attempts: z.array(paperAttempt).max(2000) });

export const attemptsResult = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(z.object({ clientId: z.string(), reason: z.enum(ATTEMPT_REASONS) })),
  /** The score of each accepted or duplicate attempt. */
  scores: z.array(z.object({ clientId: z.string(), points: z.number().int(), maxPoints: z.number().int(), score: z.number(), passed: z.boolean().nullable() })),
});

export const participantAttempt = z.object({
  clientId: z.string().trim().min(1).max(100),
  moduleId: z.uuid(),
  phase: z.enum(TEST_PHASES),
  answers: z.record(z.string(), z.array(z.string().max(8)).max(8)),
  takenAt: z.iso.datetime({ offset: true }),
});
export const participantAttemptsBody = z.object({ attempts: z.array(participantAttempt).min(1).max(200) });

export const testsSummary = z.object({
  postTestPassPercent: z.number().int().nullable(),
  modules: z.array(
    z.object({
      module: z.object({ id: z.uuid(), code: z.string(), title: z.object({ id: z.string(), en: z.string() }) }),
      questions: z.number().int(),
      /** People with an attempt, and the mean of each person's best score. */
      pre: z.object({ people: z.number().int(), averageScore: z.number().nullable() }),
      post: z.object({ people: z.number().int(), averageScore: z.number().nullable(), passed: z.number().int().nullable() }),
    }),
  ),
});

export const feedbackBody = z
  .object({
    clientId: z.string().trim().min(1).max(100),
    /** A named form; absent for an anonymous paper form. */
    personId: z.uuid().optional(),
    rating: z.number().int().min(1).max(5).nullish(),
    recommend: z.number().int().min(0).max(10).nullish(),
    comment: optionalText(5000),
    submittedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((b) => b.rating != null || b.recommend != null || Boolean(b.comment), { message: 'errors.feedback.empty', path: ['rating'] });
export type FeedbackInput = z.infer<typeof feedbackBody>;

export const participantFeedbackBody = z
  .object({
    clientId: z.string().trim().min(1).max(100),
    sessionId: z.uuid(),
    rating: z.number().int().min(1).max(5).nullish(),
    recommend: z.number().int().min(0).max(10).nullish(),
    comment: optionalText(5000),
  })
  .refine((b) => b.rating != null || b.recommend != null || Boolean(b.comment), { message: 'errors.feedback.empty', path: ['rating'] });

export const feedbackResult = z.object({ outcome: z.enum(['accepted', 'duplicate']), message: z.string() });

export const feedbackSummaryView = z.object({
  responses: z.number().int(),
  averageRating: z.number().nullable(),
  ratings: z.object({ '1': z.number().int(), '2': z.number().int(), '3': z.number().int(), '4': z.number().int(), '5': z.number().int() }),
  promoters: z.number().int(),
  passives: z.number().int(),
  detractors: z.number().int(),
  /** −100…100; null without recommendation answers. */
  nps: z.number().int().nullable(),
});
export const sessionFeedbackView = z.object({
  sessionId: z.uuid(),
  summary: feedbackSummaryView,
  /** Free comments (not for viewers: people write names in them). */
  comments: z.array(z.object({ comment: z.string(), rating: z.number().int().nullable(), recommend: z.number().int().nullable(), submittedAt: z.iso.datetime() })).nullable(),
});
export const programmeFeedbackView = z.object({
  overall: feedbackSummaryView,
  sessions: z.array(z.object({ id: z.uuid(), title: z.string(), startsAt: z.iso.datetime(), summary: feedbackSummaryView })),
});

export const participantHeaders = z.object({ [PARTICIPANT_TOKEN_HEADER]: z.string().trim().min(1).max(200) });

export const participantLinkView = z.object({ personId: z.uuid(), programmeId: z.uuid(), token: z.string(), url: z.string(), svg: z.string(), expiresAt: z.iso.datetime() });

export const participantHome = z.object({
  programme: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  name: z.string(),
  hasBusiness: z.boolean(),
  tests: z.array(
    z.object({
      module: z.object({ id: z.uuid(), code: z.string(), title: z.object({ id: z.string(), en: z.string() }) }),
      /** Without the correct answers. */
      questions: z.array(z.object({ id: z.uuid(), kind: z.enum(QUESTION_KINDS), prompt: z.object({ id: z.string(), en: z.string() }), options: z.array(option) })),
      bestPre: z.number().nullable(),
      bestPost: z.number().nullable(),
    }),
  ),
  sessions: z.array(z.object({ id: z.uuid(), title: z.string(), startsAt: z.iso.datetime(), attended: z.boolean(), feedbackGiven: z.boolean() })),
  certificate: z.object({ serial: z.string(), verificationCode: z.string(), verifyUrl: z.string(), revoked: z.boolean() }).nullable(),
});
