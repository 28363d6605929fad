import { ANY_ROLE } from '../../core/policy.ts';
import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { idParams } from '../../server/schema-helpers.ts';
import { createTargetBody, listTargetsQuery, targetList, targetParams, targetView, updateTargetBody } from './schema.ts';
import { createTarget, getTarget, listTargets, updateTarget } from './service.ts';

const managers = ['admin', 'program_manager'] as const;

export function registerTargetRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    '/api/programs/:id/targets',
    {
      config: { access: { roles: ANY_ROLE } },
      schema: { tags: ['targets'], summary: "A programme's targets, filtered and paged", params: idParams, querystring: listTargetsQuery, response: { 200: targetList } },
    },
    async (request) => listTargets({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, query: request.query }),
  );
  app.get(
    '/api/programs/:id/targets/:targetId',
    { config: { access: { roles: ANY_ROLE } }, schema: { tags: ['targets'], summary: 'One target', params: targetParams, response: { 200: targetView } } },
    async (request) => getTarget({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, targetId: request.params.targetId }),
  );
  app.post(
    '/api/programs/:id/targets',
    { config: { access: { roles: managers } }, schema: { tags: ['targets'], summary: 'Add a target', params: idParams, body: createTargetBody, response: { 201: targetView } } },
    async (request, reply) => reply.status(201).send(await createTarget({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, input: request.body })),
  );
  app.patch(
    '/api/programs/:id/targets/:targetId',
    { config: { access: { roles: managers } }, schema: { tags: ['targets'], summary: 'Edit or archive a target', params: targetParams, body: updateTargetBody, response: { 200: targetView } } },
    async (request) => updateTarget({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, targetId: request.params.targetId, input: request.body }),
  );
}
