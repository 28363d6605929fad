import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ANY_ROLE } from '../../core/policy.ts';
import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { idParams } from '../../server/schema-helpers.ts';
import { withUploadedFile } from '../imports/upload.ts';
import { addCohortParticipantsFromList, addSessionParticipantsFromList } from './roster-list.ts';
import { addCohortParticipants, addSessionParticipants, removeSessionParticipant } from './roster.ts';
import {
  addFromFileQuery,
  addFromListBody,
  addFromListResult,
  addParticipantsBody,
  addParticipantsResult,
  calendarList,
  calendarQuery,
  cohortList,
  cohortParams,
  cohortView,
  createCohortBody,
  createSessionBody,
  listSessionsQuery,
  mySessionList,
  mySessionsQuery,
  sessionDetail,
  sessionList,
  sessionParams,
  sessionPersonParams,
  trainerList,
  updateCohortBody,
  updateSessionBody,
} from './schema.ts';
import { createCohort, createSession, getSession, listCohorts, listMySessions, listSessions, listTrainers, sessionCalendar, updateCohort, updateSession } from './service.ts';

/** Create and edit sessions and cohorts, assign trainers, enrol participants. */
const organisers = ['admin', 'program_manager', 'partner_coordinator'] as const;

/** An enrolment list holds at most 2,000 lines: a few hundred kilobytes, even as XLSX. */
const LIST_MAX_BYTES = 5 * 1024 * 1024;

/** The uploaded enrolment list, as a temporary file. */
function withUploadedList<T>(request: FastifyRequest, ctx: AppContext, use: (file: string) => Promise<T>): Promise<T> {
  return withUploadedFile(request, ctx.config.dataDir, { maxBytes: LIST_MAX_BYTES, prefix: 'list', tooLargeKey: 'errors.payloadTooLarge' }, (upload) => use(upload.path));
}

const fromFileSummary =
  'Add the participants a roster file names (CSV or XLSX, multipart field `file`; its NIK and/or phone columns, or one column of them without a header), matched through the keyed NIK/phone hashes; reports each line that added nobody, and refusals (capacity, double-booking)';
const fromListSummary = 'Add the participants a pasted list names (one NIK or phone number per line); same matching and report as the file';

