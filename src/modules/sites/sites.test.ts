import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { region, site } from '../../db/schema/index.ts';
import { makeProgramme } from '../../../test/support/factories.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn({ role: 'admin' });
});
afterAll(() => t.close());

describe('site list paging', () => {
  it('pages through a programme in every regency and city (514 sites, more than the largest page)', async () => {
    const p = await makeProgramme(t.ctx.db);
    const regencies = await t.ctx.db.select({ code: region.code, name: region.name }).from(region).where(eq(region.level, 2));
    expect(regencies).toHaveLength(514);
    await t.ctx.db.insert(site).values(regencies.map((r) => ({ programmeId: p.id, name: `Sentra ${r.name}`, type: 'kabupaten_kota' as const, regionCode: r.code })));

    const first = (await admin.get(`/api/programs/${p.id}/sites?pageSize=500`)).json();
    const second = (await admin.get(`/api/programs/${p.id}/sites?pageSize=500&page=2`)).json();
    expect(first).toMatchObject({ total: 514, page: 1, pageSize: 500 });
    expect(first.items).toHaveLength(500);
    expect(second).toMatchObject({ total: 514, page: 2, pageSize: 500 });
    expect(second.items).toHaveLength(14);
    const codes = new Set([...first.items, ...second.items].map((s: { region: { code: string } }) => s.region.code));
    expect(codes.size).toBe(514);
    expect((await admin.get(`/api/programs/${p.id}/sites?pageSize=501`)).statusCode).toBe(400);
  });
});
