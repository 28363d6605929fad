import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { auditEvent, programme } from '../../db/schema/index.ts';
import { makeOrganisation, makePartnership, makeProgramme, makeSite } from '../../../test/support/factories.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';

let t: TestApp;
let admin: Client;
let ownerOrgId: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn({ role: 'admin' });
  ownerOrgId = (await makeOrganisation(t.ctx.db, { name: 'Kementerian Uji Program' })).id;
});
afterAll(() => t.close());

describe('programmes', () => {
  it('creates, views, edits and archives a programme, auditing each change', async () => {
    const created = await admin.post('/api/programs', {
      code: 'uji-2025',
      name: 'Program Uji 2025',
      ownerOrganisationId: ownerOrgId,
      startDate: '2025-01-01',
      endDate: '2025-12-31',
      description: 'Deskripsi',
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ code: 'UJI-2025', name: 'Program Uji 2025', status: 'draft', startDate: '2025-01-01', endDate: '2025-12-31', owner: { id: ownerOrgId } });

    const viewed = await admin.get(`/api/programs/${body.id}`);
    expect(viewed.json().code).toBe('UJI-2025');
    const byCode = await admin.get('/api/programs/by-code/uji-2025');
    expect(byCode.json().id).toBe(body.id);

    const edited = await admin.patch(`/api/programs/${body.id}`, { name: 'Program Uji (ubah)', status: 'active' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ name: 'Program Uji (ubah)', status: 'active' });

    const archived = await admin.patch(`/api/programs/${body.id}`, { archived: true });
    expect(archived.json()).toMatchObject({ status: 'archived' });
    expect(archived.json().archivedAt).not.toBeNull();
    const list = await admin.get('/api/programs?q=UJI-2025');
    expect(list.json().total).toBe(0);
    const withArchived = await admin.get('/api/programs?q=UJI-2025&includeArchived=true');
    expect(withArchived.json().total).toBe(1);

    const events = await t.ctx.db.select({ action: auditEvent.action }).from(auditEvent).where(eq(auditEvent.entityId, body.id));
    expect(events.map((e) => e.action).sort()).toEqual(['programme.archive', 'programme.create', 'programme.update']);
  });

  it('refuses a duplicate code with 409 naming the field, and changes nothing', async () => {
    await admin.post('/api/programs', { code: 'DUPLIKAT-1', name: 'Pertama', ownerOrganisationId: ownerOrgId });
    const [before] = await t.ctx.db.select({ n: count() }).from(programme);
    const res = await admin.post('/api/programs', { code: 'duplikat-1', name: 'Kedua', ownerOrganisationId: ownerOrgId });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ error: { code: 'conflict', message: 'Masukan tidak valid', fields: { code: 'Kode program sudah dipakai' } } });
    const [after] = await t.ctx.db.select({ n: count() }).from(programme);
    expect(after?.n).toBe(before?.n);
    const [first] = await t.ctx.db.select().from(programme).where(eq(programme.code, 'DUPLIKAT-1'));
    expect(first?.name).toBe('Pertama');
  });

  it('explains an end date before the start in the caller\'s language', async () => {
    const payload = { code: 'TANGGAL-1', name: 'Tanggal', ownerOrganisationId: ownerOrgId, startDate: '2025-06-01', endDate: '2025-05-01' };
    const id = await admin.post('/api/programs', payload);
    expect(id.statusCode).toBe(400);
    expect(id.json().error.fields).toEqual({ endDate: 'Tanggal selesai harus sama dengan atau setelah tanggal mulai' });
    const en = await admin.post('/api/programs', payload, { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.json().error.fields).toEqual({ endDate: 'The end date must be on or after the start date' });

    const ok = await admin.post('/api/programs', { ...payload, endDate: '2025-07-01' });
    const edit = await admin.patch(`/api/programs/${ok.json().id}`, { endDate: '2025-01-01' });
    expect(edit.statusCode).toBe(400);
    expect(edit.json().error.fields).toHaveProperty('endDate');
    expect((await admin.get(`/api/programs/${ok.json().id}`)).json().endDate).toBe('2025-07-01');
  });

  it('validates codes, unknown owners and malformed bodies', async () => {
    const badCode = await admin.post('/api/programs', { code: 'bad code!', name: 'X', ownerOrganisationId: ownerOrgId });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().error.fields.code).toMatch(/huruf besar/);
    const noOwner = await admin.post('/api/programs', { code: 'NO-OWNER', name: 'X', ownerOrganisationId: '00000000-0000-4000-8000-000000000000' });
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.json().error.fields).toEqual({ ownerOrganisationId: 'Organisasi tidak dikenal' });
    const ownerless = await admin.post('/api/programs', { code: 'NO-OWNER', name: 'X' }, { 'accept-language': 'en' });
    expect(ownerless.statusCode).toBe(400);
    expect(ownerless.json().error.fields).toEqual({ ownerOrganisationId: 'Required' });
    const missing = await admin.post('/api/programs', { code: 'MISSING-NAME' });
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json().error.fields)).toContain('name');
    const notJson = await admin.inject({ method: 'POST', url: '/api/programs', headers: { 'content-type': 'application/json' }, payload: '{"code": ' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.code).toBe('bad_request');
    const unknownId = await admin.get('/api/programs/00000000-0000-4000-8000-000000000000');
    expect(unknownId.statusCode).toBe(404);
    expect(unknownId.json().error.message).toBe('Program tidak ditemukan');
    const unknownCode = await admin.get('/api/programs/by-code/TIDAK-ADA', { 'accept-language': 'en' });
    expect(unknownCode.statusCode).toBe(404);
    expect(unknownCode.json().error.message).toBe('No programme with code TIDAK-ADA');
  });

  it('lists with filters and paging', async () => {
    const org = await makeOrganisation(t.ctx.db, { name: 'Pemilik Halaman' });
    for (let i = 0; i < 7; i++) await makeProgramme(t.ctx.db, { code: `HAL-${i}`, name: `Halaman ${i}`, ownerOrganisationId: org.id, status: i < 3 ? 'completed' : 'active' });
    const page1 = (await admin.get(`/api/programs?ownerOrganisationId=${org.id}&pageSize=5`)).json();
    expect(page1.total).toBe(7);
    expect(page1.items.map((p: { code: string }) => p.code)).toEqual(['HAL-0', 'HAL-1', 'HAL-2', 'HAL-3', 'HAL-4']);
    const page2 = (await admin.get(`/api/programs?ownerOrganisationId=${org.id}&pageSize=5&page=2`)).json();
    expect(page2.items.map((p: { code: string }) => p.code)).toEqual(['HAL-5', 'HAL-6']);
    const completed = (await admin.get(`/api/programs?ownerOrganisationId=${org.id}&status=completed`)).json();
    expect(completed.total).toBe(3);
    const search = (await admin.get('/api/programs?q=halaman 4')).json();
    expect(search.items.map((p: { code: string }) => p.code)).toEqual(['HAL-4']);
    const badPage = await admin.get('/api/programs?pageSize=1000');
    expect(badPage.statusCode).toBe(400);
    expect(badPage.json().error.fields).toHaveProperty('pageSize');
  });
});

