import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { PassThrough, type Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { AppError } from '../../core/app-error.ts';

/**
 * How far an XLSX roster may decompress. A 370,000-row roster unpacks to a few hundred MB at
 * most; a "zip bomb" (a small file whose sharedStrings inflate to gigabytes) would exhaust the
 * memory (shared strings are cached) or the disk (sheets before them are spooled to temp files).
 */
export const XLSX_LIMITS = {
  /** One part (a sheet, the shared strings). */
  entryBytes: 256 * 1024 * 1024,
  /** The whole workbook, as for a CSV roster. */
  totalBytes: 1024 * 1024 * 1024,
  /** Compression ratio above which a part larger than `ratioFloorBytes` is a bomb (XML compresses ~10–30×). */
  ratio: 200,
  ratioFloorBytes: 8 * 1024 * 1024,
};

type Entry = { name: string; flags: number; method: number; compressedSize: number; uncompressedSize: number; localOffset: number };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;

const malformed = () => new AppError('bad_request', 'errors.import.xlsxMalformed');
const tooLarge = (limit: number) => new AppError('bad_request', 'errors.import.xlsxTooLarge', { params: { maxMb: Math.round(limit / 1024 / 1024) } });

async function read(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  if (bytesRead !== length) throw malformed();
  return buffer;
}

/** Inflates one part from disk, counting what comes out; stops (malformed) as soon as it exceeds `limit`. */
function inflatedSize(path: string, start: number, end: number, limit: number, keep?: Buffer[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const source = end > start ? createReadStream(path, { start, end: end - 1, highWaterMark: 64 * 1024 }) : null;
    const inflate = createInflateRaw();
    let total = 0;
    const fail = (error: Error) => {
      source?.destroy();
      inflate.destroy();
      reject(error);
    };
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      keep?.push(chunk);
      if (total > limit) fail(malformed());
    });
    inflate.on('end', () => resolve(total));
    inflate.on('error', () => fail(malformed()));
    if (source) {
      source.on('error', () => fail(malformed()));
      source.pipe(inflate);
    } else inflate.end();
  });
}

function partStream(path: string, { method, start, end }: PartSpan, onStored?: (bytes: number) => void): Readable {
  const output = method === 8 ? createInflateRaw() : new PassThrough();
  if (end === start) {
    output.end();
    return output;
  }
  const source = createReadStream(path, { start, end: end - 1, highWaterMark: 256 * 1024 });
  if (onStored) source.on('data', (chunk) => onStored(chunk.length));
  source.on('error', (error) => output.destroy(error));
  output.on('close', () => source.destroy());
  return source.pipe(output);
}

/** Where one part's stored bytes lie in the file. */
type PartSpan = { method: number; start: number; end: number };

/** An XLSX file checked by the guard, read part by part through its central directory. */
export type XlsxParts = {
  /** The text of the parts named in `keep` (small ones, such as xl/workbook.xml), read on the way. */
  text: Map<string, string>;
  has(name: string): boolean;
  /** The stored (compressed) size of a part, 0 when absent. */
  storedBytes(name: string): number;
  /** One part's content, inflated as it is read; `onStored` counts the stored bytes read (for progress). */
  open(name: string, onStored?: (bytes: number) => void): Readable;
};

/**
 * Refuses an XLSX file before it is opened when it would unpack to more than the limits, or when
 * its layout lets a streaming reader see other parts than its directory lists (smuggled parts, sizes
 * that disagree): every byte before the central directory must belong to a listed part, each part is
 * inflated here (streamed, counted, capped) and must not grow beyond the size it declares.
 * The checked file's parts are then read one at a time, in any order, through the directory:
 * unlike one streaming pass over the file (ExcelJS's reader), that never misses a part.
 */
