import { z } from 'zod';
import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { idParams } from '../../server/schema-helpers.ts';
import { enrolmentUpdate, listParticipantsQuery, participantDetail, participantInput, participantList, personEditInput, personParams, programmePersonParams } from './schema.ts';
import { addParticipant, getParticipant, listParticipants, updateEnrolment, updateParticipant } from './service.ts';

/** Personal data: never the viewer role; trainers see participants through their sessions. */
const readers = ['admin', 'program_manager', 'partner_coordinator'] as const;

export function registerParticipantRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    '/api/programs/:id/participants',
    {
      config: { access: { roles: readers } },
      schema: { tags: ['participants'], summary: "A programme's participants: search, filters, keyset paging", params: idParams, querystring: listParticipantsQuery, response: { 200: participantList } },
    },
    async (request) => listParticipants({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, query: request.query }),
  );
  app.post(
    '/api/programs/:id/participants',
    {
      config: { access: { roles: readers } },
      schema: {
        tags: ['participants'],
        summary: 'Add a participant by hand (same validation and deduplication as the import)',
        params: idParams,
        body: participantInput,
        response: { 201: participantDetail.extend({ existed: z.boolean(), alreadyEnrolled: z.boolean() }) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { personId, existed, alreadyEnrolled } = await addParticipant({ database: ctx.database, actor, programmeId: request.params.id, input: request.body });
      return reply.status(201).send({ ...(await getParticipant({ db: ctx.db, actor, personId })), existed, alreadyEnrolled });
    },
  );
  app.patch(
    '/api/programs/:id/participants/:personId',
    {
      config: { access: { roles: readers } },
      schema: { tags: ['participants'], summary: 'Change enrolment status, active or willing', params: programmePersonParams, body: enrolmentUpdate, response: { 204: z.undefined() } },
    },
    async (request, reply) => {
      await updateEnrolment({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, personId: request.params.personId, input: request.body });
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/participants/:personId',
    { config: { access: { roles: readers } }, schema: { tags: ['participants'], summary: 'A participant with their business and enrolments', params: personParams, response: { 200: participantDetail } } },
    async (request) => getParticipant({ db: ctx.db, actor: actorOf(request), personId: request.params.personId }),
  );
  app.patch(
    '/api/participants/:personId',
    { config: { access: { roles: readers } }, schema: { tags: ['participants'], summary: 'Edit a participant (same validation as the import)', params: personParams, body: personEditInput, response: { 200: participantDetail } } },
    async (request) => updateParticipant({ db: ctx.db, actor: actorOf(request), personId: request.params.personId, input: request.body }),
  );
}
