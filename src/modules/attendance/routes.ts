import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { sessionParams } from '../sessions/schema.ts';
import { listConflicts, resolveConflict, syncParticipantEdits } from './participant-sync.ts';
import {
  checkInBody,
  checkInCodeView,
  checkInResult,
  conflictList,
  conflictParams,
  conflictsQuery,
  conflictView,
  participantProgress,
  programmePersonParams,
  progressList,
  progressQuery,
  rejectionList,
  rejectionsQuery,
  resolveConflictBody,
  syncAttendanceBody,
  syncAttendanceResult,
  syncParticipantsBody,
  syncParticipantsResult,
  walkInBody,
  walkInResult,
} from './schema.ts';
import { checkIn, checkInCode, getParticipantProgress, listProgress, listRejections, registerWalkIn } from './service.ts';
import { syncAttendance } from './sync-attendance.ts';
import { idParams } from '../../server/schema-helpers.ts';

/** People who take attendance: trainers on the sessions they run, organisers on their programmes. */
const recorders = ['admin', 'program_manager', 'partner_coordinator', 'trainer'] as const;
/** Personal data of a whole programme: never viewers, not trainers. */
const organisers = ['admin', 'program_manager', 'partner_coordinator'] as const;

export function registerAttendanceRoutes(app: ApiApp, ctx: AppContext): void {
  app.post(
    '/api/sync/attendance',
    {
      config: { access: { roles: recorders } },
      schema: {
        tags: ['attendance'],
        summary: 'Offline sync (stable contract): store attendance records exactly once each; refused records are kept with a reason',
        body: syncAttendanceBody,
        response: { 200: syncAttendanceResult },
      },
    },
    async (request) => {
      const { accepted, duplicates, rejected } = await syncAttendance({ db: ctx.db, actor: actorOf(request), records: request.body.records });
      return { accepted, duplicates, rejected };
    },
  );
  app.get(
    '/api/sync/rejections',
    {
      config: { access: { roles: recorders } },
      schema: { tags: ['attendance'], summary: "Refused attendance records: the caller's own, or a programme's (organisers)", querystring: rejectionsQuery, response: { 200: rejectionList } },
    },
    async (request) =>
      listRejections({ db: ctx.db, actor: actorOf(request), programmeId: request.query.programmeId, includeResolved: request.query.includeResolved, limit: request.query.limit, locale: request.locale }),
  );
  app.post(
    '/api/sync/participants',
    {
      config: { access: { roles: recorders } },
      schema: {
        tags: ['attendance'],
        summary: 'Offline participant edits with their base version: applied, or kept as a conflict when the server changed meanwhile',
        body: syncParticipantsBody,
        response: { 200: syncParticipantsResult },
      },
    },
    async (request) => syncParticipantEdits({ db: ctx.db, actor: actorOf(request), edits: request.body.edits, locale: request.locale }),
  );
  app.post(
    '/api/sessions/:id/check-in',
    { config: { access: { roles: recorders } }, schema: { tags: ['attendance'], summary: "Check a participant in with their personal QR code", params: sessionParams, body: checkInBody, response: { 200: checkInResult } } },
    async (request) =>
      checkIn({
        db: ctx.db,
        secret: ctx.secret,
        actor: actorOf(request),
        sessionId: request.params.id,
        token: request.body.token,
        clientId: request.body.clientId,
        capturedAt: request.body.capturedAt,
        locale: request.locale,
      }),
  );
  app.post(
    '/api/sessions/:id/walk-ins',
    {
      config: { access: { roles: recorders } },
      schema: { tags: ['attendance'], summary: 'Register a walk-in with the registry validation, add them to the roster and (with clientId) mark them present', params: sessionParams, body: walkInBody, response: { 201: walkInResult } },
    },
    async (request, reply) => reply.status(201).send(await registerWalkIn({ database: ctx.database, actor: actorOf(request), sessionId: request.params.id, input: request.body })),
  );
  app.get(
    '/api/programs/:id/check-in-codes/:personId',
    { config: { access: { roles: organisers } }, schema: { tags: ['attendance'], summary: "A participant's personal check-in QR code (text and SVG)", params: programmePersonParams, response: { 200: checkInCodeView } } },
    async (request) => checkInCode({ db: ctx.db, secret: ctx.secret, actor: actorOf(request), programmeId: request.params.id, personId: request.params.personId }),
  );
  app.get(
    '/api/programs/:id/progress',
    {
      config: { access: { roles: organisers } },
      schema: { tags: ['attendance'], summary: "Participants' attended share of the learning path and completion, newest enrolment first", params: idParams, querystring: progressQuery, response: { 200: progressList } },
    },
    async (request) => listProgress({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, query: request.query }),
  );
  app.get(
    '/api/programs/:id/progress/:personId',
    { config: { access: { roles: organisers } }, schema: { tags: ['attendance'], summary: "One participant's sessions, attendance and completion", params: programmePersonParams, response: { 200: participantProgress } } },
    async (request) => getParticipantProgress({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, personId: request.params.personId }),
  );
  app.get(
    '/api/programs/:id/participant-conflicts',
    { config: { access: { roles: organisers } }, schema: { tags: ['attendance'], summary: 'Offline participant edits that conflict with a newer server edit (both versions)', params: idParams, querystring: conflictsQuery, response: { 200: conflictList } } },
    async (request) => listConflicts({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, status: request.query.status }),
  );
  app.post(
    '/api/programs/:id/participant-conflicts/:conflictId/resolve',
    { config: { access: { roles: organisers } }, schema: { tags: ['attendance'], summary: "Keep the server's version or apply the device's", params: conflictParams, body: resolveConflictBody, response: { 200: conflictView } } },
    async (request) => resolveConflict({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, conflictId: request.params.conflictId, keep: request.body.keep }),
  );
}