export async function openXlsxParts(path: string, limits = XLSX_LIMITS, keep: readonly string[] = []): Promise<XlsxParts> {
  const kept = new Map<string, string>();
  const spans = new Map<string, PartSpan>();
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = await read(handle, size - tailLength, tailLength);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at < 0) throw malformed();
    const count = tail.readUInt16LE(at + 10);
    const cdSize = tail.readUInt32LE(at + 12);
    const cdOffset = tail.readUInt32LE(at + 16);
    // ZIP64 (over 4 GB or 65,535 parts) is never a roster.
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw tooLarge(limits.totalBytes);
    if (cdOffset + cdSize > size - tailLength + at) throw malformed();

    const cd = await read(handle, cdOffset, cdSize);
    const entries: Entry[] = [];
    for (let p = 0; entries.length < count; ) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw malformed();
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      entries.push({
        flags: cd.readUInt16LE(p + 8),
        method: cd.readUInt16LE(p + 10),
        compressedSize: cd.readUInt32LE(p + 20),
        uncompressedSize: cd.readUInt32LE(p + 24),
        localOffset: cd.readUInt32LE(p + 42),
        name: cd.subarray(p + 46, p + 46 + nameLength).toString('utf8'),
      });
      p += 46 + nameLength + extraLength + commentLength;
    }

    let total = 0;
    for (const entry of entries) {
      if (entry.method !== 0 && entry.method !== 8) throw malformed();
      if (entry.uncompressedSize > limits.entryBytes) throw tooLarge(limits.entryBytes);
      total += entry.uncompressedSize;
      if (total > limits.totalBytes) throw tooLarge(limits.totalBytes);
      if (entry.uncompressedSize > limits.ratioFloorBytes && entry.uncompressedSize > limits.ratio * Math.max(1, entry.compressedSize)) throw tooLarge(limits.entryBytes);
    }

    // The parts must tile the file up to the central directory, in the order a streaming reader meets them.
    let cursor = 0;
    for (const entry of [...entries].sort((a, b) => a.localOffset - b.localOffset)) {
      if (entry.localOffset !== cursor) throw malformed();
      const local = await read(handle, entry.localOffset, 30);
      if (local.readUInt32LE(0) !== LOCAL) throw malformed();
      const nameLength = local.readUInt16LE(26);
      const name = (await read(handle, entry.localOffset + 30, nameLength)).toString('utf8');
      if (name !== entry.name || local.readUInt16LE(8) !== entry.method) throw malformed();
      const descriptor = (local.readUInt16LE(6) & 8) !== 0;
      if (!descriptor && (local.readUInt32LE(18) !== entry.compressedSize || local.readUInt32LE(22) !== entry.uncompressedSize)) throw malformed();
      const start = entry.localOffset + 30 + nameLength + local.readUInt16LE(28);
      const end = start + entry.compressedSize;
      if (end > cdOffset) throw malformed();
      cursor = end;
      if (descriptor) cursor += end + 4 <= cdOffset && (await read(handle, end, 4)).readUInt32LE(0) === DESCRIPTOR ? 16 : 12;

      const chunks: Buffer[] | undefined = keep.includes(entry.name) ? [] : undefined;
      if (entry.method === 0) {
        if (entry.compressedSize !== entry.uncompressedSize) throw malformed();
        if (chunks) chunks.push(await read(handle, start, entry.compressedSize));
      } else if ((await inflatedSize(path, start, end, entry.uncompressedSize, chunks)) !== entry.uncompressedSize) {
        // A part that inflates to more (or less) than it declares is lying: a bomb in disguise.
        throw malformed();
      }
      if (chunks) kept.set(entry.name, Buffer.concat(chunks).toString('utf8'));
      spans.set(entry.name, { method: entry.method, start, end });
    }
    if (cursor !== cdOffset) throw malformed();
    return {
      text: kept,
      has: (name) => spans.has(name),
      storedBytes: (name) => {
        const span = spans.get(name);
        return span ? span.end - span.start : 0;
      },
      open: (name, onStored) => {
        const span = spans.get(name);
        if (!span) throw malformed();
        return partStream(path, span, onStored);
      },
    };
  } finally {
    await handle.close();
  }
}
