import { createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../core/app-error.ts';
import { toKeyMaterial } from '../../core/pii-crypto.ts';
import { SYSTEM_ACTOR } from '../../core/system-actor.ts';
import { job } from '../../db/schema/index.ts';
import { JOB_HANDLERS } from '../../server/app.ts';
import { translate } from '../../server/i18n.ts';
import { makeProgramme } from '../../../test/support/factories.ts';
import { rosterFile } from '../../../test/support/import.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { bombStrings, workbookParts, writeZip } from '../../../test/support/zip.ts';
import { runJob } from '../jobs/runner.ts';
import { piiKeys } from '../personal-data/keyring.ts';
import { readStageEvents } from './stage-events.ts';
import { createImportJob, toImportJobView } from './service.ts';
import { openXlsxParts, XLSX_LIMITS } from './xlsx-guard.ts';

let t: TestApp;
let programmeId: string;
beforeAll(async () => {
  t = await createTestApp();
  programmeId = (await makeProgramme(t.ctx.db)).id;
});
afterAll(() => t.close());

const MB = 1024 * 1024;

/**
 * Runs an import job to its end in this process (the uploaded file is moved, not copied) while
 * sampling the process's memory; returns the job as the API shows it and the memory growth.
 */
async function importWatchingMemory(file: string) {
  const created = await createImportJob({ db: t.ctx.db, actor: SYSTEM_ACTOR, dataDir: t.ctx.config.dataDir, programmeId, file: { path: file, filename: path.basename(file), move: true }, dryRun: false });
  const [claimed] = await t.ctx.db.update(job).set({ status: 'running', attempts: 1 }).where(eq(job.id, created.id)).returning();
  if (!claimed) throw new Error('job vanished');
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = Date.now();
  try {
    const finished = await runJob(t.ctx.database, JOB_HANDLERS, claimed);
    return { view: toImportJobView(finished, 'id'), english: toImportJobView(finished, 'en'), growthMb: (peak - before) / MB, seconds: (Date.now() - started) / 1000 };
  } finally {
    clearInterval(sampler);
  }
}

describe('malformed rosters are refused with a clear message, with flat memory', () => {
  it('a truncated XLSX', async () => {
    const { default: Excel } = await import('exceljs');
    const wb = new Excel.Workbook();
    const sheet = wb.addWorksheet('Daftar');
    sheet.addRow(['Nama Usaha', 'Nama Pemilik', 'No. HP', 'Kabupaten/Kota']);
    for (let i = 0; i < 2_000; i++) sheet.addRow([`Warung ${i}`, `Pemilik ${i}`, `0812${String(i).padStart(8, '0')}`, 'Jakarta Selatan']);
    const whole = Buffer.from(await wb.xlsx.writeBuffer());
    for (const cut of [0.9, 0.5, 0.1]) {
      const { view, english } = await importWatchingMemory(rosterFile(whole.subarray(0, Math.floor(whole.length * cut)), 'xlsx'));
      expect(view.status).toBe('failed');
      expect(view.error).toBe('Berkas XLSX rusak atau tidak dapat dibaca');
      expect(english.error).toBe('The XLSX file is damaged or cannot be read');
    }
  });

  it('random binary content (fast-check), with or without a zip signature, never crashes the reader', async () => {
    const known = new Set(['errors.import.notRoster', 'errors.import.xlsxMalformed', 'errors.import.csvMalformed', 'errors.import.noNameColumn', 'errors.import.emptyFile', 'errors.import.lineTooLong']);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 8_192 }), fc.boolean(), async (bytes, zipSignature) => {
        const content = zipSignature ? Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from(bytes)]) : Buffer.from(bytes);
        const file = rosterFile(content, 'bin');
        try {
          for await (const event of readStageEvents({ jobId: '00000000-0000-4000-8000-000000000000', path: file, keys: toKeyMaterial(piiKeys()) })) void event;
        } catch (error) {
          // Refused: only ever with one of the reader's own messages, never an exception of a library.
          expect(error).toBeInstanceOf(AppError);
          expect(known.has((error as AppError).messageKey), (error as AppError).messageKey).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
    const { view } = await importWatchingMemory(rosterFile(Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919) % 256)), 'xlsx'));
    expect(view.error).toBe(translate('id', 'errors.import.notRoster'));
  });

  it('a zip bomb: a small XLSX whose shared strings inflate to 400 MB', { timeout: 120_000 }, async () => {
    const file = rosterFile('', 'xlsx');
    await writeZip(file, workbookParts(bombStrings(400)));
    expect(statSync(file).size).toBeLessThan(5 * MB);
    const { view, english, growthMb } = await importWatchingMemory(file);
    expect(view.status).toBe('failed');
    expect(view.error).toBe(translate('id', 'errors.import.xlsxTooLarge', { maxMb: XLSX_LIMITS.entryBytes / MB }));
    expect(english.error).toMatch(/^This XLSX file expands to more than 256 MB when opened/);
    expect(growthMb).toBeLessThan(64);
  });

  it('a zip bomb that lies about its size (declares 1 MB, inflates to 400 MB) is stopped while inflating', { timeout: 120_000 }, async () => {
    const file = rosterFile('', 'xlsx');
    await writeZip(file, workbookParts(bombStrings(400, MB)));
    const started = Date.now();
    const { view, growthMb } = await importWatchingMemory(file);
    expect(view.status).toBe('failed');
    expect(view.error).toBe('Berkas XLSX rusak atau tidak dapat dibaca');
    expect(growthMb).toBeLessThan(64);
    // Stopped after the declared megabyte, not after inflating everything.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('lets a real workbook through: an XLSX over 2 MB, read in a fresh worker thread, imports completely', { timeout: 120_000 }, async () => {
    const { default: Excel } = await import('exceljs');
    const wb = new Excel.Workbook();
    const sheet = wb.addWorksheet('Daftar');
    sheet.addRow(['Nama Usaha', 'Nama Pemilik', 'No. HP', 'Kabupaten/Kota', 'Keterangan']);
    let noise = 7;
    const note = () => Array.from({ length: 700 }, () => String.fromCharCode(97 + ((noise = (noise * 48271) % 2147483647) % 26))).join('');
    for (let i = 0; i < 5_000; i++) sheet.addRow([`Warung ${i}`, `Pemilik ${i}`, `0813${String(i).padStart(8, '0')}`, 'Jakarta Selatan', note()]);
    const file = rosterFile(Buffer.from(await wb.xlsx.writeBuffer()), 'xlsx');
    expect(statSync(file).size).toBeGreaterThan(2 * MB);
    const { view } = await importWatchingMemory(file);
    expect(view.error).toBeNull();
    expect(view.summary).toMatchObject({ total: 5_000, inserted: 5_000, rejected: 0 });
  });

  it('the guard lets an honest workbook through and refuses parts hidden from its directory', async () => {
    const honest = rosterFile('', 'xlsx');
    await writeZip(honest, workbookParts(bombStrings(2)));
    await expect(openXlsxParts(honest)).resolves.toMatchObject({ text: expect.any(Map) });
    // Bytes between the parts that the central directory does not list (a smuggled part).
    const { readFileSync, writeFileSync } = await import('node:fs');
    const bytes = readFileSync(honest);
    const smuggled = rosterFile(Buffer.concat([Buffer.from('PK\x03\x04 hidden part '), bytes]), 'xlsx');
    writeFileSync(smuggled, Buffer.concat([Buffer.from('PK\x03\x04 hidden part '), bytes]));
    await expect(openXlsxParts(smuggled)).rejects.toMatchObject({ messageKey: 'errors.import.xlsxMalformed' });
  });

  it('a CSV with a single 1 GB line, generated as a stream', { timeout: 180_000 }, async () => {
    const file = rosterFile('', 'csv');
    const out = createWriteStream(file);
    out.write('Nama Usaha;Nama Pemilik;No. HP;Kabupaten/Kota\n');
    const chunk = Buffer.alloc(4 * MB, 'a');
    for (let written = 0; written < 1024 * MB; written += chunk.length) if (!out.write(chunk)) await once(out, 'drain');
    out.end('\n');
    await once(out, 'finish');
    expect(statSync(file).size).toBeGreaterThan(1024 * MB);
    const { view, english, growthMb, seconds } = await importWatchingMemory(file);
    expect(view.status).toBe('failed');
    expect(view.error).toBe('Baris 2 terlalu panjang (lebih dari 1 MB): berkas ini bukan daftar CSV yang wajar');
    expect(english.error).toMatch(/^Line 2 is too long/);
    expect(growthMb).toBeLessThan(100);
    // Refused after the first megabytes of the line, not after reading the gigabyte.
    expect(seconds).toBeLessThan(30);
  });
});
