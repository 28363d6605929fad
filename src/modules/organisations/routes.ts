import { GLOBAL_ACTION_ROLES } from '../../core/policy.ts';
import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { idParams } from '../../server/schema-helpers.ts';
import { createOrganisationBody, listOrganisationsQuery, organisationList, organisationView, updateOrganisationBody } from './schema.ts';
import { createOrganisation, getOrganisation, listOrganisations, updateOrganisation } from './service.ts';

export function registerOrganisationRoutes(app: ApiApp, ctx: AppContext): void {
  const readers = { roles: GLOBAL_ACTION_ROLES['organisation.read'] };
  const managers = { roles: GLOBAL_ACTION_ROLES['organisation.manage'] };
  app.get(
    '/api/organisations',
    { config: { access: readers }, schema: { tags: ['organisations'], summary: 'Organisations', querystring: listOrganisationsQuery, response: { 200: organisationList } } },
    async (request) => listOrganisations({ db: ctx.db, query: request.query }),
  );
  app.post(
    '/api/organisations',
    { config: { access: managers }, schema: { tags: ['organisations'], summary: 'Create an organisation', body: createOrganisationBody, response: { 201: organisationView } } },
    async (request, reply) => reply.status(201).send(await createOrganisation({ db: ctx.db, actor: actorOf(request), input: request.body })),
  );
  app.get(
    '/api/organisations/:id',
    { config: { access: readers }, schema: { tags: ['organisations'], params: idParams, response: { 200: organisationView } } },
    async (request) => getOrganisation({ db: ctx.db, id: request.params.id }),
  );
  app.patch(
    '/api/organisations/:id',
    { config: { access: managers }, schema: { tags: ['organisations'], summary: 'Edit or archive an organisation', params: idParams, body: updateOrganisationBody, response: { 200: organisationView } } },
    async (request) => updateOrganisation({ db: ctx.db, actor: actorOf(request), id: request.params.id, input: request.body }),
  );
}
