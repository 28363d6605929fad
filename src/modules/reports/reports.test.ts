import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProgramme, makeSite, makeUser } from '../../../test/support/factories.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { enrolPeople, makeModule, runQueuedJobs } from '../../../test/support/training.ts';
import { drainFactRefresh } from '../monitoring/facts.ts';

/**
 * A small programme counted by hand.
 *
 * Learning path: one 60-minute module, completion 80 %.
 * Jakarta Selatan (31.74), kuliner: A1–A4 women, A5–A6 men; all six attend X1 (Jan 2024) → trained in January.
 * Manggarai Barat (53.15), kriya: B1, B2 women; B1 attends X2 (Feb 2024) → trained in February.
 *
 * MSMEs enrolled 8, trained 7 (January 6, February 1). By province: 31 → 6 enrolled, 6 trained;
 * 53 → 2 enrolled, 1 trained. By gender: women 6 enrolled, 5 trained; men 2 enrolled, 2 trained.
 * Share of women among the trained: 5 / 7 = 71.4 %. Target: 14 MSMEs trained in 2024 → 50 %.
 */
let t: TestApp;
let admin: Client;
let viewer: Client;
let manager: Client;
let programmeId: string;
let programmeCode: string;

async function q(text: string, params: unknown[] = []) {
  return t.ctx.database.query(text, params);
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn({ role: 'admin' });
  viewer = await t.signIn({ role: 'viewer' });
  const p = await makeProgramme(t.ctx.db, { startDate: '2024-01-01', endDate: '2024-12-31' });
  programmeId = p.id;
  programmeCode = p.code;
  manager = await t.signIn({ role: 'program_manager', programmeIds: [programmeId] });
  const jaksel = await makeSite(t.ctx.db, programmeId, { name: 'Jaksel', regionCode: '31.74' });
  const labuan = await makeSite(t.ctx.db, programmeId, { name: 'Labuan Bajo', regionCode: '53.15' });
  const trainer = await makeUser(t.ctx.db, { role: 'trainer', programmeIds: [programmeId] });
  const jakarta = await enrolPeople(t.ctx.db, programmeId, [
    { name: 'A1', gender: 'female', regencyCode: '31.74', sector: 'kuliner' },
    { name: 'A2', gender: 'female', regencyCode: '31.74', sector: 'kuliner' },
    { name: 'A3', gender: 'female', regencyCode: '31.74', sector: 'kuliner' },
    { name: 'A4', gender: 'female', regencyCode: '31.74', sector: 'kuliner' },
    { name: 'A5', gender: 'male', regencyCode: '31.74', sector: 'kuliner' },
    { name: 'A6', gender: 'male', regencyCode: '31.74', sector: 'kuliner' },
  ]);
  const [b1] = await enrolPeople(t.ctx.db, programmeId, [
    { name: 'B1', gender: 'female', regencyCode: '53.15', sector: 'kriya' },
    { name: 'B2', gender: 'female', regencyCode: '53.15', sector: 'kriya' },
  ]);
  const m1 = await makeModule(t.ctx.db, programmeId, { durationMinutes: 60 });
  await q('INSERT INTO learning_path (programme_id, completion_min_percent) VALUES ($1, 80)', [programmeId]);
  await q('INSERT INTO learning_path_module (programme_id, module_id, position) VALUES ($1, $2, 1)', [programmeId, m1.id]);
  const session = async (siteId: string, start: string) => {
    const [row] = await q(
      `INSERT INTO training_session (programme_id, site_id, title, modality, starts_at, ends_at, capacity, status)
       VALUES ($1, $2, 'Sesi', 'in_person', $3::timestamptz, $3::timestamptz + interval '3 hours', 30, 'done') RETURNING id`,
      [programmeId, siteId, start],
    );
    const id = (row as { id: string }).id;
    await q('INSERT INTO session_module (session_id, module_id) VALUES ($1, $2)', [id, m1.id]);
    await q('INSERT INTO session_trainer (session_id, user_id, programme_id) VALUES ($1, $2, $3)', [id, trainer.id, programmeId]);
    return id;
  };
  const x1 = await session(jaksel.id, '2024-01-10T09:00:00+07:00');
  const x2 = await session(labuan.id, '2024-02-15T09:00:00+08:00');
  const present = async (sessionId: string, personId: string, at: string) => {
    await q(`INSERT INTO session_participant (programme_id, session_id, person_id, source) VALUES ($1, $2, $3, 'manual')`, [programmeId, sessionId, personId]);
    await q(`INSERT INTO attendance (programme_id, session_id, person_id, method, client_id, captured_at) VALUES ($1, $2, $3, 'manual', gen_random_uuid()::text, $4)`, [programmeId, sessionId, personId, at]);
  };
  for (const id of jakarta) await present(x1, id, '2024-01-10T10:00:00+07:00');
  await present(x2, b1 as string, '2024-02-15T10:00:00+08:00');
  expect((await admin.post(`/api/programs/${programmeId}/targets`, { indicator: 'msme_trained', value: 14, periodStart: '2024-01-01', periodEnd: '2024-12-31' })).statusCode).toBe(201);
  await drainFactRefresh(t.ctx.database, programmeId);
}, 120_000);
afterAll(() => t?.close());

