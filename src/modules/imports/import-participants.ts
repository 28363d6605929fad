import { rm } from 'node:fs/promises';
import { z } from 'zod';
import { AppError } from '../../core/app-error.ts';
import type { JobContext } from '../jobs/runner.ts';
import { eq } from 'drizzle-orm';
import { job } from '../../db/schema/index.ts';
import { countKeys, countRejected, dropValidStagedRows, mergeChunk, mergeChunks, type ImportSummary } from './merge-roster.ts';
import { stageRoster, type StageResult } from './stage-roster.ts';
import { enqueueQualityChecks } from '../quality/service.ts';

export const IMPORT_PARTICIPANTS = 'import.participants';

export const importPayload = z.object({
  programmeId: z.uuid(),
  /** The uploaded file, kept under the data directory until the job ends. */
  filePath: z.string(),
  filename: z.string(),
  dryRun: z.boolean(),
  sheet: z.string().optional(),
});
export type ImportPayload = z.infer<typeof importPayload>;

export type ImportResult = ImportSummary &
  StageResult & {
    dryRun: boolean;
    /** Rows that passed validation. */
    valid: number;
    /** Merge transactions, and those already committed (their counts are in the totals). */
    chunks: number;
    mergedChunks: number[];
  };

/**
 * The import job: stage (parse + validate every row into import_row), summarise, then merge
 * in chunks. A job killed while staging starts staging again; one killed while merging
 * re-runs the (idempotent) merge with the summary it had already recorded.
 */
export async function runParticipantImport(context: JobContext): Promise<ImportResult> {
  const payload = importPayload.parse(context.job.payload);
  try {
    const result = await importStages(context, payload);
    await rm(payload.filePath, { force: true });
    // New rows may lack gender or sector: the data-quality checks look at them next.
    if (!payload.dryRun) await enqueueQualityChecks(context.database.db, payload.programmeId, context.job.createdBy);
    return result;
  } catch (error) {
    // A file that cannot be imported will not become importable by retrying: drop it.
    if (error instanceof AppError) await rm(payload.filePath, { force: true });
    throw error;
  }
}

async function importStages(context: JobContext, payload: ImportPayload): Promise<ImportResult> {
  const { database } = context;
  const db = database.db;
  let result = context.job.phase === 'merging' ? (context.job.result as ImportResult | null) : null;

  if (!result) {
    await context.phase('staging');
    const staged = await stageRoster({
      database,
      jobId: context.job.id,
      path: payload.filePath,
      sheet: payload.sheet,
      onProgress: ({ bytes, totalBytes, rows }) => context.progress({ done: bytes, total: totalBytes, unit: 'bytes', rows }),
    });
    const rejected = await countRejected(db, context.job.id);
    const valid = staged.rows - rejected.rejected;
    const { rows: _rows, ...file } = staged;
    const base = { ...file, ...rejected, total: staged.rows, valid, dryRun: payload.dryRun };
    if (payload.dryRun) {
      const { uniqueKeys, existing } = await countKeys(db, context.job.id);
      await dropValidStagedRows(db, context.job.id);
      return { ...base, inserted: uniqueKeys - existing, updated: existing, duplicates: valid - uniqueKeys, chunks: 0, mergedChunks: [] };
    }
    result = { ...base, inserted: 0, updated: 0, duplicates: valid, chunks: mergeChunks(database.kind, valid), mergedChunks: [] };
    await context.phase('merging', result);
  }

  // Each chunk adds its counts to the job in the transaction that merges it: a resumed job
  // skips the chunks already merged and ends with the same numbers as an uninterrupted one.
  const { chunks } = result;
  for (let chunk = 0; chunk < chunks; chunk++) {
    if (result.mergedChunks.includes(chunk)) continue;
    await context.progress({ done: result.mergedChunks.length, total: chunks, unit: 'chunks' });
    const previous: ImportResult = result;
    result = await mergeChunk(database, {
      jobId: context.job.id,
      programmeId: payload.programmeId,
      chunk,
      chunks,
      record: async (tx, counts) => {
        const next: ImportResult = {
          ...previous,
          inserted: previous.inserted + counts.uniqueKeys - counts.existing,
          updated: previous.updated + counts.existing,
          duplicates: previous.duplicates - counts.uniqueKeys,
          mergedChunks: [...previous.mergedChunks, chunk],
        };
        await tx.update(job).set({ result: next, heartbeatAt: new Date() }).where(eq(job.id, context.job.id));
        return next;
      },
    });
  }
  await context.progress({ done: chunks, total: chunks, unit: 'chunks' });
  await dropValidStagedRows(db, context.job.id);
  return result;
}
