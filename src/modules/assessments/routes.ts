import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { publicBase } from '../../server/public-url.ts';
import { idParams } from '../../server/schema-helpers.ts';
import { ANY_ROLE } from '../../core/policy.ts';
import { programmePersonParams } from '../attendance/schema.ts';
import { ownCertificatePdf } from '../certificates/service.ts';
import { programmeMsmeParams } from '../mentoring/schema.ts';
import { sessionParams } from '../sessions/schema.ts';
import { AppError } from '../../core/app-error.ts';
import { syncPaperAttempts, syncParticipantAttempts, testsSummary } from './attempts.ts';
import { getSessionFeedback, programmeFeedback, recordSessionFeedback, submitParticipantFeedback } from './feedback.ts';
import { getMaturity, maturityQuestionnaire, maturitySummary, recordMaturity, saveMaturityAssessment } from './maturity.ts';
import { participantHome, participantLink, participantOf } from './participant.ts';
import { createQuestion, listQuestions, updateQuestion } from './questions.ts';
import {
  attemptsResult,
  createQuestionBody,
  feedbackBody,
  feedbackResult,
  maturityBody,
  maturityQuestionnaire as questionnaireView,
  maturityResult,
  maturitySummary as maturitySummaryView,
  maturityView,
  moduleQuestionParams,
  PARTICIPANT_TOKEN_HEADER,
  participantAttemptsBody,
  participantFeedbackBody,
  participantHeaders,
  participantHome as participantHomeView,
  participantLinkView,
  programmeFeedbackView,
  questionList,
  questionParams,
  questionView,
  sessionFeedbackView,
  syncAttemptsBody,
  testsSummary as testsSummaryView,
  updateQuestionBody,
} from './schema.ts';

const organisers = ['admin', 'program_manager', 'partner_coordinator'] as const;
const managers = ['admin', 'program_manager'] as const;
const recorders = ['admin', 'program_manager', 'partner_coordinator', 'trainer'] as const;
const reporters = ['admin', 'program_manager', 'partner_coordinator', 'viewer'] as const;
/** Public: the participant's personal link token is the credential. Rate-limited per address against guessing. */
const participantAccess = { access: { public: true as const }, rateLimit: { max: 120, timeWindow: '1 minute' } };

