import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEvent, document, partnership, site, target } from '../../db/schema/index.ts';
import { makeOrganisation, makeProgramme } from '../../../test/support/factories.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn({ role: 'admin' });
});
afterAll(() => t.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

function multipart(filename: string, content: Buffer, contentType = 'application/pdf') {
  const boundary = '----berdaya-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('sites', () => {
  it('adds sites in known regions, lists them grouped by province, edits and archives', async () => {
    const p = await makeProgramme(t.ctx.db);
    const res = await admin.post(`/api/programs/${p.id}/sites`, { name: 'Labuan Bajo', type: 'destinasi_wisata', regionCode: '53.15', address: 'Puncak Waringin' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: 'Labuan Bajo', type: 'destinasi_wisata', region: { code: '53.15', name: 'KABUPATEN MANGGARAI BARAT', provinceCode: '53', provinceName: 'NUSA TENGGARA TIMUR' } });
    await admin.post(`/api/programs/${p.id}/sites`, { name: 'Samosir', type: 'destinasi_wisata', regionCode: '12.17' });
    const list = (await admin.get(`/api/programs/${p.id}/sites`)).json();
    expect(list.items.map((s: { name: string }) => s.name)).toEqual(['Samosir', 'Labuan Bajo']);
    const ntt = (await admin.get(`/api/programs/${p.id}/sites?provinceCode=53`)).json();
    expect(ntt.total).toBe(1);

    const edited = await admin.patch(`/api/programs/${p.id}/sites/${res.json().id}`, { type: 'desa_wisata' });
    expect(edited.json().type).toBe('desa_wisata');
    await admin.patch(`/api/programs/${p.id}/sites/${res.json().id}`, { archived: true });
    expect((await admin.get(`/api/programs/${p.id}/sites`)).json().total).toBe(1);
  });

  it('refuses an unknown region code and an unknown site type, storing nothing', async () => {
    const p = await makeProgramme(t.ctx.db);
    const unknownRegion = await admin.post(`/api/programs/${p.id}/sites`, { name: 'X', type: 'online', regionCode: '99.99' });
    expect(unknownRegion.statusCode).toBe(400);
    expect(unknownRegion.json().error.fields).toEqual({ regionCode: 'Kode wilayah tidak dikenal' });
    const badType = await admin.post(`/api/programs/${p.id}/sites`, { name: 'X', type: 'pasar', regionCode: '31.74' });
    expect(badType.statusCode).toBe(400);
    expect(badType.json().error.fields).toHaveProperty('type');
    expect(await t.ctx.db.select().from(site).where(eq(site.programmeId, p.id))).toHaveLength(0);
  });
});

describe('partnerships and MoU documents', () => {
  it('adds a partner with MoU details and stores an uploaded PDF', async () => {
    const p = await makeProgramme(t.ctx.db);
    const org = await makeOrganisation(t.ctx.db, { name: 'Asosiasi Uji PPSW', kind: 'ngo' });
    const res = await admin.post(`/api/programs/${p.id}/partnerships`, { organisationId: org.id, role: 'implementing', mouNumber: 'MoU/01/2023', mouSignedOn: '2023-06-15', mouScope: 'Pelatihan' });
    expect(res.statusCode).toBe(201);
    const partnershipId = res.json().id;
    const dup = await admin.post(`/api/programs/${p.id}/partnerships`, { organisationId: org.id });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields).toEqual({ organisationId: 'Organisasi ini sudah menjadi mitra program' });

    const upload = await admin.put(`/api/programs/${p.id}/partnerships/${partnershipId}/mou`, undefined, {});
    expect(upload.statusCode).toBe(415);
    const mp = multipart('mou.pdf', PDF);
    const ok = await admin.inject({ method: 'PUT', url: `/api/programs/${p.id}/partnerships/${partnershipId}/mou`, ...mp });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().mouDocument).toMatchObject({ filename: 'mou.pdf', size: PDF.length });
    const download = await admin.get(`/api/programs/${p.id}/partnerships/${partnershipId}/mou`);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(PDF)).toBe(true);
  });

  it('refuses a non-PDF and an oversized upload and keeps the stored document', async () => {
    const p = await makeProgramme(t.ctx.db);
    const org = await makeOrganisation(t.ctx.db, { kind: 'platform' });
    const partnershipId = (await admin.post(`/api/programs/${p.id}/partnerships`, { organisationId: org.id })).json().id;
    const url = `/api/programs/${p.id}/partnerships/${partnershipId}/mou`;
    await admin.inject({ method: 'PUT', url, ...multipart('asli.pdf', PDF) });

    const fake = await admin.inject({ method: 'PUT', url, ...multipart('palsu.pdf', Buffer.from('MZ\x90\x00 not a pdf'), 'application/pdf') });
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error.message).toBe('Dokumen MoU harus berupa berkas PDF');
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 1, 0x20)]);
    const tooBig = await admin.inject({ method: 'PUT', url, ...multipart('besar.pdf', big) });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('payload_too_large');

    const [row] = await t.ctx.db.select({ filename: document.filename }).from(partnership).innerJoin(document, eq(document.id, partnership.mouDocumentId)).where(eq(partnership.id, partnershipId));
    expect(row?.filename).toBe('asli.pdf');
  });
});

