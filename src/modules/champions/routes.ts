import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { publicBase } from '../../server/public-url.ts';
import { idParams } from '../../server/schema-helpers.ts';
import { championParams, championRanking as rankingView, championView, createChampionBody, rankingQuery, REFERRAL_TOKEN_HEADER, referralHeaders, referralInfo as referralInfoView, referralLinkView, registerBody, registerResult, updateChampionBody } from './schema.ts';
import { championRanking, createChampion, referralInfo, referralLink, registerThroughReferral, updateChampion } from './service.ts';

const organisers = ['admin', 'program_manager', 'partner_coordinator'] as const;
const reporters = ['admin', 'program_manager', 'partner_coordinator', 'viewer'] as const;

export function registerChampionRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    '/api/programs/:id/champions',
    {
      config: { access: { roles: reporters } },
      schema: { tags: ['champions'], summary: 'Champions ranked by referrals or by referred people who completed the training (viewers: no names)', params: idParams, querystring: rankingQuery, response: { 200: rankingView } },
    },
    async (request) => championRanking({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, sort: request.query.sort }),
  );
  app.post(
    '/api/programs/:id/champions',
    { config: { access: { roles: organisers } }, schema: { tags: ['champions'], summary: 'Register a digital champion (youth, religious leader, community figure)', params: idParams, body: createChampionBody, response: { 201: championView } } },
    async (request, reply) => reply.status(201).send(await createChampion({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, input: request.body })),
  );
  app.patch(
    '/api/programs/:id/champions/:championId',
    { config: { access: { roles: organisers } }, schema: { tags: ['champions'], summary: "Change a champion's category, or deactivate them (their link stops working)", params: championParams, body: updateChampionBody, response: { 200: championView } } },
    async (request) => updateChampion({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, championId: request.params.championId, input: request.body }),
  );
  app.get(
    '/api/programs/:id/champions/:championId/referral-link',
    { config: { access: { roles: organisers } }, schema: { tags: ['champions'], summary: "The champion's personal referral link and QR code", params: championParams, response: { 200: referralLinkView } } },
    async (request) => referralLink({ db: ctx.db, secret: ctx.secret, actor: actorOf(request), programmeId: request.params.id, championId: request.params.championId, linkBase: publicBase(ctx, request) }),
  );
  app.get(
    '/api/register',
    {
      config: { access: { public: true }, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { tags: ['champions'], summary: `The registration page of a referral link (token in the ${REFERRAL_TOKEN_HEADER} header): programme and champion`, security: [], headers: referralHeaders, response: { 200: referralInfoView } },
    },
    async (request) => referralInfo({ db: ctx.db, secret: ctx.secret, token: request.headers[REFERRAL_TOKEN_HEADER] }),
  );
  app.post(
    '/api/register',
    {
      config: { access: { public: true }, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['champions'],
        summary: "Self-registration through a champion's referral link: the roster's validation, attributed to the champion; optional baseline questionnaire",
        security: [],
        body: registerBody,
        response: { 201: registerResult },
      },
    },
    async (request, reply) => reply.status(201).send(await registerThroughReferral({ database: ctx.database, secret: ctx.secret, input: request.body, locale: request.locale })),
  );
}