/** Asks for a report, runs the job as the server would, and downloads the file. */
async function makeReport(client: Client, body: Record<string, string>): Promise<{ id: string; file: Buffer; contentType: string }> {
  const created = await client.post(`/api/programs/${programmeId}/reports`, body);
  expect(created.statusCode, created.body).toBe(202);
  const id = created.json().id as string;
  expect(created.json()).toMatchObject({ status: 'queued', percent: 0, downloadUrl: null });
  expect((await client.get(`/api/reports/${id}/download`)).statusCode).toBe(409);
  await runQueuedJobs(t.ctx);
  const status = await client.get(`/api/reports/${id}`);
  expect(status.json(), status.body).toMatchObject({ status: 'done', percent: 100, downloadUrl: `/api/reports/${id}/download` });
  const download = await client.get(`/api/reports/${id}/download`);
  expect(download.statusCode).toBe(200);
  return { id, file: download.rawPayload, contentType: String(download.headers['content-type']) };
}

async function openXlsx(file: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  return workbook;
}

/** A dimension sheet as `{ rowCode: { indicatorCode: value } }` (codes from the header's `[code]`). */
function table(sheet: ExcelJS.Worksheet): Record<string, Record<string, unknown>> {
  const header = (sheet.getRow(1).values as unknown[]).map((v) => /\[(\w+)\]$/.exec(String(v ?? ''))?.[1] ?? null);
  const out: Record<string, Record<string, unknown>> = {};
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = row.values as unknown[];
    const cells: Record<string, unknown> = { label: values[2] };
    header.forEach((code, i) => {
      if (code) cells[code] = values[i] ?? null;
    });
    out[String(values[1] ?? '')] = cells;
  });
  return out;
}