describe('targets', () => {
  it('adds targets narrowed by site, region, sector, gender and period, and validates them', async () => {
    const p = await makeProgramme(t.ctx.db);
    const s = (await admin.post(`/api/programs/${p.id}/sites`, { name: 'Kupang', type: 'kabupaten_kota', regionCode: '53.71' })).json();
    const res = await admin.post(`/api/programs/${p.id}/targets`, {
      indicator: 'msme_trained',
      value: 1500,
      siteId: s.id,
      regionCode: '53.71',
      sector: 'kuliner',
      gender: 'female',
      periodStart: '2024-01-01',
      periodEnd: '2024-03-31',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ indicator: 'msme_trained', value: 1500, site: { id: s.id }, region: { code: '53.71' }, sector: 'kuliner', gender: 'female' });
    const bad = await admin.post(`/api/programs/${p.id}/targets`, { indicator: 'jumlah_ajaib', value: -1, sector: 'batu' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['indicator', 'sector', 'value']);
    const otherProgrammeSite = (await admin.post(`/api/programs/${(await makeProgramme(t.ctx.db)).id}/sites`, { name: 'Lain', type: 'online', regionCode: '31.74' })).json();
    const wrongSite = await admin.post(`/api/programs/${p.id}/targets`, { indicator: 'msme_trained', value: 1, siteId: otherProgrammeSite.id });
    expect(wrongSite.json().error.fields).toEqual({ siteId: 'Lokasi tidak dikenal dalam program ini' });
    const period = await admin.post(`/api/programs/${p.id}/targets`, { indicator: 'msme_trained', value: 1, periodStart: '2024-05-01', periodEnd: '2024-04-01' });
    expect(period.json().error.fields).toHaveProperty('periodEnd');
    expect((await admin.get(`/api/programs/${p.id}/targets`)).json().total).toBe(1);
  });
});

describe('editing and archiving partners and targets', () => {
  it('edits MoU details and a target, archives both, and audits each change', async () => {
    const p = await makeProgramme(t.ctx.db);
    const org = await makeOrganisation(t.ctx.db, { kind: 'ngo' });
    const partnershipId = (await admin.post(`/api/programs/${p.id}/partnerships`, { organisationId: org.id })).json().id;
    const edited = await admin.patch(`/api/programs/${p.id}/partnerships/${partnershipId}`, { role: 'strategic', mouNumber: 'MoU/02/2024', mouSignedOn: '2024-02-01', mouScope: 'Ruang lingkup baru' });
    expect(edited.json()).toMatchObject({ role: 'strategic', mouNumber: 'MoU/02/2024', mouSignedOn: '2024-02-01', mouScope: 'Ruang lingkup baru' });
    const badDate = await admin.patch(`/api/programs/${p.id}/partnerships/${partnershipId}`, { mouSignedOn: '01/02/2024', mouNumber: 'X' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.fields).toHaveProperty('mouSignedOn');
    expect((await admin.patch(`/api/programs/${p.id}/partnerships/${partnershipId}`, { archived: true })).json().archivedAt).not.toBeNull();
    expect((await admin.get(`/api/programs/${p.id}/partnerships`)).json().total).toBe(0);
    const withArchived = (await admin.get(`/api/programs/${p.id}/partnerships?includeArchived=true`)).json();
    expect(withArchived.items[0]).toMatchObject({ mouNumber: 'MoU/02/2024' });

    const targetId = (await admin.post(`/api/programs/${p.id}/targets`, { indicator: 'msme_trained', value: 100 })).json().id;
    expect((await admin.patch(`/api/programs/${p.id}/targets/${targetId}`, { value: 250, gender: 'male' })).json()).toMatchObject({ value: 250, gender: 'male' });
    const unknownRegion = await admin.patch(`/api/programs/${p.id}/targets/${targetId}`, { regionCode: '99.99', value: 1 });
    expect(unknownRegion.json().error.fields).toEqual({ regionCode: 'Kode wilayah tidak dikenal' });
    expect((await admin.patch(`/api/programs/${p.id}/targets/${targetId}`, { archived: true })).json().archivedAt).not.toBeNull();
    expect((await admin.get(`/api/programs/${p.id}/targets`)).json().total).toBe(0);
    expect((await admin.get(`/api/programs/${p.id}/targets?includeArchived=true`)).json().items[0]).toMatchObject({ value: 250, region: null });

    const actions = (await t.ctx.db.select({ action: auditEvent.action }).from(auditEvent).where(eq(auditEvent.programmeId, p.id))).map((e) => e.action).sort();
    expect(actions).toEqual(['partnership.archive', 'partnership.create', 'partnership.update', 'target.archive', 'target.create', 'target.update']);
  });
});

describe('replicate programme', () => {
  it('copies partners, programme-wide targets and one site per new city', async () => {
    const owner = await makeOrganisation(t.ctx.db, { name: 'Kemenparekraf Uji' });
    const src = await makeProgramme(t.ctx.db, { code: 'JALIN-UJI', ownerOrganisationId: owner.id, description: 'Asal' });
    const tiktok = await makeOrganisation(t.ctx.db, { name: 'TikTok Uji', kind: 'platform' });
    const pId = (await admin.post(`/api/programs/${src.id}/partnerships`, { organisationId: tiktok.id, role: 'lead', mouNumber: 'MOU-9' })).json().id;
    await admin.inject({ method: 'PUT', url: `/api/programs/${src.id}/partnerships/${pId}/mou`, ...multipart('mou.pdf', PDF) });
    await admin.post(`/api/programs/${src.id}/sites`, { name: 'Labuan Bajo', type: 'destinasi_wisata', regionCode: '53.15' });
    await admin.post(`/api/programs/${src.id}/targets`, { indicator: 'msme_trained', value: 1000 });
    const siteId = (await admin.get(`/api/programs/${src.id}/sites`)).json().items[0].id;
    await admin.post(`/api/programs/${src.id}/targets`, { indicator: 'msme_trained', value: 100, siteId });

    const res = await admin.post(`/api/programs/${src.id}/replicate`, { code: 'JALIN-UJI-2', name: 'Jalin Replikasi', regionCodes: ['12.17', '14.71', '91.71'] });
    expect(res.statusCode).toBe(201);
    const copy = res.json();
    expect(copy).toMatchObject({ code: 'JALIN-UJI-2', replicatedFromId: src.id, owner: { id: owner.id }, description: 'Asal', status: 'draft', siteCount: 3, partnerCount: 1 });
    const sites = await t.ctx.db.select().from(site).where(eq(site.programmeId, copy.id));
    expect(sites.map((s) => [s.regionCode, s.type, s.name]).sort()).toEqual([
      ['12.17', 'destinasi_wisata', 'Kabupaten Samosir'],
      ['14.71', 'destinasi_wisata', 'Kota Pekanbaru'],
      ['91.71', 'destinasi_wisata', 'Kota Jayapura'],
    ]);
    const targets = await t.ctx.db.select().from(target).where(eq(target.programmeId, copy.id));
    expect(targets.map((x) => [x.indicator, Number(x.value), x.siteId])).toEqual([['msme_trained', 1000, null]]);
    const partners = (await admin.get(`/api/programs/${copy.id}/partnerships`)).json().items;
    expect(partners[0]).toMatchObject({ role: 'lead', mouNumber: 'MOU-9', mouDocument: { filename: 'mou.pdf' } });
  });

  it('refuses unknown regions and a taken code without creating anything', async () => {
    const src = await makeProgramme(t.ctx.db, { code: 'REPL-SRC' });
    const before = (await admin.get('/api/programs?pageSize=100&includeArchived=true')).json().total;
    const unknown = await admin.post(`/api/programs/${src.id}/replicate`, { code: 'REPL-NEW', name: 'X', regionCodes: ['12.17', '00.00'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toEqual({ 'regionCodes.1': 'Kode wilayah tidak dikenal' });
    const taken = await admin.post(`/api/programs/${src.id}/replicate`, { code: 'REPL-SRC', name: 'X', regionCodes: ['12.17'] });
    expect(taken.statusCode).toBe(409);
    expect((await admin.get('/api/programs?pageSize=100&includeArchived=true')).json().total).toBe(before);
  });
});
