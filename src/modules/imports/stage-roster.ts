import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
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

/**
 * Staging threads for a large file: the reading is repeated in each, the validation and encryption
 * shared. A second thread pays only with cores to spare: on two cores, this process's main thread
 * and the database (PostgreSQL, or PGlite on the main thread itself) already take the second one,
 * and the extra thread only adds memory (measured: slower and ≈ +50 MB).
 */
function stagingThreads(kind: Database['kind']): number {
  return kind === 'postgres' && availableParallelism() >= 4 ? 2 : 1;
}

type WorkerMessage = StageEvent | { type: 'end' };

/**
 * Runs `readStageEvents` in `threads` worker threads, each validating its share of the rows and
 * each at most two batches ahead of the consumer. Yields one header, then every thread's batches
 * as they come, with `rows` summed and `bytes` the slowest thread's position.
 */
async function* workerStageEvents(options: StageSource, threads: number): AsyncGenerator<StageEvent> {
  const queue: ({ from: number; event: WorkerMessage } | { from: number; event: { type: 'crash'; error: Error } })[] = [];
  let wakeUp: (() => void) | null = null;
  const push = (item: (typeof queue)[number]) => {
    queue.push(item);
    wakeUp?.();
  };
  // A modest old generation makes a worker collect garbage early instead of growing towards
  // gigabytes; a roomy young generation lets a row's short-lived strings die young (with V8's
  // default, the scavenger took half of the worker's time).
  const workers = Array.from({ length: threads }, (_, index) => {
    const worker = new Worker(new URL('./stage-worker.mjs', import.meta.url), {
      workerData: { ...options, shard: { index, count: threads } } satisfies StageSource,
      resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: threads > 1 ? 32 : 48 },
    });
    worker.on('message', (event: WorkerMessage) => push({ from: index, event }));
    worker.on('error', (error) => push({ from: index, event: { type: 'crash', error } }));
    worker.on('exit', () => push({ from: index, event: { type: 'end' } }));
    return worker;
  });
  const rows = new Array<number>(threads).fill(0);
  const bytes = new Array<number>(threads).fill(0);
  const running = new Set(workers.keys());
  let headerSent = false;
  try {
    while (running.size > 0) {
      if (queue.length === 0) await new Promise<void>((resolve) => (wakeUp = resolve));
      wakeUp = null;
      const item = queue.shift();
      if (!item) continue;
      const { from, event } = item;
      if (event.type === 'end') running.delete(from);
      else if (event.type === 'crash') throw event.error;
      else if (event.type === 'failed') yield event;
      else if (event.type === 'header') {
        if (!headerSent) yield event;
        headerSent = true;
      } else {
        workers[from]?.postMessage('ack');
        rows[from] = event.rows;
        bytes[from] = event.bytes;
        yield { ...event, rows: rows.reduce((a, b) => a + b, 0), bytes: Math.min(...bytes) };
      }
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/**
 * Stages a roster file for a job: every non-blank row lands in `import_row`, in batches of
 * COPY, while the file is read (in worker threads for large files). Memory stays flat.
 */
export async function stageRoster(options: {
  database: Database;
  jobId: string;
  path: string;
  sheet?: string;
  onProgress?: StageProgress;
  /** Worker threads to stage in (0: on this thread); by default none for small files, one or two (with cores to spare) for large ones. */
  threads?: number;
}): Promise<StageResult & { rows: number }> {
  const { database, jobId } = options;
  await database.db.delete(importRow).where(sql`${importRow.jobId} = ${jobId}`);
  const size = (await stat(options.path).catch(() => null))?.size ?? 0;
  const source: StageSource = { jobId, path: options.path, ...(options.sheet ? { sheet: options.sheet } : {}), keys: toKeyMaterial(piiKeys()) };
  const threads = options.threads ?? (size > WORKER_THRESHOLD_BYTES ? stagingThreads(database.kind) : 0);
  const events = threads > 0 ? workerStageEvents(source, threads) : readStageEvents(source);
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
