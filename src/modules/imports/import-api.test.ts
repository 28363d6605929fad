import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganisation, makePartnership, makeProgramme } from '../../../test/support/factories.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp({ jobs: true });
  admin = await t.signIn({ role: 'admin' });
});
afterAll(() => t.close());

function upload(client: Client, programmeId: string, filename: string, content: string | Buffer, query = '') {
  const boundary = '----berdaya-roster';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`;
  return client.inject({
    method: 'POST',
    url: `/api/programs/${programmeId}/imports${query}`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([Buffer.from(head), Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
}

async function waitForJob(client: Client, id: string) {
  for (let i = 0; i < 200; i++) {
    const view = (await client.get(`/api/imports/${id}`)).json();
    if (view.status === 'done' || view.status === 'failed') return view;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

const CSV = [
  'Nama Usaha;Nama Pemilik;NIK;No. HP;Kabupaten/Kota',
  'Warung Satu;Satu;3174015203920001;081234567890;Jakarta Selatan',
  'Warung Dua;Dua;3.17401E+15;;Jakarta Selatan',
  ';Tiga;;081234567892;Jakarta Selatan',
].join('\r\n');

describe('import over HTTP', () => {
  it('queues an upload, reports progress to done, and serves the rejected rows in the caller\'s language', async () => {
    const p = await makeProgramme(t.ctx.db);
    const res = await upload(admin, p.id, 'daftar jakpreneur.csv', CSV);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ filename: 'daftar jakpreneur.csv', dryRun: false, status: 'queued', percent: 0 });
    const done = await waitForJob(admin, res.json().id);
    expect(done).toMatchObject({ status: 'done', percent: 100, summary: { total: 3, inserted: 1, updated: 0, duplicates: 0, rejected: 2, rejectedByReason: { missing_name: 1, nik_invalid: 1 } } });

    const errors = await admin.get(`/api/imports/${done.id}/errors.csv`);
    expect(errors.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(errors.headers['content-disposition']).toBe('attachment; filename="daftar_jakpreneur-errors.csv"');
    const lines = errors.body.split('\r\n');
    expect(lines[0]).toBe('\uFEFFNama Usaha;Nama Pemilik;NIK;No. HP;Kabupaten/Kota;Baris Asal;Kode Alasan;Alasan');
    expect(lines[1]).toBe('Warung Dua;Dua;3.17401E+15;;Jakarta Selatan;3;nik_invalid;NIK tidak valid (harus 16 digit, kode provinsi, tanggal dan bulan lahir yang benar)');
    expect(lines[2]).toBe(';Tiga;;081234567892;Jakarta Selatan;4;missing_name;Nama usaha atau nama pemilik kosong');
    const english = await admin.get(`/api/imports/${done.id}/errors.csv`, { 'accept-language': 'en' });
    expect(english.body.split('\r\n')[0]).toContain('Original line;Reason code;Reason');

    const history = (await admin.get(`/api/programs/${p.id}/imports`)).json().items;
    expect(history.map((h: { id: string }) => h.id)).toEqual([done.id]);
  });

  it('reports a refused file as a failed job with the reason', async () => {
    const p = await makeProgramme(t.ctx.db);
    const res = await upload(admin, p.id, 'salah.csv', 'Kolom A,Kolom B\n1,2\n');
    const done = await waitForJob(admin, res.json().id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/^Tidak ada kolom nama yang dikenali\. Kolom yang ditemukan: Kolom A, Kolom B\./);
  });

  it('lets only importing roles of the programme in; other programmes\' imports are not found', async () => {
    const owner = await makeOrganisation(t.ctx.db);
    const partner = await makeOrganisation(t.ctx.db, { kind: 'ngo' });
    const mine = await makeProgramme(t.ctx.db, { ownerOrganisationId: owner.id });
    const theirs = await makeProgramme(t.ctx.db);
    await makePartnership(t.ctx.db, mine.id, partner.id);
    const coordinator = await t.signIn({ role: 'partner_coordinator', organisationId: partner.id });
    const viewer = await t.signIn({ role: 'viewer' });
    const trainer = await t.signIn({ role: 'trainer', programmeIds: [mine.id] });

    const ok = await upload(coordinator, mine.id, 'mitra.csv', CSV, '?dryRun=true');
    expect(ok.statusCode).toBe(202);
    expect(ok.json().dryRun).toBe(true);
    expect((await upload(viewer, mine.id, 'x.csv', CSV)).statusCode).toBe(403);
    expect((await upload(trainer, mine.id, 'x.csv', CSV)).statusCode).toBe(403);
    expect((await upload(coordinator, theirs.id, 'x.csv', CSV)).statusCode).toBe(404);
    const adminJob = (await upload(admin, theirs.id, 'x.csv', CSV)).json();
    expect((await coordinator.get(`/api/imports/${adminJob.id}`)).statusCode).toBe(404);
    expect((await coordinator.get(`/api/imports/${adminJob.id}/errors.csv`)).statusCode).toBe(404);
    expect((await t.anonymous.get(`/api/imports/${adminJob.id}`)).statusCode).toBe(401);
    await waitForJob(admin, adminJob.id);
    await waitForJob(coordinator, ok.json().id);
  });
});
