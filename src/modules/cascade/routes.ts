import { ANY_ROLE } from '../../core/policy.ts';
import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { idParams } from '../../server/schema-helpers.ts';
import { sessionParams } from '../sessions/schema.ts';
import { cascadeView, certificationParams, certificationView, certifyTrainersBody, certifyTrainersResult, createCertificationBody, updateCertificationBody } from './schema.ts';
import { certifyTrainers, createCertification, getCascade, updateCertification } from './service.ts';

const organisers = ['admin', 'program_manager', 'partner_coordinator'] as const;

export function registerCascadeRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    '/api/programs/:id/cascade',
    {
      config: { access: { roles: ANY_ROLE } },
      schema: {
        tags: ['cascade'],
        summary: 'The ToT cascade as a tree, with reach rolled up at each node: trainers certified below, sessions, unique participants, completed, digitally on-boarded (trainers: their own branch; viewers: no names)',
        params: idParams,
        response: { 200: cascadeView },
      },
    },
    async (request) => getCascade({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id }),
  );
  app.post(
    '/api/programs/:id/trainer-certifications',
    {
      config: { access: { roles: organisers } },
      schema: { tags: ['cascade'], summary: 'Record a master trainer (no parent) or a trainer certified outside a ToT session', params: idParams, body: createCertificationBody, response: { 201: certificationView } },
    },
    async (request, reply) => reply.status(201).send(await createCertification({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, input: request.body })),
  );
  app.patch(
    '/api/programs/:id/trainer-certifications/:certificationId',
    { config: { access: { roles: organisers } }, schema: { tags: ['cascade'], summary: "Link a certified trainer's account (role trainer) or change their organisation", params: certificationParams, body: updateCertificationBody, response: { 200: certificationView } } },
    async (request) => updateCertification({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, certificationId: request.params.certificationId, input: request.body }),
  );
  app.post(
    '/api/sessions/:id/certify-trainers',
    {
      config: { access: { roles: organisers } },
      schema: {
        tags: ['cascade'],
        summary: "Certify attendees of a ToT session as trainers, under the session's (certified) trainer",
        params: sessionParams,
        body: certifyTrainersBody,
        response: { 200: certifyTrainersResult },
      },
    },
    async (request) => certifyTrainers({ db: ctx.db, actor: actorOf(request), sessionId: request.params.id, input: request.body, locale: request.locale }),
  );
}
