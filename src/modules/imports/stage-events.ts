import { AppError } from '../../core/app-error.ts';
import { collapseSpaces } from '../../core/normalised.ts';
import { EXPECTED_HEADER_LABELS, hasNameColumn, matchRosterHeaders, ROSTER_FIELDS, type RosterColumns } from '../../core/roster-headers.ts';
import { encryptPii, fromKeyMaterial, protectIdentity, type PiiKeyMaterial } from '../../core/pii-crypto.ts';
import { validateRosterRow, type RosterRowValues } from '../../core/roster-row.ts';
import { openRoster, type RosterFormat } from './read-roster.ts';
import { rosterResolver } from './resolver.ts';

export const STAGE_COLUMNS = [
  'job_id',
  'line',
  'reason',
  'key',
  'business_name',
  'owner_name',
  'nik_cipher',
  'nik_hash',
  'nik_birth_yy',
  'nib',
  'phone_cipher',
  'phone_hash',
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
export type StageResult = { headers: string[]; unknownColumns: string[]; format: RosterFormat; delimiter: string };

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
export type StageSource = {
  jobId: string;
  path: string;
  sheet?: string;
  keys: PiiKeyMaterial;
  /**
   * Validate only every `count`-th row, starting at the `index`-th (counting non-blank rows), so
   * that several threads can share the work on one file; `rows` then counts this share.
   */
  shard?: { index: number; count: number };
};

/**
 * NIK and phone leave this function only encrypted and hashed (the identity key too), so that
 * the staging table never holds them in plaintext; the keys come as material a worker can receive.
 */
export async function* readStageEvents(options: StageSource): AsyncGenerator<StageEvent> {
  const keys = fromKeyMaterial(options.keys);
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
    const shards = options.shard?.count ?? 1;
    const shard = options.shard?.index ?? 0;
    let batch: string[] = [];
    let rows = 0;
    let seen = 0;
    for await (const lines of reader.batches) for (const { line, cells } of lines) {
      if (isBlank(cells)) continue;
      seen += 1;
      if ((seen - 1) % shards !== shard) continue;
      rows += 1;
      const values = rowValues(cells, columns);
      const result = validateRosterRow(values, resolver);
      if (!result.ok) {
        // The cells of a rejected row may hold a NIK or a phone number: kept encrypted, like theirs.
        batch.push(`${job},${line},${result.reason},,,,,,,,,,,,,,,,,,${csvValue(encryptPii(keys, 'row', JSON.stringify(cells)))}`);
      } else {
        const r = result.row;
        const p = protectIdentity(keys, r);
        // An empty sector cell must not overwrite a known sector; an unknown one is `lainnya`.
        const sectorGiven = collapseSpaces(values.sector ?? '') !== '';
        batch.push(
          `${job},${line},,${csvValue(p.key)},${csvValue(r.businessName)},${csvValue(r.ownerName)},${csvValue(p.nikCipher)},${csvValue(p.nikHash)},` +
            `${csvValue(p.nikBirthYy)},${csvValue(r.nib)},${csvValue(p.phoneCipher)},${csvValue(p.phoneHash)},${csvValue(r.email)},${csvValue(r.gender)},${csvValue(sectorGiven ? r.sector : null)},${csvValue(r.address)},` +
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
