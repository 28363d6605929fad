import { z } from 'zod';
import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { idParams, pageQuery, paged } from '../../server/schema-helpers.ts';
import { QUALITY_CHECKS } from './checks.ts';
import { listQualityTasks, resolveQualityTask, runQualityChecksNow } from './service.ts';

/** Who works on data-quality tasks: not viewers (tasks name sessions and participants by id). */
const workers = ['admin', 'program_manager', 'partner_coordinator', 'trainer'] as const;
const organisers = ['admin', 'program_manager', 'partner_coordinator'] as const;

const tasksQuery = pageQuery.extend({
  status: z.enum(['open', 'resolved']).optional(),
  check: z.enum(QUALITY_CHECKS).optional(),
  /** A user id, `me`, or `none` (not routed to anyone: the programme's managers). */
  assignee: z.union([z.uuid(), z.enum(['me', 'none'])]).optional(),
});

const taskView = z.object({
  id: z.uuid(),
  check: z.string(),
  subjectKey: z.string(),
  details: z.record(z.string(), z.unknown()),
  status: z.enum(['open', 'resolved']),
  assigneeUserId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  firstFoundAt: z.string(),
  lastFoundAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedByName: z.string().nullable(),
  autoClosed: z.boolean(),
  resolutionComment: z.string().nullable(),
});

const checkOutcome = z.object({ check: z.string(), found: z.number().int(), opened: z.number().int(), updated: z.number().int(), closed: z.number().int() });

export function registerQualityRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    '/api/programs/:id/quality/tasks',
    {
      config: { access: { roles: workers } },
      schema: {
        tags: ['quality'],
        summary: "Data-quality tasks of a programme (trainers: those routed to them), newest found first, with open counts per check",
        params: idParams,
        querystring: tasksQuery,
        response: { 200: paged(taskView).extend({ openByCheck: z.record(z.string(), z.number().int()) }) },
      },
    },
    async (request) => {
      const { page, pageSize, status, check, assignee } = request.query;
      return listQualityTasks({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, filters: { page, pageSize, status, check, assignee } });
    },
  );
  app.post(
    '/api/programs/:id/quality/run',
    {
      config: { access: { roles: organisers } },
      schema: {
        tags: ['quality'],
        summary: 'Run every data-quality check now (they also run after each import and attendance sync)',
        params: idParams,
        response: { 200: z.object({ checks: z.array(checkOutcome) }) },
      },
    },
    async (request) => runQualityChecksNow({ database: ctx.database, actor: actorOf(request), programmeId: request.params.id }),
  );
  app.post(
    '/api/programs/:id/quality/tasks/:taskId/resolve',
    {
      config: { access: { roles: workers } },
      schema: {
        tags: ['quality'],
        summary: 'Resolve an open task with a comment (it stays in the history)',
        params: idParams.extend({ taskId: z.uuid() }),
        body: z.object({ comment: z.string().trim().min(1, 'errors.field.required').max(2000) }),
        response: { 200: z.object({ id: z.uuid(), status: z.literal('resolved'), resolvedByName: z.string().nullable(), resolutionComment: z.string() }) },
      },
    },
    async (request) =>
      resolveQualityTask({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, taskId: request.params.taskId, comment: request.body.comment }),
  );
}
