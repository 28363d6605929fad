import { createReadStream } from 'node:fs';
import type { Duplex, Readable } from 'node:stream';
import { posix } from 'node:path';
import { open, stat } from 'node:fs/promises';
import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { AppError } from '../../core/app-error.ts';
import { openXlsxParts, XLSX_LIMITS } from './xlsx-guard.ts';

export type RosterFormat = 'csv' | 'xlsx';
export type RosterLine = { line: number; cells: string[] };

export type RosterReader = {
  format: RosterFormat;
  /** The CSV delimiter found, for writing the error file back in the same shape. */
  delimiter: ',' | ';' | '\t';
  headers: string[];
  /** Data rows after the header, with the line (CSV) or row number (XLSX) where each starts. */
  rows: AsyncIterable<RosterLine>;
  /** The same rows in arrays, for consumers that do per-row work synchronously (far fewer awaits). Use one of the two, once. */
  batches: AsyncIterable<RosterLine[]>;
  totalBytes: number;
  /** Bytes of the file consumed so far (for progress). */
  bytesRead(): number;
  close(): void;
};

/** A line longer than this is not a roster row (or the file is not a CSV). */
const MAX_RECORD_BYTES = 1024 * 1024;
/** Parsed records waiting for the consumer before the parser pauses. */
const RECORDS_AHEAD = 2_000;

/**
 * Gathers a record stream's output into arrays: the consumer awaits once per batch instead of
 * once per record, which is most of the cost of reading a large roster. Resolves null at the end.
 */
function recordBatches(parser: Duplex, onRecord: (record: string[]) => RosterLine): () => Promise<RosterLine[] | null> {
  let buffer: RosterLine[] = [];
  let ended = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const signal = () => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  parser.on('data', (record: string[]) => {
    buffer.push(onRecord(record));
    if (buffer.length >= RECORDS_AHEAD) {
      parser.pause();
      signal();
    }
  });
  parser.on('end', () => {
    ended = true;
    signal();
  });
  parser.on('error', (error) => {
    failure = error;
    signal();
  });
  return async () => {
    while (buffer.length === 0 && !ended && failure === null) await new Promise<void>((resolve) => (wake = resolve));
    if (failure !== null) throw failure;
    if (buffer.length === 0) return null;
    const records = buffer;
    buffer = [];
    parser.resume();
    return records;
  };
}

/** Both views of a reader's rows over one batch generator (created when first iterated). */
function fromBatches(batches: () => AsyncGenerator<RosterLine[]>): Pick<RosterReader, 'rows' | 'batches'> {
  return {
    batches: { [Symbol.asyncIterator]: () => batches() },
    rows: {
      async *[Symbol.asyncIterator]() {
        for await (const batch of batches()) yield* batch;
      },
    },
  };
}

