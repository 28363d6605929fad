import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { auditEvent, organisation } from '../../db/schema/index.ts';
import { makeOrganisation, makePartnership, makeProgramme } from '../../../test/support/factories.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn({ role: 'admin' });
});
afterAll(() => t.close());

describe('organisations', () => {
  it('creates, views, edits, archives and restores an organisation, auditing each change', async () => {
    const created = await admin.post('/api/organisations', { name: 'Yayasan Uji Organisasi', shortName: 'YUO', kind: 'ngo', website: 'https://yuo.example.id' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ name: 'Yayasan Uji Organisasi', shortName: 'YUO', kind: 'ngo', programmeCount: 0, archivedAt: null });

    const viewed = await admin.get(`/api/organisations/${id}`);
    expect(viewed.json().name).toBe('Yayasan Uji Organisasi');

    const edited = await admin.patch(`/api/organisations/${id}`, { kind: 'other', website: null });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ kind: 'other', website: null, shortName: 'YUO' });

    const archived = await admin.patch(`/api/organisations/${id}`, { archived: true });
    expect(archived.json().archivedAt).not.toBeNull();
    expect((await admin.get('/api/organisations?q=Uji Organisasi')).json().total).toBe(0);
    expect((await admin.get('/api/organisations?q=Uji Organisasi&includeArchived=true')).json().total).toBe(1);
    const restored = await admin.patch(`/api/organisations/${id}`, { archived: false });
    expect(restored.json().archivedAt).toBeNull();

    const events = await t.ctx.db.select({ action: auditEvent.action, actor: auditEvent.actorUserId }).from(auditEvent).where(eq(auditEvent.entityId, id));
    expect(events.map((e) => e.action).sort()).toEqual(['organisation.archive', 'organisation.create', 'organisation.restore', 'organisation.update']);
    expect(new Set(events.map((e) => e.actor))).toEqual(new Set([admin.userId]));
  });

  it('refuses a duplicate name in the caller\'s language and changes nothing', async () => {
    const first = await makeOrganisation(t.ctx.db, { name: 'Dinas Koperasi Uji', kind: 'government' });
    const [before] = await t.ctx.db.select({ n: count() }).from(organisation);
    const dup = await admin.post('/api/organisations', { name: 'Dinas Koperasi Uji', kind: 'ngo' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toEqual({ error: { code: 'conflict', message: 'Masukan tidak valid', fields: { name: 'Nama organisasi sudah dipakai' } } });
    const other = (await admin.post('/api/organisations', { name: 'Dinas Lain Uji', kind: 'government' })).json();
    const rename = await admin.patch(`/api/organisations/${other.id}`, { name: 'Dinas Koperasi Uji' }, { 'accept-language': 'en' });
    expect(rename.statusCode).toBe(409);
    expect(rename.json().error.fields).toEqual({ name: 'This organisation name is already in use' });
    const [after] = await t.ctx.db.select({ n: count() }).from(organisation);
    expect(after?.n).toBe((before?.n ?? 0) + 1);
    expect((await admin.get(`/api/organisations/${other.id}`)).json().name).toBe('Dinas Lain Uji');
    expect((await admin.get(`/api/organisations/${first.id}`)).json().kind).toBe('government');
  });

  it('validates the body and answers unknown ids with 404', async () => {
    const bad = await admin.post('/api/organisations', { name: 'X', kind: 'koperasi', website: 'bukan alamat' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['kind', 'name', 'website']);
    const unknown = await admin.get('/api/organisations/00000000-0000-4000-8000-000000000000', { 'accept-language': 'en' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: { code: 'not_found', message: 'Organisation not found' } });
  });

  it('lists with search, kind filter and paging, counting the programmes each one owns or partners in', async () => {
    for (let i = 0; i < 5; i++) await makeOrganisation(t.ctx.db, { name: `Mitra Halaman ${i}`, kind: i < 2 ? 'platform' : 'ngo' });
    const page1 = (await admin.get('/api/organisations?q=mitra halaman&pageSize=3')).json();
    expect(page1).toMatchObject({ total: 5, page: 1, pageSize: 3 });
    expect(page1.items.map((o: { name: string }) => o.name)).toEqual(['Mitra Halaman 0', 'Mitra Halaman 1', 'Mitra Halaman 2']);
    const page2 = (await admin.get('/api/organisations?q=mitra halaman&pageSize=3&page=2')).json();
    expect(page2.items.map((o: { name: string }) => o.name)).toEqual(['Mitra Halaman 3', 'Mitra Halaman 4']);
    const platforms = (await admin.get('/api/organisations?q=mitra halaman&kind=platform')).json();
    expect(platforms.total).toBe(2);
    const badKind = await admin.get('/api/organisations?kind=koperasi');
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.fields).toHaveProperty('kind');

    const owner = await makeOrganisation(t.ctx.db, { name: 'Pemilik Hitung Uji' });
    const partner = await makeOrganisation(t.ctx.db, { name: 'Mitra Hitung Uji' });
    const a = await makeProgramme(t.ctx.db, { ownerOrganisationId: owner.id });
    const b = await makeProgramme(t.ctx.db, { ownerOrganisationId: owner.id });
    await makePartnership(t.ctx.db, a.id, partner.id);
    await makePartnership(t.ctx.db, b.id, partner.id);
    await makePartnership(t.ctx.db, b.id, owner.id);
    const counted = (await admin.get('/api/organisations?q=hitung uji')).json().items.map((o: { name: string; programmeCount: number }) => [o.name, o.programmeCount]);
    expect(counted).toEqual([
      ['Mitra Hitung Uji', 2],
      ['Pemilik Hitung Uji', 2],
    ]);
  });

  it('lets every signed-in role read organisations but only admins and programme managers change them', async () => {
    const org = await makeOrganisation(t.ctx.db, { name: 'Organisasi Hak Uji' });
    const manager = await t.signIn({ role: 'program_manager' });
    const coordinator = await t.signIn({ role: 'partner_coordinator' });
    const viewer = await t.signIn({ role: 'viewer' });
    for (const c of [manager, coordinator, viewer]) expect((await c.get(`/api/organisations/${org.id}`)).statusCode).toBe(200);
    expect((await manager.patch(`/api/organisations/${org.id}`, { shortName: 'OHU' })).statusCode).toBe(200);
    for (const c of [coordinator, viewer]) {
      const refused = await c.patch(`/api/organisations/${org.id}`, { archived: true });
      expect(refused.statusCode).toBe(403);
    }
    expect((await admin.get(`/api/organisations/${org.id}`)).json()).toMatchObject({ shortName: 'OHU', archivedAt: null });
    expect((await t.anonymous.get('/api/organisations')).statusCode).toBe(401);
  });
});
