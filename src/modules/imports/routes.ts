import path from 'node:path';
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../server/context.ts';
import { idParams, queryBoolean } from '../../server/schema-helpers.ts';
import { getProgrammeByCode } from '../programmes/service.ts';
import { createImportJob, discardImportJob, getImportJob, listImportJobs, rejectedRowsCsv, toImportJobView } from './service.ts';
import { withUploadedFile } from './upload.ts';

/** Rosters are large (370,000 rows ≈ 60 MB as CSV); the file is streamed to disk, never held in memory. */
export const ROSTER_MAX_BYTES = 1024 * 1024 * 1024;

const importers = ['admin', 'program_manager', 'partner_coordinator'] as const;

const summary = z.object({
  total: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  rejectedByReason: z.record(z.string(), z.number().int()),
});

export const importJobView = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  phase: z.string().nullable(),
  filename: z.string(),
  dryRun: z.boolean(),
  percent: z.number(),
  rowsRead: z.number().nullable(),
  summary: summary.nullable(),
  unknownColumns: z.array(z.string()),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

const uploadQuery = z.object({ dryRun: queryBoolean.default(false), sheet: z.string().trim().max(100).optional() });

export function registerImportRoutes(app: ApiApp, ctx: AppContext): void {
  app.post(
    '/api/programs/:id/imports',
    {
      config: { access: { roles: importers } },
      schema: {
        tags: ['imports'],
        summary: 'Upload a roster (CSV or XLSX, multipart field `file`) and queue its import',
        params: idParams,
        querystring: uploadQuery,
        response: { 202: importJobView },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await withUploadedRoster(request, ctx, (file) =>
        createImportJob({ db: ctx.db, actor, dataDir: ctx.config.dataDir, programmeId: request.params.id, file, dryRun: request.query.dryRun, sheet: request.query.sheet }),
      );
      app.jobs.wake();
      return reply.status(202).send(toImportJobView(row, request.locale));
    },
  );

  app.get(
    '/api/programs/:id/imports',
    { config: { access: { roles: importers } }, schema: { tags: ['imports'], summary: "A programme's imports, newest first", params: idParams, response: { 200: z.object({ items: z.array(importJobView) }) } } },
    async (request) => {
      const rows = await listImportJobs({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, limit: 50 });
      return { items: rows.map((r) => toImportJobView(r, request.locale)) };
    },
  );

  app.get(
    '/api/imports/:id',
    { config: { access: { roles: importers } }, schema: { tags: ['imports'], summary: 'Progress and summary of one import', params: idParams, response: { 200: importJobView } } },
    async (request) => toImportJobView(await getImportJob({ db: ctx.db, actor: actorOf(request), id: request.params.id }), request.locale),
  );

  app.get(
    '/api/imports/:id/errors.csv',
    {
      config: { access: { roles: importers } },
      schema: { tags: ['imports'], summary: 'Rejected rows with line numbers, original values and reasons (CSV)', params: idParams },
    },
    async (request, reply) => {
      const row = await getImportJob({ db: ctx.db, actor: actorOf(request), id: request.params.id });
      const filename = importPayloadFilename(row.payload);
      const base = path.basename(filename, path.extname(filename)).replace(/[^\w.-]+/g, '_');
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${base || 'roster'}-errors.csv"`);
      return reply.send(Readable.from(rejectedRowsCsv(ctx.db, row, request.locale)));
    },
  );
}

/** The uploaded roster, moved into the job's keeping by `createImportJob`; removed afterwards otherwise. */
function withUploadedRoster<T>(request: FastifyRequest, ctx: AppContext, use: (file: { path: string; filename: string; move: true }) => Promise<T>): Promise<T> {
  return withUploadedFile(request, ctx.config.dataDir, { maxBytes: ROSTER_MAX_BYTES, prefix: 'upload', tooLargeKey: 'errors.import.tooLarge' }, (upload) =>
    use({ path: upload.path, filename: upload.filename ?? 'roster.csv', move: true }),
  );
}

/**
 * The CLI's way in when a running server holds the PGlite data directory: the same import,
 * authenticated by the token in the data-dir lock file instead of a session.
 */
export function registerImportHandoffRoutes(app: ApiApp, ctx: AppContext): void {
  const access = { handoff: true } as const;
  app.post(
    '/api/cli/imports',
    {
      config: { access },
      schema: { hide: true, querystring: uploadQuery.extend({ program: z.string().trim().min(1).max(60) }), response: { 202: importJobView } },
    },
    async (request, reply) => {
      const programme = await getProgrammeByCode({ db: ctx.db, actor: actorOf(request), code: request.query.program });
      const row = await withUploadedRoster(request, ctx, (file) =>
        createImportJob({ db: ctx.db, actor: actorOf(request), dataDir: ctx.config.dataDir, programmeId: programme.id, file, dryRun: request.query.dryRun, sheet: request.query.sheet }),
      );
      app.jobs.wake();
      return reply.status(202).send(toImportJobView(row, request.locale));
    },
  );
  app.get(
    '/api/cli/imports/:id',
    { config: { access }, schema: { hide: true, params: idParams, response: { 200: importJobView } } },
    async (request) => toImportJobView(await getImportJob({ db: ctx.db, actor: actorOf(request), id: request.params.id }), request.locale),
  );
  app.get('/api/cli/imports/:id/errors.csv', { config: { access }, schema: { hide: true, params: idParams } }, async (request, reply) => {
    const row = await getImportJob({ db: ctx.db, actor: actorOf(request), id: request.params.id });
    return reply.type('text/csv; charset=utf-8').send(Readable.from(rejectedRowsCsv(ctx.db, row, request.locale)));
  });
  app.post('/api/cli/imports/:id/discard', { config: { access }, schema: { hide: true, params: idParams } }, async (request, reply) => {
    const row = await getImportJob({ db: ctx.db, actor: actorOf(request), id: request.params.id });
    await discardImportJob(ctx.db, row.id);
    return reply.status(204).send();
  });
}

function importPayloadFilename(payload: Record<string, unknown>): string {
  return typeof payload.filename === 'string' ? payload.filename : 'roster.csv';
}
