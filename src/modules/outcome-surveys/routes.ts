import { z } from 'zod';
import { outcomeAnswer, SURVEY_PHASES } from '../../core/outcome-survey.ts';
import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { publicBase } from '../../server/public-url.ts';
import { bilingual, caveatView } from '../impact/routes.ts';
import { idParams, isoDate } from '../../server/schema-helpers.ts';
import { answerSurvey, listSurveyRounds, openSurvey, recordResponse, sendSurveyRound, surveyLinkFor } from './service.ts';
import { programmeOutcomes } from './summary.ts';

const organisers = ['admin', 'program_manager', 'partner_coordinator'] as const;
const recorders = ['admin', 'program_manager', 'partner_coordinator', 'trainer'] as const;
const reporters = ['admin', 'program_manager', 'partner_coordinator', 'viewer'] as const;
/** Public: the signed token is the credential. Rate-limited per address against guessing. */
const publicAccess = { access: { public: true as const }, rateLimit: { max: 60, timeWindow: '1 minute' } };

const phase = z.enum(SURVEY_PHASES);
const roundView = z.object({
  id: z.uuid(),
  phase,
  channel: z.enum(['email', 'whatsapp', 'sms', 'log']),
  expiresAt: z.string(),
  sentAt: z.string().nullable(),
  invited: z.number().int(),
  skipped: z.number().int(),
  answered: z.number().int(),
  responseRate: z.number().nullable(),
});
const token = z.string().trim().min(1).max(200);
const estimate = z.object({ estimate: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable(), treatedChange: z.number().nullable(), comparisonChange: z.number().nullable() }).nullable();

export function registerOutcomeSurveyRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    '/api/programs/:id/outcome-surveys',
    { config: { access: { roles: organisers } }, schema: { tags: ['outcomes'], summary: 'Outcome survey rounds with invited, answered and response rate', params: idParams, response: { 200: z.object({ items: z.array(roundView) }) } } },
    async (request) => listSurveyRounds({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id }),
  );
  app.post(
    '/api/programs/:id/outcome-surveys',
    {
      config: { access: { roles: organisers } },
      schema: {
        tags: ['outcomes'],
        summary: 'Send a survey round (baseline, endline, six months after) to the enrolled MSMEs: one personal, expiring link each through the outbox',
        params: idParams,
        body: z.object({ phase, channel: z.enum(['email', 'whatsapp', 'sms', 'log']).default('whatsapp'), template: z.string().max(2000).nullish(), expiresOn: isoDate }),
        response: { 201: roundView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await sendSurveyRound({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, linkBase: publicBase(ctx, request), input: request.body })),
  );
  app.post(
    '/api/outcome-survey/open',
    {
      config: publicAccess,
      schema: {
        tags: ['outcomes'],
        summary: 'The survey a personal link opens (the link carries the token in its URL fragment)',
        security: [],
        body: z.object({ token }),
        response: { 200: z.object({ programme: z.string(), businessName: z.string(), phase, answered: z.boolean(), asksNewHires: z.boolean() }) },
      },
    },
    async (request) => openSurvey({ db: ctx.db, secret: ctx.secret, token: request.body.token }),
  );
  app.post(
    '/api/outcome-survey/answer',
    {
      config: publicAccess,
      schema: {
        tags: ['outcomes'],
        summary: 'Answer through a personal link: once, before it expires, with possible values only',
        security: [],
        body: z.object({ token, answer: outcomeAnswer }),
        response: { 200: z.object({ phase, stored: z.literal(true) }) },
      },
    },
    async (request) => answerSurvey({ db: ctx.db, secret: ctx.secret, token: request.body.token, answer: request.body.answer }),
  );
  app.post(
    '/api/programs/:id/msmes/:msmeId/outcome-responses',
    {
      config: { access: { roles: recorders } },
      schema: {
        tags: ['outcomes'],
        summary: 'Enter an MSME’s outcome answers for a phase (a mentor for their caseload)',
        params: z.object({ id: z.uuid(), msmeId: z.uuid() }),
        body: z.object({ phase, answer: outcomeAnswer }),
        response: { 201: z.object({ id: z.uuid(), phase }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordResponse({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, msmeId: request.params.msmeId, phase: request.body.phase, answer: request.body.answer })),
  );
  app.get(
    '/api/programs/:id/msmes/:msmeId/outcome-link',
    {
      config: { access: { roles: recorders } },
      schema: {
        tags: ['outcomes'],
        summary: 'An MSME’s personal survey link for a phase already sent (signed afresh, for a mentor to show or send by hand)',
        params: z.object({ id: z.uuid(), msmeId: z.uuid() }),
        querystring: z.object({ phase }),
        response: { 200: z.object({ url: z.string(), expiresAt: z.string(), answered: z.boolean() }) },
      },
    },
    async (request) =>
      surveyLinkFor({ db: ctx.db, actor: actorOf(request), secret: ctx.secret, linkBase: publicBase(ctx, request), programmeId: request.params.id, msmeId: request.params.msmeId, phase: request.query.phase }),
  );
  app.get(
    '/api/programs/:id/outcomes',
    {
      config: { access: { roles: reporters } },
      schema: {
        tags: ['outcomes'],
        summary: 'Outcome indicators (revenue growth, online share, jobs created) with response rates and difference-in-differences',
        params: idParams,
        response: {
          200: z.object({
            programmeId: z.uuid(),
            eligible: z.number().int(),
            answered: z.number().int(),
            responseRate: z.number().nullable(),
            byPhase: z.array(z.object({ phase: z.string(), answered: z.number().int(), byLink: z.number().int(), byMentor: z.number().int(), responseRate: z.number().nullable() })),
            indicators: z.array(
              z.object({
                code: z.string(),
                version: z.number().int(),
                name: z.object({ id: z.string(), en: z.string() }),
                unit: z.string(),
                value: z.number().nullable(),
                suppressed: z.boolean(),
                respondents: z.number().int(),
                eligible: z.number().int(),
                responseRate: z.number().nullable(),
              }),
            ),
            differenceInDifferences: z.object({
              available: z.boolean(),
              /** Why there is no estimate (no trained or no comparison group); null when there is one. */
              unavailableReason: caveatView.nullable(),
              method: bilingual,
              treated: z.number().int().nullable(),
              comparison: z.number().int().nullable(),
              /** MSMEs with both answers that were partly trained at the later one: in neither group. */
              partlyTrainedExcluded: z.number().int().nullable(),
              /** Net workers (paid + unpaid) per MSME. */
              workers: estimate,
              /** Percentage points of sales made online. */
              onlineShare: estimate,
              /** Steps between revenue bands (an ordered scale, not rupiah). */
              revenueBand: estimate,
              caveats: z.array(caveatView),
            }),
          }),
        },
      },
    },
    async (request) => programmeOutcomes({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id }),
  );
}
