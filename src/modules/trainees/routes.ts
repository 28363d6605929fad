import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { idParams } from '../../server/schema-helpers.ts';
import { registerPersonBody, registerPersonResult, traineeSummary as traineeSummaryView } from './schema.ts';
import { registerPerson, traineeSummary } from './service.ts';

const organisers = ['admin', 'program_manager', 'partner_coordinator'] as const;
/** Aggregates without personal data. */
const reporters = ['admin', 'program_manager', 'partner_coordinator', 'viewer'] as const;

export function registerTraineeRoutes(app: ApiApp, ctx: AppContext): void {
  app.post(
    '/api/programs/:id/people',
    {
      config: { access: { roles: organisers } },
      schema: {
        tags: ['trainees'],
        summary: 'Register government staff (institution, unit, position), a trainer, a champion or another trainee in the programme (NIK or phone, as in the roster)',
        params: idParams,
        body: registerPersonBody,
        response: { 201: registerPersonResult },
      },
    },
    async (request, reply) => reply.status(201).send(await registerPerson({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, input: request.body })),
  );
  app.get(
    '/api/programs/:id/trainees/summary',
    { config: { access: { roles: reporters } }, schema: { tags: ['trainees'], summary: 'People trained by type (MSME owners, government staff, trainers, champions): registered, trained, completed', params: idParams, response: { 200: traineeSummaryView } } },
    async (request) => traineeSummary({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id }),
  );
}
