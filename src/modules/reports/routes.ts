import type { Role } from '../../core/policy.ts';
import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { idParams } from '../../server/schema-helpers.ts';
import { createReport, getReport, reportContent, reportView } from './report-job.ts';
import { createReportBody, reportView as reportViewSchema } from './schema.ts';

/** Aggregates without personal data: everyone but trainers (viewers get small cells hidden). */
const REPORTERS: readonly Role[] = ['admin', 'program_manager', 'partner_coordinator', 'viewer'];

export function registerReportRoutes(app: ApiApp, ctx: AppContext): void {
  app.post(
    '/api/programs/:id/reports',
    {
      config: { access: { roles: REPORTERS } },
      schema: { tags: ['reports'], summary: 'Make the XLSX or PDF indicator report of a programme for a period: a durable job with progress', params: idParams, body: createReportBody, response: { 202: reportViewSchema } },
    },
    async (request, reply) => {
      const view = await createReport({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, input: request.body, locale: request.locale });
      app.jobs.wake();
      return reply.status(202).send(view);
    },
  );
  app.get(
    '/api/reports/:id',
    { config: { access: { roles: REPORTERS } }, schema: { tags: ['reports'], summary: 'Progress of a report', params: idParams, response: { 200: reportViewSchema } } },
    async (request) => reportView(await getReport({ db: ctx.db, actor: actorOf(request), id: request.params.id }), request.locale),
  );
  app.get(
    '/api/reports/:id/download',
    { config: { access: { roles: REPORTERS } }, schema: { tags: ['reports'], summary: 'The finished report file (409 while it is being made)', params: idParams } },
    async (request, reply) => {
      const row = await getReport({ db: ctx.db, actor: actorOf(request), id: request.params.id });
      const file = await reportContent(ctx.db, row);
      return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.content);
    },
  );
}
