import { AppError } from '../../core/app-error.ts';
import { ANY_ROLE } from '../../core/policy.ts';
import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { idParams } from '../../server/schema-helpers.ts';
import { createPartnershipBody, listPartnershipsQuery, partnershipList, partnershipParams, partnershipView, updatePartnershipBody } from './schema.ts';
import { attachMouDocument, createPartnership, getPartnership, listPartnerships, MOU_MAX_BYTES, readMouDocument, updatePartnership } from './service.ts';

const managers = ['admin', 'program_manager'] as const;

export function registerPartnershipRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    '/api/programs/:id/partnerships',
    {
      config: { access: { roles: ANY_ROLE } },
      schema: { tags: ['partnerships'], summary: "A programme's partners and MoUs, filtered and paged", params: idParams, querystring: listPartnershipsQuery, response: { 200: partnershipList } },
    },
    async (request) => listPartnerships({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, query: request.query }),
  );
  app.get(
    '/api/programs/:id/partnerships/:partnershipId',
    { config: { access: { roles: ANY_ROLE } }, schema: { tags: ['partnerships'], summary: 'One partnership with its MoU details', params: partnershipParams, response: { 200: partnershipView } } },
    async (request) => getPartnership({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, partnershipId: request.params.partnershipId }),
  );
  app.post(
    '/api/programs/:id/partnerships',
    { config: { access: { roles: managers } }, schema: { tags: ['partnerships'], summary: 'Add a partner', params: idParams, body: createPartnershipBody, response: { 201: partnershipView } } },
    async (request, reply) => reply.status(201).send(await createPartnership({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, input: request.body })),
  );
  app.patch(
    '/api/programs/:id/partnerships/:partnershipId',
    { config: { access: { roles: managers } }, schema: { tags: ['partnerships'], summary: 'Edit or archive a partnership', params: partnershipParams, body: updatePartnershipBody, response: { 200: partnershipView } } },
    async (request) =>
      updatePartnership({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, partnershipId: request.params.partnershipId, input: request.body }),
  );
  app.put(
    '/api/programs/:id/partnerships/:partnershipId/mou',
    {
      config: { access: { roles: managers } },
      schema: { tags: ['partnerships'], summary: 'Upload the MoU PDF (multipart field `file`, at most 10 MB)', params: partnershipParams, response: { 200: partnershipView } },
    },
    async (request) => {
      if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'errors.document.missing');
      const part = await request.file({ limits: { fileSize: MOU_MAX_BYTES, files: 1 } });
      if (!part) throw new AppError('bad_request', 'errors.document.missing');
      const content = await part.toBuffer();
      if (content.length === 0) throw new AppError('bad_request', 'errors.document.missing');
      return attachMouDocument({
        db: ctx.db,
        actor: actorOf(request),
        programmeId: request.params.id,
        partnershipId: request.params.partnershipId,
        file: { filename: part.filename || 'mou.pdf', content },
      });
    },
  );
  app.get(
    '/api/programs/:id/partnerships/:partnershipId/mou',
    { config: { access: { roles: ['admin', 'program_manager', 'partner_coordinator'] } }, schema: { tags: ['partnerships'], summary: 'Download the MoU PDF', params: partnershipParams } },
    async (request, reply) => {
      const doc = await readMouDocument({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, partnershipId: request.params.partnershipId });
      return reply
        .type(doc.contentType)
        .header('content-disposition', `attachment; filename="${doc.filename.replace(/[^\w.-]+/g, '_')}"`)
        .send(doc.content);
    },
  );
}