describe('XLSX report', () => {
  it('has one sheet per disaggregation and the definitions, with the hand-counted values', async () => {
    const { file, contentType } = await makeReport(admin, { format: 'xlsx' });
    expect(contentType).toContain('spreadsheetml');
    const workbook = await openXlsx(file);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Ringkasan',
      'Provinsi',
      'Kabupaten-Kota',
      'Lokasi',
      'Sektor',
      'Jenis kelamin',
      'Kelompok umur',
      'Jenis peserta',
      'Mitra',
      'Bulan',
      'Definisi indikator',
    ]);
    const province = table(workbook.getWorksheet('Provinsi') as ExcelJS.Worksheet);
    expect(province['31']).toMatchObject({ label: 'DKI JAKARTA', msme_enrolled: 6, msme_trained: 6 });
    expect(province['53']).toMatchObject({ label: 'NUSA TENGGARA TIMUR', msme_enrolled: 2, msme_trained: 1 });
    const gender = table(workbook.getWorksheet('Jenis kelamin') as ExcelJS.Worksheet);
    expect(gender.female).toMatchObject({ label: 'Perempuan', msme_enrolled: 6, msme_trained: 5 });
    expect(gender.male).toMatchObject({ label: 'Laki-laki', msme_enrolled: 2, msme_trained: 2 });
    const sector = table(workbook.getWorksheet('Sektor') as ExcelJS.Worksheet);
    expect(sector.kriya).toMatchObject({ label: 'Kriya', msme_enrolled: 2, msme_trained: 1 });
    const month = table(workbook.getWorksheet('Bulan') as ExcelJS.Worksheet);
    expect(month['2024-01']).toMatchObject({ msme_trained: 6, people_trained: 6 });
    expect(month['2024-02']).toMatchObject({ msme_trained: 1 });
    // Session indicators cannot be broken down by gender: the gender sheet has no such column.
    expect(Object.keys(gender.female ?? {})).not.toContain('sessions_held');

    const summary = workbook.getWorksheet('Ringkasan') as ExcelJS.Worksheet;
    const rows: Record<string, unknown[]> = {};
    summary.eachRow((row) => {
      const values = row.values as unknown[];
      rows[String(values[1])] = values;
    });
    // code, name, unit, value, target, progress, projected, version
    expect(rows.msme_trained?.slice(4, 9)).toEqual([7, 14, 50, 7, 1]);
    expect(rows.msme_enrolled?.[4]).toBe(8);
    expect(rows.women_share?.[4]).toBe(71.4);

    const definitions = workbook.getWorksheet('Definisi indikator') as ExcelJS.Worksheet;
    const header = definitions.getRow(1).values as unknown[];
    expect(header.slice(1, 6)).toEqual(['Kode', 'Indikator', 'Definisi', 'Satuan', 'Versi']);
    let trained: unknown[] = [];
    definitions.eachRow((row) => {
      if ((row.values as unknown[])[1] === 'msme_trained') trained = row.values as unknown[];
    });
    expect(trained[2]).toBe('UMKM terlatih');
    expect(trained[5]).toBe(1);
    expect(JSON.parse(String(trained[8]))).toEqual({ source: 'participants', measure: 'count_msmes', where: ['has_msme', 'completed'] });
  });

  it('counts only the period asked for', async () => {
    const { file } = await makeReport(admin, { format: 'xlsx', from: '2024-02-01', to: '2024-02-29' });
    const workbook = await openXlsx(file);
    const province = table(workbook.getWorksheet('Provinsi') as ExcelJS.Worksheet);
    expect(province['53']).toMatchObject({ msme_trained: 1 });
    expect(province['31']?.msme_trained ?? 0).toBe(0);
  });

  it('hides cells of fewer than 5 people from a viewer, and never hands a viewer a report made for others', async () => {
    const mine = await makeReport(viewer, { format: 'xlsx' });
    const workbook = await openXlsx(mine.file);
    const province = table(workbook.getWorksheet('Provinsi') as ExcelJS.Worksheet);
    expect(province['31']).toMatchObject({ msme_enrolled: 6, msme_trained: 6 });
    expect(province['53']).toMatchObject({ msme_enrolled: '<5', msme_trained: '<5' });
    const gender = table(workbook.getWorksheet('Jenis kelamin') as ExcelJS.Worksheet);
    expect(gender.female).toMatchObject({ msme_enrolled: 6, msme_trained: 5 });
    expect(gender.male).toMatchObject({ msme_enrolled: '<5', msme_trained: '<5' });
    const full = await makeReport(manager, { format: 'xlsx' });
    expect((await viewer.get(`/api/reports/${full.id}`)).statusCode).toBe(404);
    expect((await viewer.get(`/api/reports/${full.id}/download`)).statusCode).toBe(404);
    // The viewer's (suppressed) report may be read by the manager.
    expect((await manager.get(`/api/reports/${mine.id}`)).statusCode).toBe(200);
  });

  it('refuses trainers and a period that ends before it starts', async () => {
    const trainer = await t.signIn({ role: 'trainer', programmeIds: [programmeId] });
    expect((await trainer.post(`/api/programs/${programmeId}/reports`, { format: 'pdf' })).statusCode).toBe(403);
    const bad = await admin.post(`/api/programs/${programmeId}/reports`, { format: 'pdf', from: '2024-03-01', to: '2024-02-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('to');
    expect((await admin.post(`/api/programs/${programmeId}/reports`, { format: 'docx' })).statusCode).toBe(400);
  });
});

