import { ANY_ROLE } from '../../core/policy.ts';
import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { idParams } from '../../server/schema-helpers.ts';
import type { FastifyReply } from 'fastify';
import { assignCaseload, endCaseload, listCaseloads, listMyCaseload } from './caseload.ts';
import { addMilestonePhoto, listMilestones, listMsmeMilestones, readMilestonePhoto, submitMilestone, verifyMilestone } from './milestones.ts';
import { readUploadedImage } from './photos.ts';
import {
  caseloadBody,
  caseloadList,
  caseloadQuery,
  caseloadResult,
  createVisitBody,
  endCaseloadResult,
  milestoneList,
  milestoneParams,
  milestonesQuery,
  milestoneView,
  myCaseload,
  photoResult,
  programmeMsmeParams,
  submitMilestoneBody,
  syncVisitsBody,
  syncVisitsResult,
  verifyMilestoneBody,
  visitList,
  visitParams,
  visitPhotoParams,
  visitRejectionList,
  visitRejectionsQuery,
  visitView,
} from './schema.ts';
import { addVisitPhoto, createVisit, listVisitRejections, listVisits, readVisitPhoto, syncVisits } from './visits.ts';

const organisers = ['admin', 'program_manager', 'partner_coordinator'] as const;
/** Mentors (trainers) on their own caseload, organisers on every MSME of their programmes. */
const recorders = ['admin', 'program_manager', 'partner_coordinator', 'trainer'] as const;

function sendImage(reply: FastifyReply, file: { filename: string; contentType: string; content: Buffer }) {
  return reply
    .type(file.contentType)
    .header('content-disposition', `inline; filename="${file.filename.replace(/[^\w.-]+/g, '_')}"`)
    .header('x-content-type-options', 'nosniff')
    .send(file.content);
}