async function sniff(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Counts `,` `;` and tab outside quotes on the header line and picks the most frequent. */
export function detectDelimiter(headerLine: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch] += 1;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

function fileError(key: string, params: Record<string, string | number> = {}): AppError {
  return new AppError('bad_request', key, { params });
}

/** Opens a roster file (CSV or XLSX, told apart by content, not name) and reads its header. */
export async function openRoster(path: string, options: { sheet?: string } = {}): Promise<RosterReader> {
  const info = await stat(path).catch(() => null);
  if (!info || !info.isFile()) throw fileError('errors.import.fileMissing');
  if (info.size === 0) throw fileError('errors.import.emptyFile');
  const head = await sniff(path);
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return openXlsx(path, options.sheet);
  if (head.includes(0)) throw fileError('errors.import.notRoster');
  return openCsv(path, info.size, head);
}

async function openCsv(path: string, totalBytes: number, head: Buffer): Promise<RosterReader> {
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const firstBreak = text.search(/\r\n|\n|\r/);
  if (firstBreak < 0 && head.length >= 64 * 1024) throw fileError('errors.import.lineTooLong', { line: 1 });
  const delimiter = detectDelimiter(firstBreak < 0 ? text : text.slice(0, firstBreak));
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter, newline: undefined, skipEmptyLines: false });
  let consumed = 0;
  /** Bytes read since the last record came out: a record larger than this is not a roster row. */
  let sinceRecord = 0;
  let nextLine = 1;
  stream.on('data', (chunk) => {
    consumed += chunk.length;
    sinceRecord += chunk.length;
    if (sinceRecord > MAX_RECORD_BYTES + 512 * 1024) {
      stream.destroy();
      parser.destroy(fileError('errors.import.lineTooLong', { line: nextLine }));
    }
  });
  stream.on('error', (error) => parser.destroy(error));
  stream.pipe(parser);
  /** Lines a record spans: one, plus the line breaks inside its quoted fields. */
  const linesOf = (record: string[]) => {
    let lines = 1;
    for (const cell of record) if (cell.includes('\n') || cell.includes('\r')) lines += cell.match(/\r\n|\n|\r/g)?.length ?? 0;
    return lines;
  };
  const take = recordBatches(parser, (cells) => {
    sinceRecord = 0;
    const line = nextLine;
    nextLine += linesOf(cells);
    return { line, cells };
  });
  const nextBatch = async (): Promise<RosterLine[] | null> => {
    try {
      return await take();
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw fileError('errors.import.csvMalformed', { line: nextLine });
    }
  };

  const first = await nextBatch();
  const headerRecord = first?.shift();
  if (!headerRecord) throw fileError('errors.import.emptyFile');
  const headers = headerRecord.cells.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h));

  async function* batches(): AsyncGenerator<RosterLine[]> {
    let records: RosterLine[] | null = first && first.length > 0 ? first : await nextBatch();
    // The file's last record is held back until the end is known (see below).
    let last: RosterLine | null = null;
    while (records) {
      const lines: RosterLine[] = last ? [last, ...records] : records;
      last = lines.pop() ?? null;
      if (lines.length > 0) yield lines;
      records = await nextBatch();
    }
    // An unclosed quote swallows the rest of the file into the last record's field: refuse
    // the file rather than lose the rows inside it.
    if (last?.cells.some((c) => /[\r\n]/.test(c) && c.includes(delimiter))) throw fileError('errors.import.csvMalformed', { line: last.line });
    if (last) yield [last];
  }

  return {
    format: 'csv',
    delimiter,
    headers,
    ...fromBatches(batches),
    totalBytes,
    bytesRead: () => consumed,
    close: () => stream.destroy(),
  };
}

type CellValue = ExcelJS.CellValue;

/**
 * A spreadsheet cell as the text a person sees. Numbers of 16 digits or more are kept in
 * scientific notation: a spreadsheet holds only 15 significant digits, so such a number
 * (a NIK typed as a number) has already lost digits and must not pass as valid.
 */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Math.abs(value) >= 1e15 ? value.toExponential().toUpperCase() : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: CellValue }).result ?? null);
    if ('text' in value) return cellText((value as { text: CellValue }).text);
    if ('error' in value) return '';
  }
  return String(value);
}

const WORKBOOK_PART = 'xl/workbook.xml';
const WORKBOOK_RELS_PART = 'xl/_rels/workbook.xml.rels';
const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeXml = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/giu, (entity, body: string) =>
    body.startsWith('#x') || body.startsWith('#X') ? String.fromCodePoint(parseInt(body.slice(2), 16)) : body.startsWith('#') ? String.fromCodePoint(Number(body.slice(1))) : (XML_ENTITIES[body] ?? entity),
  );

