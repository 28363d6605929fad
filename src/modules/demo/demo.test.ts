import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { loadDemo } from './load-demo.ts';

let t: TestApp;
let admin: Client;

type Site = { name: string; type: string; region: { code: string; name: string; provinceCode: string }; illustrative: boolean };
type Target = { indicator: string; value: number };

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn({ role: 'admin' });
});
afterAll(() => t.close());

/** The programme, its partners' short names, its sites and its targets, as the API gives them. */
async function demoProgramme(code: string) {
  const programme = (await admin.get(`/api/programs/by-code/${code}`)).json();
  const partners = (await admin.get(`/api/programs/${programme.id}/partnerships`)).json().items.map((p: { organisation: { shortName: string } }) => p.organisation.shortName);
  const sites: Site[] = (await admin.get(`/api/programs/${programme.id}/sites?pageSize=100`)).json().items;
  const targets: Target[] = (await admin.get(`/api/programs/${programme.id}/targets`)).json().items;
  return { programme, partners, sites, targets };
}

/** Nusa Tenggara, Sulawesi, Maluku and Papua. */
const isEastern = (provinceCode: string) => /^(5[23]|[789]\d)$/.test(provinceCode);

describe('demo data (berdaya demo)', () => {
  it('loads the four seed programmes under their exact codes, once', async () => {
    expect(await loadDemo(t.ctx.db)).toEqual({ created: ['JALIN-NUSANTARA-2024', 'JAKPRENEUR-2024', 'FB-UMKM-TIMUR-2018', 'KOMINFO-UMKM-2022'], skipped: [] });
    expect(await loadDemo(t.ctx.db)).toEqual({ created: [], skipped: ['JALIN-NUSANTARA-2024', 'JAKPRENEUR-2024', 'FB-UMKM-TIMUR-2018', 'KOMINFO-UMKM-2022'] });
    expect((await admin.get('/api/programs?q=TikTok Jalin')).json().total).toBe(1);
  });

  it('gives Jalin Nusantara its partners and 19 sites: 10 sentra ekonomi kreatif, 9 tourism destinations, the launch site and seven replication cities', async () => {
    const { programme, partners, sites } = await demoProgramme('JALIN-NUSANTARA-2024');
    expect(programme.owner.name).toMatch(/Kementerian Pariwisata dan Ekonomi Kreatif/);
    expect(partners.sort()).toEqual(['PPSW', 'Plus', 'Telkom', 'TikTok']);
    expect(sites).toHaveLength(19);
    expect(sites.filter((s) => s.type === 'sentra_ekraf')).toHaveLength(10);
    expect(sites.filter((s) => s.type === 'destinasi_wisata' || s.type === 'desa_wisata')).toHaveLength(9);
    expect(sites.find((s) => s.name === 'Labuan Bajo')).toMatchObject({ type: 'destinasi_wisata', illustrative: false, region: { code: '53.15', name: 'KABUPATEN MANGGARAI BARAT' } });
    const named = sites.filter((s) => !s.illustrative).map((s) => s.name);
    expect(named.sort()).toEqual(['Balikpapan', 'Banyuwangi', 'Jayapura', 'Labuan Bajo', 'Malang', 'Pekanbaru', 'Samosir', 'Tangerang']);
    // Names the articles do not give are marked illustrative.
    for (const s of sites.filter((x) => x.illustrative)) expect(s.name).toMatch(/^(Desa Wisata|Sentra Ekraf) /);
  });

  it('gives Jakpreneur, Facebook Indonesia Timur and Kominfo their owners, places and targets', async () => {
    const jakpreneur = await demoProgramme('JAKPRENEUR-2024');
    expect(jakpreneur.programme.owner.name).toMatch(/DKI Jakarta/);
    expect(jakpreneur.partners).toEqual(['TikTok']);
    expect(jakpreneur.targets).toContainEqual(expect.objectContaining({ indicator: 'msme_trained', value: 370_000 }));
    expect(new Set(jakpreneur.sites.map((s) => s.region.provinceCode))).toEqual(new Set(['31']));

    const facebook = await demoProgramme('FB-UMKM-TIMUR-2018');
    expect(facebook.programme.owner.name).toMatch(/Facebook/);
    expect(facebook.sites).toHaveLength(10);
    expect(facebook.sites.filter((s) => isEastern(s.region.provinceCode)).length).toBeGreaterThan(5);
    expect(facebook.targets).toContainEqual(expect.objectContaining({ indicator: 'msme_trained', value: 10_000 }));

    const kominfo = await demoProgramme('KOMINFO-UMKM-2022');
    expect(kominfo.programme.owner.name).toMatch(/Komunikasi dan Informatika/);
    expect(kominfo.sites).toHaveLength(13);
    expect(kominfo.sites.some((s) => s.region.provinceCode === '53')).toBe(true);
    expect(kominfo.targets).toContainEqual(expect.objectContaining({ indicator: 'msme_mentored', value: 30_000 }));
  });
});
