import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { collapseSpaces } from '../../core/normalised.ts';
import { EXPECTED_HEADER_LABELS, hasNameColumn, matchRosterHeaders, ROSTER_FIELDS, type RosterColumns } from '../../core/roster-headers.ts';
import { validateRosterRow, type RosterRowValues } from '../../core/roster-row.ts';
import type { Database } from '../../db/client.ts';
import { importRow } from '../../db/schema/index.ts';
import { openRoster, type RosterFormat } from './read-roster.ts';
import { rosterResolver } from './resolver.ts';

export const STAGE_COLUMNS = [
  'job_id',
  'line',
  'reason',
  'key',
  'business_name',
  'owner_name',
  'nik',
  'nib',
  'phone',
  'email',
  'gender',
  'sector',
  'address',
  'regency_code',
  'province_code',
  'active',
  'willing',
  'raw',
] as const;

/** Rows per COPY batch: large enough to amortise the round trip, small enough to keep memory flat. */
const BATCH_ROWS = 5_000;
/** Files smaller than this are read on the calling thread; larger ones in a worker thread. */
const WORKER_THRESHOLD_BYTES = 2 * 1024 * 1024;

export type StageResult = { headers: string[]; unknownColumns: string[]; format: RosterFormat; delimiter: string };
export type StageProgress = (done: { bytes: number; totalBytes: number; rows: number }) => Promise<void>;

/** What reading a roster produces: its header, then batches of staged rows as COPY CSV text. */
export type StageEvent =
  | ({ type: 'header' } & StageResult)
  | { type: 'batch'; csv: string; rows: number; bytes: number; totalBytes: number }
  | { type: 'failed'; key: string; params: Record<string, string | number> };

function csvValue(value: string | boolean | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return value.includes('"') ? `"${value.replaceAll('"', '""')}"` : `"${value}"`;
}

function isBlank(cells: string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

function rowValues(cells: string[], columns: RosterColumns): RosterRowValues {
  const values: RosterRowValues = {};
  for (const field of ROSTER_FIELDS) {
    const index = columns[field];
    if (index !== undefined) values[field] = cells[index] ?? '';
  }
  return values;
}

/**
 * Reads, validates and normalises a roster file into batches of `import_row` CSV lines:
 * valid rows normalised, rejected rows with their reason and original cells. Blank lines
 * are skipped and not counted. Pure CPU work, so that it can run in a worker thread.
 */
export async function* readStageEvents(options: { jobId: string; path: string; sheet?: string }): AsyncGenerator<StageEvent> {
  const reader = await openRoster(options.path, { sheet: options.sheet });
  try {
    const { columns, unknown } = matchRosterHeaders(reader.headers);
    if (!hasNameColumn(columns)) {
      throw new AppError('bad_request', 'errors.import.noNameColumn', {
        params: {
          found: reader.headers.map((h) => collapseSpaces(h)).filter(Boolean).join(', ') || '—',
          expected: Object.values(EXPECTED_HEADER_LABELS).join(', '),
        },
      });
    }
    yield { type: 'header', headers: reader.headers, unknownColumns: unknown, format: reader.format, delimiter: reader.delimiter };
    const resolver = rosterResolver();
    const job = csvValue(options.jobId);
    let batch: string[] = [];
    let rows = 0;
    for await (const { line, cells } of reader.rows) {
      if (isBlank(cells)) continue;
      rows += 1;
      const values = rowValues(cells, columns);
      const result = validateRosterRow(values, resolver);
      if (!result.ok) {
        batch.push(`${job},${line},${result.reason},,,,,,,,,,,,,,,${csvValue(JSON.stringify(cells))}`);
      } else {
        const r = result.row;
        // An empty sector cell must not overwrite a known sector; an unknown one is `lainnya`.
        const sectorGiven = collapseSpaces(values.sector ?? '') !== '';
        batch.push(
          `${job},${line},,${csvValue(r.key)},${csvValue(r.businessName)},${csvValue(r.ownerName)},${csvValue(r.nik)},${csvValue(r.nib)},` +
            `${csvValue(r.phone)},${csvValue(r.email)},${csvValue(r.gender)},${csvValue(sectorGiven ? r.sector : null)},${csvValue(r.address)},` +
            `${csvValue(r.regencyCode)},${csvValue(r.regencyCode.slice(0, 2))},${csvValue(r.active)},${csvValue(r.willing)},`,
        );
      }
      if (batch.length >= BATCH_ROWS) {
        yield { type: 'batch', csv: batch.join('\n') + '\n', rows, bytes: reader.bytesRead(), totalBytes: reader.totalBytes };
        batch = [];
      }
    }
    yield { type: 'batch', csv: batch.length ? batch.join('\n') + '\n' : '', rows, bytes: reader.totalBytes, totalBytes: reader.totalBytes };
  } finally {
    reader.close();
  }
}

/** Runs `readStageEvents` in a worker thread, at most two batches ahead of the consumer. */
async function* workerStageEvents(options: { jobId: string; path: string; sheet?: string }): AsyncGenerator<StageEvent> {
  // A modest heap makes the worker collect garbage early instead of growing towards gigabytes.
  const worker = new Worker(new URL('./stage-worker.mjs', import.meta.url), { workerData: options, resourceLimits: { maxOldGenerationSizeMb: 128 } });
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
  const source = { jobId, path: options.path, ...(options.sheet ? { sheet: options.sheet } : {}) };
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