/** The attributes of every `<tag …>` element (any namespace prefix) in an XML part. */
function xmlElements(xml: string, tag: string): Record<string, string>[] {
  return [...xml.matchAll(new RegExp(`<(?:\\w+:)?${tag}\\s([^>]*?)\\/?>`, 'gu'))].map(([, attributes = '']) =>
    Object.fromEntries([...attributes.matchAll(/([\w:]+)="([^"]*)"/gu)].map(([, key = '', value = '']) => [key, decodeXml(value)])),
  );
}

/** The sheets listed in xl/workbook.xml, in ExcelJS's model shape. */
export function workbookSheets(xml: string): { name: string; id: number; state: string; rId: string }[] {
  return xmlElements(xml, 'sheet').map((a) => ({ name: a.name ?? '', id: Number(a.sheetId), state: a.state ?? 'visible', rId: a['r:id'] ?? '' }));
}

/** The workbook's relationships (id → part path inside the file), from xl/_rels/workbook.xml.rels. */
function workbookParts(xml: string): { byId: Map<string, string>; sharedStrings: string | undefined } {
  const byId = new Map<string, string>();
  let sharedStrings: string | undefined;
  for (const rel of xmlElements(xml, 'Relationship')) {
    const target = rel.Target ?? '';
    const part = target.startsWith('/') ? target.slice(1) : posix.normalize(`xl/${target}`);
    byId.set(rel.Id ?? '', part);
    if ((rel.Type ?? '').endsWith('/sharedStrings')) sharedStrings = part;
  }
  return { byId, sharedStrings };
}

/** ExcelJS's streaming reader, used part by part: its sheet and shared-string parsers, fed from the directory. */
type PartReader = {
  model: unknown;
  properties: unknown;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<{ value: AsyncIterable<ExcelJS.Row> }>;
};

/**
 * Reads the chosen sheet (or the first visible one) through the file's directory: the workbook
 * and its relationships name the sheet's part, the shared strings are cached, then the sheet is
 * parsed by ExcelJS as it inflates. ExcelJS's own reader makes one streaming pass over the file
 * and, on Node 18 and later, sometimes loses parts (the sheet list, a sheet) under load.
 */
async function openXlsx(path: string, sheetName: string | undefined): Promise<RosterReader> {
  const parts = await openXlsxParts(path, XLSX_LIMITS, [WORKBOOK_PART, WORKBOOK_RELS_PART]);
  const workbookXml = parts.text.get(WORKBOOK_PART);
  const relsXml = parts.text.get(WORKBOOK_RELS_PART);
  if (workbookXml === undefined || relsXml === undefined) throw fileError('errors.import.xlsxMalformed');
  const sheets = workbookSheets(workbookXml);
  const { byId, sharedStrings } = workbookParts(relsXml);
  const wanted = (name: string) => sheetName === undefined || name.trim().toLowerCase() === sheetName.trim().toLowerCase();
  const sheet = sheetName === undefined ? (sheets.find((s) => s.state === 'visible') ?? sheets[0]) : sheets.find((s) => wanted(s.name));
  if (!sheet) {
    if (sheetName !== undefined) throw fileError('errors.import.sheetMissing', { sheet: sheetName, sheets: sheets.map((s) => s.name).join(', ') });
    throw fileError('errors.import.emptyFile');
  }
  const sheetPart = byId.get(sheet.rId);
  if (sheetPart === undefined || !parts.has(sheetPart)) throw fileError('errors.import.xlsxMalformed');

  // Loaded on first use: most rosters are CSV, and ExcelJS is large.
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit' }) as unknown as PartReader;
  reader.model = { sheets };
  reader.properties = { model: { date1904: /date1904="(1|true)"/u.test(workbookXml) } };
  const withStrings = sharedStrings !== undefined && parts.has(sharedStrings);
  const totalBytes = (withStrings ? parts.storedBytes(sharedStrings) : 0) + parts.storedBytes(sheetPart);
  let consumed = 0;
  const count = (bytes: number) => (consumed += bytes);
  let current: Readable | null = null;

  async function* chosenRows(): AsyncGenerator<ExcelJS.Row> {
    if (withStrings) {
      current = parts.open(sharedStrings, count);
      for await (const _ of reader._parseSharedStrings(current));
    }
    current = parts.open(sheetPart as string, count);
    for (const { value: worksheet } of reader._parseWorksheet(current, String(sheet?.id))) yield* worksheet;
  }
  const iterator = chosenRows();
  const toCells = (row: ExcelJS.Row): string[] => {
    const values = row.values as CellValue[];
    const cells: string[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellText(values[i] ?? null));
    return cells;
  };
  const close = () => (current as Readable | null)?.destroy();
  let first: IteratorResult<ExcelJS.Row>;
  try {
    first = await iterator.next();
  } catch (error) {
    close();
    if (error instanceof AppError) throw error;
    throw fileError('errors.import.xlsxMalformed');
  }
  if (first.done) throw fileError('errors.import.emptyFile');
  const headers = toCells(first.value);

  async function* batches(): AsyncGenerator<RosterLine[]> {
    let lines: RosterLine[] = [];
    while (true) {
      let next: IteratorResult<ExcelJS.Row>;
      try {
        next = await iterator.next();
      } catch {
        throw fileError('errors.import.xlsxMalformed');
      }
      if (next.done) break;
      lines.push({ line: next.value.number, cells: toCells(next.value) });
      if (lines.length >= RECORDS_AHEAD) {
        yield lines;
        lines = [];
      }
    }
    if (lines.length > 0) yield lines;
  }

  return { format: 'xlsx', delimiter: ',', headers, ...fromBatches(batches), totalBytes, bytesRead: () => consumed, close };
}
