import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { toKeyMaterial } from '../../core/pii-crypto.ts';
import type { Database } from '../../db/client.ts';
import { importRow } from '../../db/schema/index.ts';
import { piiKeys } from '../personal-data/keyring.ts';
import { readStageEvents, STAGE_COLUMNS, type StageEvent, type StageResult, type StageSource } from './stage-events.ts';

export { STAGE_COLUMNS, type StageResult } from './stage-events.ts';

/** Files smaller than this are read on the calling thread; larger ones in a worker thread. */
const WORKER_THRESHOLD_BYTES = 2 * 1024 * 1024;

export type StageProgress = (done: { bytes: number; totalBytes: number; rows: number }) => Promise<void>;

/** Runs `readStageEvents` in a worker thread, at most two batches ahead of the consumer. */
async function* workerStageEvents(options: StageSource): AsyncGenerator<StageEvent> {
  // A modest old generation makes the worker collect garbage early instead of growing towards
  // gigabytes; a roomy young generation lets a row's short-lived strings die young (with V8's
  // default, the scavenger took half of the worker's time).
  const worker = new Worker(new URL('./stage-worker.mjs', import.meta.url), {
    workerData: options,
    resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 48 },
  });
  const queue: (StageEvent | { type: 'end' } | { type: 'crash'; error: Error })[] = [];
  let wakeUp: (() => void) | null = null;
  const push = (event: (typeof queue)[number]) => {
    queue.push(event);
    wakeUp?.();
  };
  worker.on('message', (event: StageEvent | { type: 'end' }) => push(event));
  worker.on('error', (error) => push({ type: 'crash', error }));
  worker.on('exit', () => push({ type: 'end' }));
  try {
    for (;;) {
      if (queue.length === 0) await new Promise<void>((resolve) => (wakeUp = resolve));
      wakeUp = null;
      const event = queue.shift();
      if (!event) continue;
      if (event.type === 'end') return;
      if (event.type === 'crash') throw event.error;
      if (event.type === 'batch') worker.postMessage('ack');
      yield event;
    }
  } finally {
    await worker.terminate();
  }
}

/**
 * Stages a roster file for a job: every non-blank row lands in `import_row`, in batches of
 * COPY, while the file is read (in a worker thread for large files). Memory stays flat.
 */
export async function stageRoster(options: {
  database: Database;
  jobId: string;
  path: string;
  sheet?: string;
  onProgress?: StageProgress;
}): Promise<StageResult & { rows: number }> {
  const { database, jobId } = options;
  await database.db.delete(importRow).where(sql`${importRow.jobId} = ${jobId}`);
  const size = (await stat(options.path).catch(() => null))?.size ?? 0;
  const source: StageSource = { jobId, path: options.path, ...(options.sheet ? { sheet: options.sheet } : {}), keys: toKeyMaterial(piiKeys()) };
  const events = size > WORKER_THRESHOLD_BYTES ? workerStageEvents(source) : readStageEvents(source);
  let header: StageResult | null = null;
  let rows = 0;
  for await (const event of events) {
    if (event.type === 'failed') throw new AppError('bad_request', event.key, { params: event.params });
    if (event.type === 'header') {
      header = { headers: event.headers, unknownColumns: event.unknownColumns, format: event.format, delimiter: event.delimiter };
      continue;
    }
    if (event.csv) await database.copyCsv('import_row', [...STAGE_COLUMNS], event.csv);
    rows = event.rows;
    await options.onProgress?.({ bytes: event.bytes, totalBytes: event.totalBytes, rows: event.rows });
  }
  if (!header) throw new AppError('bad_request', 'errors.import.emptyFile');
  await database.query('ANALYZE import_row');
  return { ...header, rows };
}