export function registerAssessmentRoutes(app: ApiApp, ctx: AppContext): void {
  // Digital maturity
  app.get(
    '/api/maturity/questionnaire',
    { config: { access: { public: true } }, schema: { tags: ['assessments'], summary: 'The digital-maturity questions and levels 0–4 (the rule is in src/core/maturity.ts)', security: [], response: { 200: questionnaireView } } },
    async (request) => maturityQuestionnaire(request.locale),
  );
  app.post(
    '/api/programs/:id/msmes/:msmeId/maturity',
    { config: { access: { roles: recorders } }, schema: { tags: ['assessments'], summary: 'Record a baseline or endline questionnaire; the level is derived and the current level kept with history', params: programmeMsmeParams, body: maturityBody, response: { 200: maturityResult } } },
    async (request) => recordMaturity({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, msmeId: request.params.msmeId, input: request.body }),
  );
  app.get(
    '/api/programs/:id/msmes/:msmeId/maturity',
    { config: { access: { roles: recorders } }, schema: { tags: ['assessments'], summary: "An MSME's questionnaires in the programme, current level and its history", params: programmeMsmeParams, response: { 200: maturityView } } },
    async (request) => getMaturity({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, msmeId: request.params.msmeId }),
  );
  app.get(
    '/api/programs/:id/maturity/summary',
    { config: { access: { roles: reporters } }, schema: { tags: ['assessments'], summary: 'Baseline and endline levels, businesses that moved up, newly on-boarded', params: idParams, response: { 200: maturitySummaryView } } },
    async (request) => maturitySummary({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id }),
  );

  // Knowledge tests
  app.get(
    '/api/programs/:id/modules/:moduleId/questions',
    { config: { access: { roles: organisers } }, schema: { tags: ['assessments'], summary: "A module's test questions with the correct answers", params: moduleQuestionParams, response: { 200: questionList } } },
    async (request) => listQuestions({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, moduleId: request.params.moduleId }),
  );
  app.post(
    '/api/programs/:id/modules/:moduleId/questions',
    { config: { access: { roles: managers } }, schema: { tags: ['assessments'], summary: 'Add a single- or multiple-choice question to the module (used by its pre- and post-test)', params: moduleQuestionParams, body: createQuestionBody, response: { 201: questionView } } },
    async (request, reply) => reply.status(201).send(await createQuestion({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, moduleId: request.params.moduleId, input: request.body })),
  );
  app.patch(
    '/api/programs/:id/questions/:questionId',
    { config: { access: { roles: managers } }, schema: { tags: ['assessments'], summary: 'Edit, reorder or archive a question (attempts keep the score they got)', params: questionParams, body: updateQuestionBody, response: { 200: questionView } } },
    async (request) => updateQuestion({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, questionId: request.params.questionId, input: request.body }),
  );
  app.post(
    '/api/sync/test-attempts',
    {
      config: { access: { roles: recorders } },
      schema: { tags: ['assessments'], summary: 'Paper test results typed in by trainers (answers or score), each stored once by client id; refused ones come back with a reason', body: syncAttemptsBody, response: { 200: attemptsResult } },
    },
    async (request) => syncPaperAttempts({ db: ctx.db, actor: actorOf(request), attempts: request.body.attempts }),
  );
  app.get(
    '/api/programs/:id/tests/summary',
    { config: { access: { roles: reporters } }, schema: { tags: ['assessments'], summary: 'Per module: questions, people tested, average best pre- and post-test scores, passes', params: idParams, response: { 200: testsSummaryView } } },
    async (request) => testsSummary({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id }),
  );

  // Feedback
  app.post(
    '/api/sessions/:id/feedback',
    { config: { access: { roles: recorders } }, schema: { tags: ['assessments'], summary: 'A feedback form collected on paper (rating 1–5, would-recommend 0–10, comment), stored once by client id', params: sessionParams, body: feedbackBody, response: { 200: feedbackResult } } },
    async (request) => recordSessionFeedback({ db: ctx.db, actor: actorOf(request), sessionId: request.params.id, input: request.body, locale: request.locale }),
  );
  app.get(
    '/api/sessions/:id/feedback',
    { config: { access: { roles: ANY_ROLE } }, schema: { tags: ['assessments'], summary: "A session's feedback: average rating, NPS, comments (no comments for viewers)", params: sessionParams, response: { 200: sessionFeedbackView } } },
    async (request) => getSessionFeedback({ db: ctx.db, actor: actorOf(request), sessionId: request.params.id }),
  );
  app.get(
    '/api/programs/:id/feedback/summary',
    { config: { access: { roles: reporters } }, schema: { tags: ['assessments'], summary: "The programme's feedback overall and per session", params: idParams, response: { 200: programmeFeedbackView } } },
    async (request) => programmeFeedback({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id }),
  );

  // The participant's own link
  app.get(
    '/api/programs/:id/participant-links/:personId',
    { config: { access: { roles: recorders } }, schema: { tags: ['assessments'], summary: "A participant's personal link and QR (tests, feedback, self-assessment, own certificate); trainers: people of their sessions", params: programmePersonParams, response: { 200: participantLinkView } } },
    async (request) => participantLink({ db: ctx.db, secret: ctx.secret, actor: actorOf(request), programmeId: request.params.id, personId: request.params.personId, linkBase: publicBase(ctx, request) }),
  );
  app.get(
    '/api/participant',
    {
      config: participantAccess,
      schema: { tags: ['participant'], summary: `What a participant sees through their personal link (token in the ${PARTICIPANT_TOKEN_HEADER} header): tests without answers, sessions for feedback, certificate`, security: [], headers: participantHeaders, response: { 200: participantHomeView } },
    },
    async (request) => participantHome({ db: ctx.db, identity: await participantOf(ctx.db, ctx.secret, request.headers[PARTICIPANT_TOKEN_HEADER]) }),
  );
  app.post(
    '/api/participant/test-attempts',
    {
      config: participantAccess,
      schema: { tags: ['participant'], summary: 'Test attempts taken on the phone, also queued offline: each stored once by client id, scored on arrival', security: [], headers: participantHeaders, body: participantAttemptsBody, response: { 200: attemptsResult } },
    },
    async (request) => {
      const identity = await participantOf(ctx.db, ctx.secret, request.headers[PARTICIPANT_TOKEN_HEADER]);
      return syncParticipantAttempts({ db: ctx.db, identity, attempts: request.body.attempts });
    },
  );
  app.post(
    '/api/participant/feedback',
    { config: participantAccess, schema: { tags: ['participant'], summary: 'Feedback on a session the participant attended or was booked on (once per session)', security: [], headers: participantHeaders, body: participantFeedbackBody, response: { 200: feedbackResult } } },
    async (request) => {
      const identity = await participantOf(ctx.db, ctx.secret, request.headers[PARTICIPANT_TOKEN_HEADER]);
      return submitParticipantFeedback({ db: ctx.db, identity, input: request.body, locale: request.locale });
    },
  );
  app.post(
    '/api/participant/maturity',
    {
      config: participantAccess,
      schema: { tags: ['participant'], summary: "The owner's own digital-maturity questionnaire (baseline or endline)", security: [], headers: participantHeaders, body: maturityBody.omit({ assessedOn: true }), response: { 200: maturityResult } },
    },
    async (request) => {
      const identity = await participantOf(ctx.db, ctx.secret, request.headers[PARTICIPANT_TOKEN_HEADER]);
      const msmeId = identity.msmeId;
      if (!msmeId) throw new AppError('conflict', 'errors.maturity.noBusiness');
      return ctx.db.transaction((tx) => saveMaturityAssessment(tx, { programmeId: identity.programmeId, msmeId, phase: request.body.phase, answers: request.body.answers, source: 'self', actorUserId: null }));
    },
  );
  app.get(
    '/api/participant/certificate.pdf',
    { config: participantAccess, schema: { tags: ['participant'], summary: "The participant's own certificate as PDF", security: [], headers: participantHeaders } },
    async (request, reply) => {
      const identity = await participantOf(ctx.db, ctx.secret, request.headers[PARTICIPANT_TOKEN_HEADER]);
      const file = await ownCertificatePdf({ db: ctx.db, identity });
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${file.filename}"`).send(file.content);
    },
  );
}
