import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProgramme, makeSite } from '../../../test/support/factories.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn({ role: 'admin' });
});
afterAll(() => t.close());

type Item = { id: string; notes: string | null };
const notes = (body: { items: Item[] }) => body.items.map((target) => target.notes);

/** A programme with a site in Manggarai Barat (NTT) and targets told apart by their notes. */
async function programmeWithTargets() {
  const p = await makeProgramme(t.ctx.db);
  const labuanBajo = await makeSite(t.ctx.db, p.id, { name: 'Labuan Bajo', regionCode: '53.15' });
  const add = async (body: Record<string, unknown>) => {
    const res = await admin.post(`/api/programs/${p.id}/targets`, body);
    if (res.statusCode !== 201) throw new Error(`target fixture: ${res.body}`);
    return res.json().id as string;
  };
  const ids = {
    whole: await add({ indicator: 'msme_trained', value: 10000, notes: 'seluruh' }),
    women: await add({ indicator: 'msme_trained', value: 6000, gender: 'female', notes: 'perempuan' }),
    site: await add({ indicator: 'msme_onboarded', value: 300, siteId: labuanBajo.id, sector: 'kuliner', notes: 'situs' }),
    kupang: await add({ indicator: 'msme_onboarded', value: 200, regionCode: '53.71', sector: 'kriya', notes: 'kupang' }),
    jakarta: await add({ indicator: 'people_trained', value: 500, regionCode: '31', periodStart: '2024-01-01', periodEnd: '2024-06-30', notes: 'jakarta-2024' }),
    later: await add({ indicator: 'people_trained', value: 700, periodStart: '2025-01-01', periodEnd: '2025-12-31', notes: 'tahun-2025' }),
    archived: await add({ indicator: 'sessions_held', value: 12, notes: 'diarsipkan' }),
  };
  await admin.patch(`/api/programs/${p.id}/targets/${ids.archived}`, { archived: true });
  return { p, labuanBajo, ids };
}

describe('target list: paging and filters', () => {
  it('pages with the same envelope as the other lists, in a stable order, and all rows in one page by default', async () => {
    const { p } = await programmeWithTargets();
    const all = (await admin.get(`/api/programs/${p.id}/targets`)).json();
    expect(all).toMatchObject({ total: 6, page: 1, pageSize: 100 });
    const pages = await Promise.all([1, 2, 3].map(async (page) => (await admin.get(`/api/programs/${p.id}/targets?pageSize=2&page=${page}`)).json()));
    expect(pages.map((body) => body.items.length)).toEqual([2, 2, 2]);
    expect(pages.every((body) => body.total === 6 && body.pageSize === 2)).toBe(true);
    expect(pages.flatMap(notes)).toEqual(notes(all));
  });

  it('filters by indicator, site, region (directly or through the site), sector, gender, period and status', async () => {
    const { p, labuanBajo } = await programmeWithTargets();
    const get = async (query: string) => notes((await admin.get(`/api/programs/${p.id}/targets?${query}`)).json()).sort();
    expect(await get('indicator=msme_onboarded')).toEqual(['kupang', 'situs']);
    expect(await get(`siteId=${labuanBajo.id}`)).toEqual(['situs']);
    // NTT holds the Kupang target and the Labuan Bajo site's target; a regency only its own.
    expect(await get('regionCode=53')).toEqual(['kupang', 'situs']);
    expect(await get('regionCode=53.15')).toEqual(['situs']);
    expect(await get('regionCode=31')).toEqual(['jakarta-2024']);
    expect(await get('regionCode=31.74')).toEqual([]);
    expect(await get('sector=kriya')).toEqual(['kupang']);
    expect(await get('gender=female')).toEqual(['perempuan']);
    // A period overlapping 2025: the 2025 target and those without a period, not the first half of 2024.
    expect(await get('periodFrom=2025-01-01&periodTo=2025-12-31')).toEqual(['kupang', 'perempuan', 'seluruh', 'situs', 'tahun-2025']);
    expect(await get('periodTo=2024-03-31&indicator=people_trained')).toEqual(['jakarta-2024']);
    expect(await get('status=archived')).toEqual(['diarsipkan']);
    expect(await get('includeArchived=true&indicator=sessions_held')).toEqual(['diarsipkan']);
    const paged = (await admin.get(`/api/programs/${p.id}/targets?indicator=msme_trained&pageSize=1&page=2`)).json();
    expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1 });
  });

  it('refuses malformed filters with the field named, in the caller’s language', async () => {
    const { p } = await programmeWithTargets();
    const res = await admin.get(`/api/programs/${p.id}/targets?indicator=jumlah_ajaib&regionCode=NTT&gender=x&periodFrom=2025-02-01&periodTo=2025-01-01`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toMatchObject({ indicator: 'Indikator tidak dikenal', regionCode: 'Kode wilayah tidak dikenal' });
    expect(res.json().error.fields).toHaveProperty('gender');
    const period = await admin.inject({ method: 'GET', url: `/api/programs/${p.id}/targets?periodFrom=2025-02-01&periodTo=2025-01-01`, headers: { 'accept-language': 'en' } });
    expect(period.statusCode).toBe(400);
    expect(period.json().error.fields).toEqual({ periodTo: 'The end date must be on or after the start date' });
  });
});

describe('one target', () => {
  it('shows one target with its site, region and province', async () => {
    const { p, labuanBajo, ids } = await programmeWithTargets();
    const site = await admin.get(`/api/programs/${p.id}/targets/${ids.site}`);
    expect(site.statusCode).toBe(200);
    expect(site.json()).toMatchObject({ id: ids.site, programmeId: p.id, indicator: 'msme_onboarded', value: 300, site: { id: labuanBajo.id, name: 'Labuan Bajo' }, sector: 'kuliner', archivedAt: null });
    const kupang = (await admin.get(`/api/programs/${p.id}/targets/${ids.kupang}`)).json();
    expect(kupang.region).toEqual({ code: '53.71', name: 'KOTA KUPANG', provinceCode: '53', provinceName: 'NUSA TENGGARA TIMUR' });
    expect((await admin.get(`/api/programs/${p.id}/targets/${ids.archived}`)).json().archivedAt).not.toBeNull();
  });

  it('answers 404 for another programme’s target behind one’s own programme id, and for a programme one cannot see', async () => {
    const own = await programmeWithTargets();
    const other = await programmeWithTargets();
    const crossed = await admin.get(`/api/programs/${own.p.id}/targets/${other.ids.whole}`);
    expect(crossed.statusCode).toBe(404);
    expect(crossed.json().error.message).toBe('Target tidak ditemukan');

    const coordinator = await t.signIn({ role: 'partner_coordinator', programmeIds: [own.p.id] });
    expect((await coordinator.get(`/api/programs/${own.p.id}/targets/${own.ids.whole}`)).statusCode).toBe(200);
    expect((await coordinator.get(`/api/programs/${own.p.id}/targets/${other.ids.whole}`)).statusCode).toBe(404);
    expect((await coordinator.get(`/api/programs/${other.p.id}/targets/${other.ids.whole}`)).statusCode).toBe(404);
    expect((await coordinator.get(`/api/programs/${other.p.id}/targets?indicator=msme_trained`)).statusCode).toBe(404);
  });
});
