import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../core/app-error.ts';
import { ROLES, type Actor } from '../../core/policy.ts';
import type { Db } from '../../db/client.ts';
import { job, reportFile } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { LOCALES, translate, type Locale } from '../../server/i18n.ts';
import { recordAudit } from '../audit/service.ts';
import type { JobContext } from '../jobs/runner.ts';
import { enqueueJob, type JobRow } from '../jobs/service.ts';
import { suppresses } from '../monitoring/service.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import { collectReportData } from './report-data.ts';
import { renderReportPdf } from './render-pdf.ts';
import { renderReportXlsx } from './render-xlsx.ts';
import type { CreateReportBody, ReportView } from './schema.ts';

export const PROGRAMME_REPORT = 'report.programme';

const reportPayload = z.object({
  programmeId: z.uuid(),
  format: z.enum(['xlsx', 'pdf']),
  from: z.string().nullable(),
  to: z.string().nullable(),
  locale: z.enum(LOCALES),
  /** Who asked, as they were then: the report shows what they may see (viewers: small cells hidden). */
  actor: z.object({ userId: z.uuid(), role: z.enum(ROLES), organisationId: z.uuid().nullable() }),
  suppressed: z.boolean(),
});
type ReportPayload = z.infer<typeof reportPayload>;

const CONTENT_TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf' } as const;

function fileName(code: string, payload: ReportPayload): string {
  const period = payload.from || payload.to ? `_${payload.from ?? ''}_${payload.to ?? ''}` : '';
  return `laporan-${code.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}${period}.${payload.format}`;
}

/**
 * A programme report as a durable job: computes the indicators as the asking user sees them,
 * renders the XLSX or PDF and stores it in `report_file` (one row per job, so a job taken up
 * again after a crash simply writes it again).
 */
export async function runProgrammeReport(context: JobContext): Promise<Record<string, unknown>> {
  const payload = reportPayload.parse(context.job.payload);
  const db = context.database.db;
  const data = await collectReportData({
    db,
    actor: payload.actor,
    programmeId: payload.programmeId,
    filters: { ...(payload.from ? { from: payload.from } : {}), ...(payload.to ? { to: payload.to } : {}) },
    locale: payload.locale,
    onStep: (done, total) => context.progress({ done, total, unit: 'steps' }),
  });
  const generatedAt = new Date();
  const content = payload.format === 'xlsx' ? await renderReportXlsx(data, payload.locale, generatedAt) : await renderReportPdf(data, generatedAt);
  const filename = fileName(data.programme.code, payload);
  await db
    .insert(reportFile)
    .values({ jobId: context.job.id, programmeId: payload.programmeId, format: payload.format, filename, size: content.length, content })
    .onConflictDoUpdate({ target: reportFile.jobId, set: { filename, size: content.length, content, createdAt: generatedAt } });
  return { filename, size: content.length };
}

/** Queues a report of a programme for a period. */
export async function createReport(options: { db: Db; actor: SessionActor; programmeId: string; input: CreateReportBody; locale: Locale }): Promise<ReportView> {
  const { db, actor, programmeId, input } = options;
  if (input.from && input.to && input.to < input.from) throw new AppError('validation', 'errors.validation', { fields: { to: 'errors.field.endBeforeStart' } });
  const row = await db.transaction(async (tx) => {
    await authorizeProgramme(tx, actor, programmeId, 'report.export');
    const payload: ReportPayload = {
      programmeId,
      format: input.format,
      from: input.from ?? null,
      to: input.to ?? null,
      locale: options.locale,
      actor: { userId: actor.userId, role: actor.role, organisationId: actor.organisationId },
      suppressed: suppresses(actor),
    };
    const queued = await enqueueJob(tx, { kind: PROGRAMME_REPORT, programmeId, payload, createdBy: actor.userId });
    await recordAudit(tx, { actorUserId: actor.userId, action: 'report.create', entityType: 'job', entityId: queued.id, programmeId, details: { format: input.format, from: payload.from, to: payload.to } });
    return queued;
  });
  return reportView(row, options.locale);
}

export function reportView(row: JobRow, locale: Locale): ReportView {
  const payload = row.payload as Partial<ReportPayload>;
  const progress = row.progress;
  const percent = row.status === 'done' ? 100 : progress?.unit === 'steps' && progress.total ? Math.min(99, Math.round((100 * progress.done) / progress.total)) : 0;
  const result = (row.result ?? {}) as { filename?: string; size?: number };
  return {
    id: row.id,
    programmeId: row.programmeId ?? '',
    format: payload.format ?? 'xlsx',
    from: payload.from ?? null,
    to: payload.to ?? null,
    status: row.status,
    percent,
    error: row.error ? translate(locale, row.error.key, row.error.params) : null,
    filename: result.filename ?? null,
    size: result.size ?? null,
    downloadUrl: row.status === 'done' ? `/api/reports/${row.id}/download` : null,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/**
 * A report the caller may read: they may export reports of its programme, and a report made
 * with every cell shown is never handed to someone who must not see small cells (a viewer).
 */
export async function getReport(options: { db: Db; actor: Actor; id: string }): Promise<JobRow> {
  const { db, actor, id } = options;
  const notFound = () => new AppError('not_found', 'errors.notFound', { params: { entity: 'report' } });
  const [row] = await db.select().from(job).where(and(eq(job.id, id), eq(job.kind, PROGRAMME_REPORT)));
  if (!row?.programmeId) throw notFound();
  try {
    await authorizeProgramme(db, actor, row.programmeId, 'report.export');
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') throw notFound();
    throw error;
  }
  if (suppresses(actor) && (row.payload as Partial<ReportPayload>).suppressed !== true) throw notFound();
  return row;
}

/** The finished file. */
export async function reportContent(db: Db, row: JobRow): Promise<{ filename: string; contentType: string; content: Buffer }> {
  if (row.status !== 'done') throw new AppError('conflict', 'errors.report.notReady');
  const [file] = await db.select().from(reportFile).where(eq(reportFile.jobId, row.id));
  if (!file) throw new AppError('conflict', 'errors.report.notReady');
  return { filename: file.filename, contentType: CONTENT_TYPES[file.format as 'xlsx' | 'pdf'], content: file.content };
}