describe('PDF report', () => {
  it('is in Bahasa Indonesia with the period, the definition version and the indicators against targets', async () => {
    const { file, contentType } = await makeReport(admin, { format: 'pdf', from: '2024-01-01', to: '2024-12-31' });
    expect(contentType).toBe('application/pdf');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'berdaya-report-'));
    writeFileSync(path.join(dir, 'r.pdf'), file);
    const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Laporan Indikator Program');
    expect(text).toContain(`(${programmeCode})`);
    expect(text).toContain('Periode: 2024-01-01 - 2024-12-31');
    expect(text).toContain('Definisi indikator yang dipakai: versi 1');
    // Indicator, value, target, progress (%), projected, version
    expect(text).toMatch(/UMKM terlatih\s+7\s+14\s+50\s+7\s+1/);
    expect(text).toMatch(/Persentase perempuan\s+71,4 %/);
    expect(text).toContain('Halaman 1 dari 1');
  });
});

describe('public results page', () => {
  it('is 404 until the programme manager opts in, then shows headline figures and provinces with small cells hidden, and 404 again once withdrawn', async () => {
    const url = `/api/public/programs/${programmeCode}/results`;
    expect((await t.anonymous.get(url)).statusCode).toBe(404);
    expect((await t.anonymous.get('/api/public/programs/TIDAK-ADA/results')).statusCode).toBe(404);
    expect((await manager.get(`/api/programs/${programmeId}/public-results`)).json()).toEqual({ published: false, publishedAt: null });
    expect((await viewer.put(`/api/programs/${programmeId}/public-results`, { published: true })).statusCode).toBe(403);

    const published = await manager.put(`/api/programs/${programmeId}/public-results`, { published: true });
    expect(published.statusCode).toBe(200);
    expect(published.json().published).toBe(true);
    const res = await t.anonymous.get(url);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const figure = (code: string) => body.indicators.find((i: { code: string }) => i.code === code);
    expect(figure('msme_enrolled')).toMatchObject({ value: 8, target: null });
    expect(figure('msme_trained')).toMatchObject({ value: 7, target: 14, progress: 50 });
    expect(figure('women_share')).toMatchObject({ value: 71.4 });
    expect(body.byProvince).toEqual([
      { code: '31', name: 'DKI JAKARTA', enrolled: 6, trained: 6, onboarded: 0 },
      { code: '53', name: 'NUSA TENGGARA TIMUR', enrolled: null, trained: null, onboarded: 0 },
    ]);
    // Aggregates only: no names, phones or ids of people.
    expect(res.body).not.toMatch(/"A1"|"B1"|\+62|personId/);
    expect(res.headers['x-ratelimit-limit']).toBe('60');

    expect((await manager.put(`/api/programs/${programmeId}/public-results`, { published: false })).json().published).toBe(false);
    expect((await t.anonymous.get(url)).statusCode).toBe(404);
  });

  it('counts a published page once per refresh of the facts, not once per visit', async () => {
    const url = `/api/public/programs/${programmeCode}/results`;
    expect((await manager.put(`/api/programs/${programmeId}/public-results`, { published: true })).statusCode).toBe(200);
    const enrolled = async () => (await t.anonymous.get(url)).json().indicators.find((i: { code: string }) => i.code === 'msme_enrolled').value;
    expect(await enrolled()).toBe(8);
    // A fact changed behind the refresh job's back is not seen: the page was not counted again.
    await q(`DELETE FROM participant_fact WHERE programme_id = $1 AND person_id = (SELECT person_id FROM participant_fact WHERE programme_id = $1 ORDER BY person_id LIMIT 1)`, [programmeId]);
    expect(await enrolled()).toBe(8);
    // The refresh job stamps the programme's rollup state when the facts change: the next visit counts.
    await q(`UPDATE rollup_state SET refreshed_at = now() WHERE programme_id = $1`, [programmeId]);
    expect(await enrolled()).toBe(7);
  });
});