describe('programme visibility', () => {
  it('shows programme managers and partner coordinators only their programmes; others get 404', async () => {
    const orgA = await makeOrganisation(t.ctx.db, { name: 'Dinas A' });
    const partnerOrg = await makeOrganisation(t.ctx.db, { name: 'LSM Mitra A', kind: 'ngo' });
    const a = await makeProgramme(t.ctx.db, { code: 'VIS-A', ownerOrganisationId: orgA.id });
    const b = await makeProgramme(t.ctx.db, { code: 'VIS-B' });
    await makePartnership(t.ctx.db, a.id, partnerOrg.id);
    const siteB = await makeSite(t.ctx.db, b.id);

    const manager = await t.signIn({ role: 'program_manager', organisationId: orgA.id });
    const coordinator = await t.signIn({ role: 'partner_coordinator', organisationId: partnerOrg.id });
    const trainer = await t.signIn({ role: 'trainer', programmeIds: [a.id] });
    const viewer = await t.signIn({ role: 'viewer' });

    for (const c of [manager, coordinator, trainer]) {
      const codes = (await c.get('/api/programs?q=VIS-')).json().items.map((p: { code: string }) => p.code);
      expect(codes).toEqual(['VIS-A']);
      expect((await c.get(`/api/programs/${a.id}`)).statusCode).toBe(200);
      expect((await c.get(`/api/programs/${b.id}`)).statusCode).toBe(404);
      expect((await c.get(`/api/programs/${b.id}/sites`)).statusCode).toBe(404);
      expect((await c.get('/api/programs/by-code/VIS-B')).statusCode).toBe(404);
    }
    expect((await coordinator.patch(`/api/programs/${b.id}/sites/${siteB.id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await viewer.get('/api/programs?q=VIS-')).json().total).toBe(2);
    expect((await viewer.patch(`/api/programs/${a.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await trainer.patch(`/api/programs/${a.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await manager.patch(`/api/programs/${a.id}`, { name: 'Diubah PM' })).statusCode).toBe(200);
    expect((await manager.patch(`/api/programs/${b.id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await t.anonymous.get('/api/programs')).statusCode).toBe(401);
  });

  it('makes a programme manager a member of the programme they create', async () => {
    const org = await makeOrganisation(t.ctx.db);
    const manager = await t.signIn({ role: 'program_manager', organisationId: org.id });
    const created = await manager.post('/api/programs', { code: 'PM-BUAT', name: 'Buatan PM' });
    expect(created.statusCode).toBe(201);
    expect(created.json().owner.id).toBe(org.id);
    expect((await manager.get(`/api/programs/${created.json().id}`)).statusCode).toBe(200);
  });
});
