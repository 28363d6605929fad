import { copyFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { and, desc, eq, sql } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { REJECTION_REASON_LABELS, REJECTION_REASONS, type RejectionReason } from '../../core/roster-row.ts';
import type { Db } from '../../db/client.ts';
import { importRow, job } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import type { Locale } from '../../server/i18n.ts';
import { translate } from '../../server/i18n.ts';
import { recordAudit } from '../audit/service.ts';
import { enqueueJob, type JobRow } from '../jobs/service.ts';
import { rejectedRowCells } from '../personal-data/values.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import { IMPORT_PARTICIPANTS, importPayload, type ImportResult } from './import-participants.ts';

export function importsDir(dataDir: string): string {
  return path.join(dataDir, 'imports');
}

export type ImportJobView = {
  id: string;
  programmeId: string;
  status: JobRow['status'];
  phase: string | null;
  filename: string;
  dryRun: boolean;
  /** 0–100, over reading (80 %) and saving (20 %). */
  percent: number;
  rowsRead: number | null;
  summary: { total: number; inserted: number; updated: number; duplicates: number; rejected: number; rejectedByReason: Record<string, number> } | null;
  unknownColumns: string[];
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
};

/** jsonb keeps keys in its own order; show reasons in the order they are checked. */
function inReasonOrder(counts: Record<string, number>): Record<string, number> {
  const rank = (reason: string) => REJECTION_REASONS.indexOf(reason as RejectionReason);
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => rank(a) - rank(b)));
}

function percentOf(row: JobRow): number {
  if (row.status === 'done') return 100;
  const p = row.progress;
  if (!p || !p.total) return 0;
  const fraction = Math.min(1, p.done / p.total);
  return Math.round(p.unit === 'chunks' ? 80 + 20 * fraction : 80 * fraction);
}

export function toImportJobView(row: JobRow, locale: Locale): ImportJobView {
  const payload = importPayload.parse(row.payload);
  const result = row.result as ImportResult | null;
  const summary =
    result && typeof result.total === 'number'
      ? { total: result.total, inserted: result.inserted, updated: result.updated, duplicates: result.duplicates, rejected: result.rejected, rejectedByReason: inReasonOrder(result.rejectedByReason) }
      : null;
  return {
    id: row.id,
    programmeId: payload.programmeId,
    status: row.status,
    phase: row.phase,
    filename: payload.filename,
    dryRun: payload.dryRun,
    percent: percentOf(row),
    rowsRead: row.progress?.rows ?? result?.total ?? null,
    summary,
    unknownColumns: result?.unknownColumns ?? [],
    error: row.error ? translate(locale, row.error.key, row.error.params) : null,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Queues an import of a roster file into a programme. The file is copied (or moved, for
 * uploads) under the data directory so that the job can be resumed after a crash.
 */
export async function createImportJob(options: {
  db: Db;
  actor: SessionActor;
  dataDir: string;
  programmeId: string;
  file: { path: string; filename: string; move?: boolean };
  dryRun: boolean;
  sheet?: string;
}): Promise<JobRow> {
  const { db, actor, programmeId, file } = options;
  const target = await authorizeProgramme(db, actor, programmeId, 'participant.import');
  if (target.archivedAt) throw new AppError('conflict', 'errors.programme.archived');
  const dir = importsDir(options.dataDir);
  await mkdir(dir, { recursive: true });
  const stored = path.join(dir, `${crypto.randomUUID()}${path.extname(file.filename).toLowerCase().replace(/[^.a-z0-9]/g, '')}`);
  await copyFile(file.path, stored);
  if (file.move) await rm(file.path, { force: true });
  const row = await enqueueJob(db, {
    kind: IMPORT_PARTICIPANTS,
    programmeId,
    createdBy: actor.userId,
    payload: { programmeId, filePath: stored, filename: file.filename, dryRun: options.dryRun, ...(options.sheet ? { sheet: options.sheet } : {}) },
  });
  await recordAudit(db, { actorUserId: actor.userId, action: 'import.create', entityType: 'import', entityId: row.id, programmeId, details: { dryRun: options.dryRun } });
  return row;
}

export async function getImportJob(options: { db: Db; actor: SessionActor; id: string }): Promise<JobRow> {
  const [row] = await options.db.select().from(job).where(and(eq(job.id, options.id), eq(job.kind, IMPORT_PARTICIPANTS)));
  if (!row || !row.programmeId) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'import' } });
  try {
    await authorizeProgramme(options.db, options.actor, row.programmeId, 'participant.import');
  } catch (error) {
    if (error instanceof AppError && error.code === 'forbidden') throw new AppError('not_found', 'errors.notFound', { params: { entity: 'import' } });
    throw error;
  }
  return row;
}

export async function listImportJobs(options: { db: Db; actor: SessionActor; programmeId: string; limit: number }): Promise<JobRow[]> {
  await authorizeProgramme(options.db, options.actor, options.programmeId, 'participant.import');
  return options.db
    .select()
    .from(job)
    .where(and(eq(job.programmeId, options.programmeId), eq(job.kind, IMPORT_PARTICIPANTS)))
    .orderBy(desc(job.createdAt))
    .limit(options.limit);
}

/** One CSV cell, quoted when it holds a quote, a line break or the delimiter. */
export function csvCell(value: string, delimiter: string): string {
  return /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The rejected rows as CSV, in the original columns followed by the original line and the
 * reason (code and words), so that it can be fixed in a spreadsheet and imported again:
 * the extra columns are ignored on re-import.
 */
export async function* rejectedRowsCsv(db: Db, row: JobRow, locale: Locale): AsyncGenerator<string> {
  const result = row.result as ImportResult | null;
  const headers = result?.headers ?? [];
  const delimiter = result?.delimiter === ';' ? ';' : ',';
  const extra = locale === 'en' ? ['Original line', 'Reason code', 'Reason'] : ['Baris Asal', 'Kode Alasan', 'Alasan'];
  yield '\uFEFF' + [...headers, ...extra].map((h) => csvCell(h, delimiter)).join(delimiter) + '\r\n';
  let after = 0;
  for (;;) {
    const page = await db
      .select({ line: importRow.line, reason: importRow.reason, raw: importRow.raw })
      .from(importRow)
      .where(and(eq(importRow.jobId, row.id), sql`${importRow.reason} is not null`, sql`${importRow.line} > ${after}`))
      .orderBy(importRow.line)
      .limit(5_000);
    if (page.length === 0) return;
    let chunk = '';
    for (const r of page) {
      const cells = rejectedRowCells(r.raw);
      while (cells.length < headers.length) cells.push('');
      const reason = r.reason as RejectionReason;
      const words = REJECTION_REASON_LABELS[reason]?.[locale] ?? reason;
      chunk += [...cells, String(r.line), reason, words].map((c) => csvCell(c, delimiter)).join(delimiter) + '\r\n';
      after = r.line;
    }
    yield chunk;
  }
}

/** Removes a finished job and its staged rows (a CLI dry run leaves nothing behind). */
export async function discardImportJob(db: Db, jobId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(importRow).where(eq(importRow.jobId, jobId));
    await tx.delete(job).where(eq(job.id, jobId));
  });
}
