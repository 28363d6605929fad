import { z } from 'zod';
import { ANY_ROLE } from '../../core/policy.ts';
import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { idParams } from '../../server/schema-helpers.ts';
import { getPublicResultsSetting, publicProgrammeResults, setPublicResults } from './service.ts';

const settingView = z.object({ published: z.boolean(), publishedAt: z.string().nullable() });

const publicResultsView = z.object({
  code: z.string(),
  name: z.string(),
  owner: z.string(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  asOf: z.string(),
  indicators: z.array(
    z.object({
      code: z.string(),
      name: z.object({ id: z.string(), en: z.string() }),
      unit: z.string(),
      /** null: fewer than 5 people behind it (hidden), or nothing to compute. */
      value: z.number().nullable(),
      target: z.number().nullable(),
      progress: z.number().nullable(),
    }),
  ),
  byProvince: z.array(z.object({ code: z.string(), name: z.string(), enrolled: z.number().nullable(), trained: z.number().nullable(), onboarded: z.number().nullable() })),
});

export function registerPublicResultsRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    '/api/programs/:id/public-results',
    { config: { access: { roles: ANY_ROLE } }, schema: { tags: ['reports'], summary: 'Whether the programme publishes its results page', params: idParams, response: { 200: settingView } } },
    async (request) => getPublicResultsSetting({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id }),
  );
  app.put(
    '/api/programs/:id/public-results',
    {
      config: { access: { roles: ['admin', 'program_manager'] } },
      schema: { tags: ['reports'], summary: 'Publish or withdraw the public results page of a programme (opt-in)', params: idParams, body: z.object({ published: z.boolean() }), response: { 200: settingView } },
    },
    async (request) => setPublicResults({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, published: request.body.published }),
  );
  app.get(
    '/api/public/programs/:code/results',
    {
      config: { access: { public: true }, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['reports'],
        summary: 'Public results of a programme that published them: headline indicators and counts per province, cells of fewer than 5 people null; 404 otherwise',
        security: [],
        params: z.object({ code: z.string().trim().min(1).max(60) }),
        response: { 200: publicResultsView },
      },
    },
    async (request) => publicProgrammeResults(ctx.db, request.params.code),
  );
}
