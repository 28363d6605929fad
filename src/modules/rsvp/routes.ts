import type { ApiApp } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { optOutBody, optOutResult, RSVP_TOKEN_HEADER, rsvpAnswerBody, rsvpAnswerResult, rsvpHeaders, rsvpSessionView } from './schema.ts';
import { answerRsvp, getRsvp, optOut } from './service.ts';

/** Public: the signed token is the credential. Rate-limited per address against guessing. */
const publicAccess = { access: { public: true as const }, rateLimit: { max: 60, timeWindow: '1 minute' } };

export function registerRsvpRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    '/api/rsvp/session',
    {
      config: publicAccess,
      schema: {
        tags: ['rsvp'],
        summary: `An invitation as the participant sees it (token in the ${RSVP_TOKEN_HEADER} header; the link carries it in the URL fragment)`,
        security: [],
        headers: rsvpHeaders,
        response: { 200: rsvpSessionView },
      },
    },
    async (request) => getRsvp({ db: ctx.db, secret: ctx.secret, token: request.headers[RSVP_TOKEN_HEADER], locale: request.locale }),
  );
  app.post(
    '/api/rsvp',
    { config: publicAccess, schema: { tags: ['rsvp'], summary: 'Answer an invitation: yes (joins the roster if there is room) or no', security: [], body: rsvpAnswerBody, response: { 200: rsvpAnswerResult } } },
    async (request) => answerRsvp({ db: ctx.db, secret: ctx.secret, token: request.body.token, answer: request.body.answer, locale: request.locale }),
  );
  app.post(
    '/api/rsvp/opt-out',
    { config: publicAccess, schema: { tags: ['rsvp'], summary: 'Stop all later invitations to this person (honoured by every campaign)', security: [], body: optOutBody, response: { 200: optOutResult } } },
    async (request) => optOut({ db: ctx.db, secret: ctx.secret, token: request.body.token, locale: request.locale }),
  );
}
