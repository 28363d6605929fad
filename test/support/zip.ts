import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { crc32, createDeflateRaw } from 'node:zlib';

/** A zip part: its content as chunks (generated lazily, so that huge parts are never held in memory). */
export type ZipPart = { name: string; chunks: () => Iterable<Buffer>; /** Declare this uncompressed size instead of the real one (a lying header). */ declareSize?: number };

/** Deflates a part as a stream; the compressed result is small for the repetitive content bombs are made of. */
async function deflate(chunks: Iterable<Buffer>): Promise<{ data: Buffer; crc: number; size: number }> {
  const deflater = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (c: Buffer) => out.push(c));
  let crc = 0;
  let size = 0;
  for (const chunk of chunks) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!deflater.write(chunk)) await once(deflater, 'drain');
  }
  deflater.end();
  await once(deflater, 'end');
  return { data: Buffer.concat(out), crc, size };
}

/** Writes a zip file (deflated parts, sizes in the local headers, a central directory) to `file`. */
export async function writeZip(file: string, parts: ZipPart[]): Promise<void> {
  const out = createWriteStream(file);
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const { data, crc, size } = await deflate(part.chunks());
    const declared = part.declareSize ?? size;
    const name = Buffer.from(part.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    out.write(Buffer.concat([local, name, data]));
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc >>> 0, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(declared, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(Buffer.concat([entry, name]));
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  out.end(Buffer.concat([cd, end]));
  await once(out, 'finish');
}

const text = (s: string) => () => [Buffer.from(s)];
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8"?>';

/** The parts of a one-sheet workbook (its first cell is shared string 0) around the given shared strings: ExcelJS reads it. */
export function workbookParts(sharedStrings: ZipPart): ZipPart[] {
  return [
    { name: '[Content_Types].xml', chunks: text(`${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`) },
    { name: '_rels/.rels', chunks: text(`${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`) },
    { name: 'xl/workbook.xml', chunks: text(`${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Daftar" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    {
      name: 'xl/_rels/workbook.xml.rels',
      chunks: text(`${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
    },
    sharedStrings,
    { name: 'xl/worksheets/sheet1.xml', chunks: text(`${XML}<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`) },
  ];
}

/** `xl/sharedStrings.xml` of `megabytes` MB of one repeated string: about a megabyte once deflated. */
export function bombStrings(megabytes: number, declareSize?: number): ZipPart {
  const item = Buffer.from(`<si><t>${'Warung Sari Rasa Jakarta Selatan '.repeat(30)}</t></si>`);
  const block = Buffer.concat(Array.from({ length: Math.ceil((1024 * 1024) / item.length) }, () => item));
  return {
    name: 'xl/sharedStrings.xml',
    declareSize,
    chunks: function* () {
      yield Buffer.from(`${XML}<sst xmlns="${MAIN}">`);
      for (let i = 0; i < megabytes; i++) yield block;
      yield Buffer.from('</sst>');
    },
  };
}
