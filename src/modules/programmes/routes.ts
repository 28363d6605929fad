import { ANY_ROLE, GLOBAL_ACTION_ROLES } from '../../core/policy.ts';
import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { idParams } from '../../server/schema-helpers.ts';
import { replicateProgramme } from './replicate-programme.ts';
import {
  createProgrammeBody,
  listProgrammesQuery,
  programmeCodeParams,
  programmeList,
  programmeView,
  replicateProgrammeBody,
  updateProgrammeBody,
} from './schema.ts';
import { createProgramme, getProgramme, getProgrammeByCode, listProgrammes, updateProgramme } from './service.ts';

const creators = GLOBAL_ACTION_ROLES['programme.create'];

export function registerProgrammeRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    '/api/programs',
    {
      config: { access: { roles: ANY_ROLE } },
      schema: { tags: ['programmes'], summary: 'Programmes the caller may see', querystring: listProgrammesQuery, response: { 200: programmeList } },
    },
    async (request) => listProgrammes({ db: ctx.db, actor: actorOf(request), query: request.query }),
  );
  app.post(
    '/api/programs',
    { config: { access: { roles: creators } }, schema: { tags: ['programmes'], summary: 'Create a programme', body: createProgrammeBody, response: { 201: programmeView } } },
    async (request, reply) => reply.status(201).send(await createProgramme({ db: ctx.db, actor: actorOf(request), input: request.body })),
  );
  app.get(
    '/api/programs/by-code/:code',
    { config: { access: { roles: ANY_ROLE } }, schema: { tags: ['programmes'], summary: 'A programme by its code', params: programmeCodeParams, response: { 200: programmeView } } },
    async (request) => getProgrammeByCode({ db: ctx.db, actor: actorOf(request), code: request.params.code }),
  );
  app.get(
    '/api/programs/:id',
    { config: { access: { roles: ANY_ROLE } }, schema: { tags: ['programmes'], summary: 'One programme', params: idParams, response: { 200: programmeView } } },
    async (request) => getProgramme({ db: ctx.db, actor: actorOf(request), id: request.params.id }),
  );
  app.patch(
    '/api/programs/:id',
    {
      config: { access: { roles: ['admin', 'program_manager'] } },
      schema: { tags: ['programmes'], summary: 'Edit, archive (`archived: true`) or restore a programme', params: idParams, body: updateProgrammeBody, response: { 200: programmeView } },
    },
    async (request) => updateProgramme({ db: ctx.db, actor: actorOf(request), id: request.params.id, input: request.body }),
  );
  app.post(
    '/api/programs/:id/replicate',
    {
      config: { access: { roles: creators } },
      schema: { tags: ['programmes'], summary: "Copy a programme's structure to new regions", params: idParams, body: replicateProgrammeBody, response: { 201: programmeView } },
    },
    async (request, reply) => reply.status(201).send(await replicateProgramme({ db: ctx.db, actor: actorOf(request), sourceId: request.params.id, input: request.body })),
  );
}
