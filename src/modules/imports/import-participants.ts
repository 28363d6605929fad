import { rm } from 'node:fs/promises';
import { z } from 'zod';
import { AppError } from '../../core/app-error.ts';
import type { JobContext } from '../jobs/runner.ts';
import { dropValidStagedRows, mergeChunk, mergeChunks, summariseStaged, type ImportSummary } from './merge-roster.ts';
import { stageRoster, type StageResult } from './stage-roster.ts';

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

export type ImportResult = ImportSummary & StageResult & { dryRun: boolean; uniqueKeys: number };

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
      onProgress: ({ bytes, totalBytes }) => context.progress({ done: bytes, total: totalBytes, unit: 'bytes' }),
    });
    const summary = await summariseStaged(db, context.job.id);
    result = { ...summary, ...staged, dryRun: payload.dryRun };
    if (payload.dryRun) {
      await dropValidStagedRows(db, context.job.id);
      return result;
    }
    await context.phase('merging', result);
  }

  const chunks = mergeChunks(result.uniqueKeys);
  for (let chunk = 0; chunk < chunks; chunk++) {
    await context.progress({ done: chunk, total: chunks, unit: 'chunks' });
    await mergeChunk(database, { jobId: context.job.id, programmeId: payload.programmeId, chunk, chunks });
  }
  await context.progress({ done: chunks, total: chunks, unit: 'chunks' });
  await dropValidStagedRows(db, context.job.id);
  return result;
}