export function registerSessionRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    '/api/programs/:id/sessions',
    {
      config: { access: { roles: ANY_ROLE } },
      schema: { tags: ['sessions'], summary: "A programme's sessions, by start time (trainers: only the sessions they run)", params: idParams, querystring: listSessionsQuery, response: { 200: sessionList } },
    },
    async (request) => listSessions({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, query: request.query, locale: request.locale }),
  );
  app.get(
    '/api/programs/:id/sessions/calendar',
    {
      config: { access: { roles: ANY_ROLE } },
      schema: { tags: ['sessions'], summary: 'Every session overlapping a date range, for a calendar (at most 2,000)', params: idParams, querystring: calendarQuery, response: { 200: calendarList } },
    },
    async (request) => sessionCalendar({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, query: request.query, locale: request.locale }),
  );
  app.post(
    '/api/programs/:id/sessions',
    {
      config: { access: { roles: organisers } },
      schema: { tags: ['sessions'], summary: "Plan a session (times in the site's local time zone)", params: idParams, body: createSessionBody, response: { 201: sessionDetail } },
    },
    async (request, reply) => reply.status(201).send(await createSession({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, input: request.body, locale: request.locale })),
  );
  app.get(
    '/api/programs/:id/trainers',
    { config: { access: { roles: organisers } }, schema: { tags: ['sessions'], summary: 'Trainer accounts that may be assigned to sessions', params: idParams, response: { 200: trainerList } } },
    async (request) => listTrainers({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id }),
  );
  app.get(
    '/api/me/sessions',
    { config: { access: { roles: ANY_ROLE } }, schema: { tags: ['sessions'], summary: 'Sessions the caller runs as a trainer, across programmes', querystring: mySessionsQuery, response: { 200: mySessionList } } },
    async (request) => listMySessions({ db: ctx.db, actor: actorOf(request), query: request.query, locale: request.locale }),
  );
  app.get(
    '/api/sessions/:id',
    { config: { access: { roles: ANY_ROLE } }, schema: { tags: ['sessions'], summary: 'A session with its roster (no roster for viewers)', params: sessionParams, response: { 200: sessionDetail } } },
    async (request) => getSession({ db: ctx.db, actor: actorOf(request), sessionId: request.params.id, locale: request.locale }),
  );
  app.patch(
    '/api/sessions/:id',
    {
      config: { access: { roles: organisers } },
      schema: { tags: ['sessions'], summary: 'Edit, reschedule, open, close or cancel a session; replace its modules or trainers', params: sessionParams, body: updateSessionBody, response: { 200: sessionDetail } },
    },
    async (request) => updateSession({ db: ctx.db, actor: actorOf(request), sessionId: request.params.id, input: request.body, locale: request.locale }),
  );
  app.post(
    '/api/sessions/:id/participants',
    {
      config: { access: { roles: organisers } },
      schema: {
        tags: ['sessions'],
        summary: 'Add programme participants to the roster, by ids or by filter; reports who was refused and why (capacity, double-booking)',
        params: sessionParams,
        body: addParticipantsBody,
        response: { 200: addParticipantsResult },
      },
    },
    async (request) => addSessionParticipants({ db: ctx.db, actor: actorOf(request), sessionId: request.params.id, input: request.body, locale: request.locale }),
  );
  app.post(
    '/api/sessions/:id/participants/file',
    {
      config: { access: { roles: organisers } },
      schema: { tags: ['sessions'], summary: fromFileSummary, params: sessionParams, querystring: addFromFileQuery, response: { 200: addFromListResult } },
    },
    async (request) =>
      withUploadedList(request, ctx, (file) =>
        addSessionParticipantsFromList({ db: ctx.db, actor: actorOf(request), sessionId: request.params.id, source: { kind: 'file', path: file, sheet: request.query.sheet }, locale: request.locale }),
      ),
  );
  app.post(
    '/api/sessions/:id/participants/list',
    {
      config: { access: { roles: organisers } },
      schema: { tags: ['sessions'], summary: fromListSummary, params: sessionParams, body: addFromListBody, response: { 200: addFromListResult } },
    },
    async (request) =>
      addSessionParticipantsFromList({ db: ctx.db, actor: actorOf(request), sessionId: request.params.id, source: { kind: 'text', text: request.body.text }, locale: request.locale }),
  );
  app.delete(
    '/api/sessions/:id/participants/:personId',
    { config: { access: { roles: organisers } }, schema: { tags: ['sessions'], summary: 'Take a person off the roster (not once they attended)', params: sessionPersonParams, response: { 204: z.undefined() } } },
    async (request, reply) => {
      await removeSessionParticipant({ db: ctx.db, actor: actorOf(request), sessionId: request.params.id, personId: request.params.personId });
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/programs/:id/cohorts',
    { config: { access: { roles: ANY_ROLE } }, schema: { tags: ['sessions'], summary: "A programme's cohorts", params: idParams, response: { 200: cohortList } } },
    async (request) => listCohorts({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id }),
  );
  app.post(
    '/api/programs/:id/cohorts',
    { config: { access: { roles: organisers } }, schema: { tags: ['sessions'], summary: 'Create a cohort (sessions join it with `cohortId`)', params: idParams, body: createCohortBody, response: { 201: cohortView } } },
    async (request, reply) => reply.status(201).send(await createCohort({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, input: request.body })),
  );
  app.patch(
    '/api/programs/:id/cohorts/:cohortId',
    { config: { access: { roles: organisers } }, schema: { tags: ['sessions'], summary: 'Rename or archive a cohort', params: cohortParams, body: updateCohortBody, response: { 200: cohortView } } },
    async (request) => updateCohort({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, cohortId: request.params.cohortId, input: request.body }),
  );
  app.post(
    '/api/programs/:id/cohorts/:cohortId/participants',
    {
      config: { access: { roles: organisers } },
      schema: { tags: ['sessions'], summary: "Add participants to every planned or open session of a cohort (all or none per person)", params: cohortParams, body: addParticipantsBody, response: { 200: addParticipantsResult } },
    },
    async (request) =>
      addCohortParticipants({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, cohortId: request.params.cohortId, input: request.body, locale: request.locale }),
  );
  app.post(
    '/api/programs/:id/cohorts/:cohortId/participants/file',
    {
      config: { access: { roles: organisers } },
      schema: { tags: ['sessions'], summary: `${fromFileSummary}, into every planned or open session of the cohort`, params: cohortParams, querystring: addFromFileQuery, response: { 200: addFromListResult } },
    },
    async (request) =>
      withUploadedList(request, ctx, (file) =>
        addCohortParticipantsFromList({
          db: ctx.db,
          actor: actorOf(request),
          programmeId: request.params.id,
          cohortId: request.params.cohortId,
          source: { kind: 'file', path: file, sheet: request.query.sheet },
          locale: request.locale,
        }),
      ),
  );
  app.post(
    '/api/programs/:id/cohorts/:cohortId/participants/list',
    {
      config: { access: { roles: organisers } },
      schema: { tags: ['sessions'], summary: `${fromListSummary}, into every planned or open session of the cohort`, params: cohortParams, body: addFromListBody, response: { 200: addFromListResult } },
    },
    async (request) =>
      addCohortParticipantsFromList({
        db: ctx.db,
        actor: actorOf(request),
        programmeId: request.params.id,
        cohortId: request.params.cohortId,
        source: { kind: 'text', text: request.body.text },
        locale: request.locale,
      }),
  );
}
