import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganisation, makePartnership, makeProgramme } from '../../../test/support/factories.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn({ role: 'admin' });
});
afterAll(() => t.close());

type Item = { id: string; organisation: { name: string }; mouNumber: string | null; role: string; archivedAt: string | null };
const names = (body: { items: Item[] }) => body.items.map((p) => p.organisation.name);

/** A programme with five partners (names sort as Mitra A…E), one archived. */
async function programmeWithPartners() {
  const db = t.ctx.db;
  const p = await makeProgramme(db);
  const tag = p.code;
  const orgs = await Promise.all(['A', 'B', 'C', 'D', 'E'].map((letter) => makeOrganisation(db, { name: `Mitra ${letter} ${tag}`, shortName: `M${letter}`, kind: 'ngo' })));
  const [a, b, c, d, e] = orgs as [(typeof orgs)[0], (typeof orgs)[0], (typeof orgs)[0], (typeof orgs)[0], (typeof orgs)[0]];
  const rows = {
    a: await makePartnership(db, p.id, a.id, { role: 'implementing', mouNumber: 'MoU/001/PPSW/2024' }),
    b: await makePartnership(db, p.id, b.id, { role: 'implementing', mouNumber: 'PKS-17' }),
    c: await makePartnership(db, p.id, c.id, { role: 'strategic' }),
    d: await makePartnership(db, p.id, d.id, { role: 'implementing' }),
    e: await makePartnership(db, p.id, e.id, { role: 'implementing', archivedAt: new Date() }),
  };
  return { p, tag, orgs: { a, b, c, d, e }, rows };
}

describe('partnership list: paging and filters', () => {
  it('pages with the same envelope as the other lists, in a stable order, and all rows in one page by default', async () => {
    const { p, tag } = await programmeWithPartners();
    const all = (await admin.get(`/api/programs/${p.id}/partnerships`)).json();
    expect(all).toMatchObject({ total: 4, page: 1, pageSize: 100 });
    // Role first (implementing before strategic), then organisation name.
    expect(names(all)).toEqual([`Mitra A ${tag}`, `Mitra B ${tag}`, `Mitra D ${tag}`, `Mitra C ${tag}`]);

    const first = (await admin.get(`/api/programs/${p.id}/partnerships?pageSize=3`)).json();
    const second = (await admin.get(`/api/programs/${p.id}/partnerships?pageSize=3&page=2`)).json();
    expect(first).toMatchObject({ total: 4, page: 1, pageSize: 3 });
    expect(second).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect([...names(first), ...names(second)]).toEqual(names(all));
    expect((await admin.get(`/api/programs/${p.id}/partnerships?page=9`)).json()).toMatchObject({ items: [], total: 4, page: 9 });
  });

  it('filters by organisation, role, status and a search on name, short name or MoU number', async () => {
    const { p, tag, orgs } = await programmeWithPartners();
    const get = async (query: string) => (await admin.get(`/api/programs/${p.id}/partnerships?${query}`)).json();
    expect(names(await get(`organisationId=${orgs.b.id}`))).toEqual([`Mitra B ${tag}`]);
    expect(names(await get('role=strategic'))).toEqual([`Mitra C ${tag}`]);
    expect(names(await get('status=archived'))).toEqual([`Mitra E ${tag}`]);
    expect((await get('status=active')).total).toBe(4);
    expect((await get('includeArchived=true')).total).toBe(5);
    // `status` wins over `includeArchived`.
    expect((await get('status=active&includeArchived=true')).total).toBe(4);
    expect(names(await get('q=ppsw'))).toEqual([`Mitra A ${tag}`]);
    expect(names(await get('q=pks-17'))).toEqual([`Mitra B ${tag}`]);
    expect(names(await get(`q=${encodeURIComponent(`mitra d ${tag}`)}`))).toEqual([`Mitra D ${tag}`]);
    expect(names(await get('q=MC'))).toEqual([`Mitra C ${tag}`]);
    // LIKE wildcards in the search are plain characters.
    expect((await get('q=%25')).total).toBe(0);
    const combined = await get(`role=implementing&q=${encodeURIComponent('mou/')}&pageSize=1`);
    expect(combined).toMatchObject({ total: 1, pageSize: 1 });
  });

  it('refuses unknown filter values with the field named, in the caller’s language', async () => {
    const { p } = await programmeWithPartners();
    const badStatus = await admin.get(`/api/programs/${p.id}/partnerships?status=deleted`);
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json().error.fields).toHaveProperty('status');
    const badPage = await admin.inject({ method: 'GET', url: `/api/programs/${p.id}/partnerships?pageSize=501&organisationId=bukan-uuid`, headers: { 'accept-language': 'en' } });
    expect(badPage.statusCode).toBe(400);
    expect(badPage.json().error.message).toBe('Invalid input');
    expect(Object.keys(badPage.json().error.fields).sort()).toEqual(['organisationId', 'pageSize']);
  });
});

describe('one partnership', () => {
  it('shows one partnership with its MoU details, archived ones too', async () => {
    const { p, tag, rows } = await programmeWithPartners();
    const res = await admin.get(`/api/programs/${p.id}/partnerships/${rows.a.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: rows.a.id, programmeId: p.id, organisation: { name: `Mitra A ${tag}`, shortName: 'MA', kind: 'ngo' }, role: 'implementing', mouNumber: 'MoU/001/PPSW/2024', mouDocument: null, archivedAt: null });
    expect((await admin.get(`/api/programs/${p.id}/partnerships/${rows.e.id}`)).json().archivedAt).not.toBeNull();
  });

  it('answers 404 for another programme’s partnership behind one’s own programme id, and for a programme one cannot see', async () => {
    const own = await programmeWithPartners();
    const other = await programmeWithPartners();
    const crossed = await admin.get(`/api/programs/${own.p.id}/partnerships/${other.rows.a.id}`);
    expect(crossed.statusCode).toBe(404);
    expect(crossed.json().error.message).toBe('Kemitraan tidak ditemukan');
    expect(crossed.body).not.toContain(other.tag);

    const manager = await t.signIn({ role: 'program_manager', programmeIds: [own.p.id] });
    expect((await manager.get(`/api/programs/${own.p.id}/partnerships/${own.rows.a.id}`)).statusCode).toBe(200);
    expect((await manager.get(`/api/programs/${own.p.id}/partnerships/${other.rows.a.id}`)).statusCode).toBe(404);
    expect((await manager.get(`/api/programs/${other.p.id}/partnerships/${other.rows.a.id}`)).statusCode).toBe(404);
    expect((await manager.get(`/api/programs/${other.p.id}/partnerships`)).statusCode).toBe(404);
  });
});
