import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { ANY_ROLE } from '../../core/policy.ts';
import { idParams } from '../../server/schema-helpers.ts';
import { createSiteBody, listSitesQuery, siteList, siteParams, siteView, updateSiteBody } from './schema.ts';
import { createSite, listSites, updateSite } from './service.ts';

const writers = ['admin', 'program_manager', 'partner_coordinator'] as const;

export function registerSiteRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    '/api/programs/:id/sites',
    { config: { access: { roles: ANY_ROLE } }, schema: { tags: ['sites'], summary: "A programme's sites", params: idParams, querystring: listSitesQuery, response: { 200: siteList } } },
    async (request) => listSites({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, query: request.query }),
  );
  app.post(
    '/api/programs/:id/sites',
    { config: { access: { roles: writers } }, schema: { tags: ['sites'], summary: 'Add a site', params: idParams, body: createSiteBody, response: { 201: siteView } } },
    async (request, reply) => reply.status(201).send(await createSite({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, input: request.body })),
  );
  app.patch(
    '/api/programs/:id/sites/:siteId',
    { config: { access: { roles: writers } }, schema: { tags: ['sites'], summary: 'Edit or archive a site', params: siteParams, body: updateSiteBody, response: { 200: siteView } } },
    async (request) => updateSite({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, siteId: request.params.siteId, input: request.body }),
  );
}