export function registerMentoringRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    '/api/programs/:id/caseloads',
    { config: { access: { roles: organisers } }, schema: { tags: ['mentoring'], summary: "Mentors' active caseloads in the programme, with visit counts", params: idParams, querystring: caseloadQuery, response: { 200: caseloadList } } },
    async (request) => listCaseloads({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, mentorUserId: request.query.mentorUserId }),
  );
  app.post(
    '/api/programs/:id/caseloads',
    { config: { access: { roles: organisers } }, schema: { tags: ['mentoring'], summary: 'Assign MSMEs of the programme to a mentor (a trainer account)', params: idParams, body: caseloadBody, response: { 200: caseloadResult } } },
    async (request) => assignCaseload({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, input: request.body }),
  );
  app.post(
    '/api/programs/:id/caseloads/end',
    { config: { access: { roles: organisers } }, schema: { tags: ['mentoring'], summary: "End MSMEs' assignment to a mentor (their visits stay)", params: idParams, body: caseloadBody, response: { 200: endCaseloadResult } } },
    async (request) => endCaseload({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, input: request.body }),
  );
  app.get(
    '/api/me/caseload',
    { config: { access: { roles: ANY_ROLE } }, schema: { tags: ['mentoring'], summary: "The caller's own caseload across programmes (the trainer app's mentoring list)", response: { 200: myCaseload } } },
    async (request) => listMyCaseload({ db: ctx.db, actor: actorOf(request) }),
  );
  app.post(
    '/api/sync/visits',
    {
      config: { access: { roles: recorders } },
      schema: {
        tags: ['mentoring'],
        summary: 'Offline sync of mentoring visits: each stored exactly once (by client id); refused records are kept with a reason',
        body: syncVisitsBody,
        response: { 200: syncVisitsResult },
      },
    },
    async (request) => syncVisits({ db: ctx.db, actor: actorOf(request), records: request.body.records }),
  );
  app.get(
    '/api/sync/visit-rejections',
    { config: { access: { roles: recorders } }, schema: { tags: ['mentoring'], summary: "The caller's refused visit records, with reasons", querystring: visitRejectionsQuery, response: { 200: visitRejectionList } } },
    async (request) => listVisitRejections({ db: ctx.db, actor: actorOf(request), includeResolved: request.query.includeResolved, locale: request.locale }),
  );
  app.get(
    '/api/programs/:id/msmes/:msmeId/visits',
    { config: { access: { roles: recorders } }, schema: { tags: ['mentoring'], summary: "An MSME's mentoring visits, newest first", params: programmeMsmeParams, response: { 200: visitList } } },
    async (request) => listVisits({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, msmeId: request.params.msmeId }),
  );
  app.post(
    '/api/programs/:id/msmes/:msmeId/visits',
    { config: { access: { roles: recorders } }, schema: { tags: ['mentoring'], summary: 'Record a visit online (201; 200 when the client id was already recorded)', params: programmeMsmeParams, body: createVisitBody, response: { 200: visitView, 201: visitView } } },
    async (request, reply) => {
      const { visit, created } = await createVisit({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, msmeId: request.params.msmeId, input: request.body });
      return reply.status(created ? 201 : 200).send(visit);
    },
  );
  app.post(
    '/api/visits/:id/photos',
    {
      config: { access: { roles: recorders } },
      schema: { tags: ['mentoring'], summary: 'Add a photo to a visit (multipart: `file` JPEG/PNG/WebP ≤ 2 MB, `clientId`); the same client id twice is stored once', params: visitParams, response: { 200: photoResult, 201: photoResult } },
    },
    async (request, reply) => {
      const image = await readUploadedImage(request);
      const result = await addVisitPhoto({ db: ctx.db, actor: actorOf(request), visitId: request.params.id, image });
      return reply.status(result.duplicate ? 200 : 201).send(result);
    },
  );
  app.get(
    '/api/visits/:id/photos/:photoId',
    { config: { access: { roles: recorders } }, schema: { tags: ['mentoring'], summary: 'A photo of a visit', params: visitPhotoParams } },
    async (request, reply) => sendImage(reply, await readVisitPhoto({ db: ctx.db, actor: actorOf(request), visitId: request.params.id, photoId: request.params.photoId })),
  );

  app.get(
    '/api/programs/:id/milestones',
    { config: { access: { roles: organisers } }, schema: { tags: ['milestones'], summary: "The programme's milestones (e.g. `status=pending`: waiting for verification)", params: idParams, querystring: milestonesQuery, response: { 200: milestoneList } } },
    async (request) => listMilestones({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, query: request.query }),
  );
  app.get(
    '/api/programs/:id/msmes/:msmeId/milestones',
    { config: { access: { roles: recorders } }, schema: { tags: ['milestones'], summary: "An MSME's milestones with evidence and verification", params: programmeMsmeParams, response: { 200: milestoneList } } },
    async (request) => listMsmeMilestones({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, msmeId: request.params.msmeId }),
  );
  app.put(
    '/api/programs/:id/msmes/:msmeId/milestones/:kind',
    { config: { access: { roles: recorders } }, schema: { tags: ['milestones'], summary: 'Record that the MSME reached a milestone (date, link as evidence); it waits for verification', params: milestoneParams, body: submitMilestoneBody, response: { 200: milestoneView } } },
    async (request) => submitMilestone({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, msmeId: request.params.msmeId, kind: request.params.kind, input: request.body }),
  );
  app.put(
    '/api/programs/:id/msmes/:msmeId/milestones/:kind/photo',
    { config: { access: { roles: recorders } }, schema: { tags: ['milestones'], summary: 'Attach a photo as evidence (multipart `file`: JPEG/PNG/WebP ≤ 2 MB)', params: milestoneParams, response: { 200: milestoneView } } },
    async (request) => {
      const image = await readUploadedImage(request);
      return addMilestonePhoto({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, msmeId: request.params.msmeId, kind: request.params.kind, image });
    },
  );
  app.get(
    '/api/programs/:id/msmes/:msmeId/milestones/:kind/photo',
    { config: { access: { roles: recorders } }, schema: { tags: ['milestones'], summary: "A milestone's evidence photo", params: milestoneParams } },
    async (request, reply) => sendImage(reply, await readMilestonePhoto({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, msmeId: request.params.msmeId, kind: request.params.kind })),
  );
  app.post(
    '/api/programs/:id/msmes/:msmeId/milestones/:kind/verify',
    { config: { access: { roles: organisers } }, schema: { tags: ['milestones'], summary: 'A coordinator verifies the evidence, or rejects it with a reason', params: milestoneParams, body: verifyMilestoneBody, response: { 200: milestoneView } } },
    async (request) => verifyMilestone({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, msmeId: request.params.msmeId, kind: request.params.kind, input: request.body }),
  );
}
