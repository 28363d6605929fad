import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';

let t: TestApp;
let viewer: Client;

beforeAll(async () => {
  t = await createTestApp();
  viewer = await t.signIn({ role: 'viewer' });
});
afterAll(() => t.close());

const codes = async (query: string) => (await viewer.get(`/api/regions?${query}`)).json().items.map((r: { code: string }) => r.code);

describe('GET /api/regions (the region picker)', () => {
  it('finds regions by name, regencies before districts and villages', async () => {
    const items = (await viewer.get('/api/regions?q=manggarai barat')).json().items;
    expect(items[0]).toEqual({ code: '53.15', name: 'KABUPATEN MANGGARAI BARAT', level: 2, provinceCode: '53', provinceName: 'NUSA TENGGARA TIMUR', parentCode: '53' });
    expect(await codes('q=samosir&level=2')).toEqual(['12.17']);
  });

  it('finds regions by Kemendagri code, with or without the dot', async () => {
    expect(await codes('q=3174&level=2')).toEqual(['31.74']);
    expect(await codes('q=31.74&level=2')).toEqual(['31.74']);
    expect(await codes('q=31.74.01.1001')).toEqual(['31.74.01.1001']);
    expect(await codes('q=31&level=1')).toEqual(['31']);
  });

  it('lists the children of a region and answers unknown codes with 404', async () => {
    const regencies = await codes('parent=31&limit=100');
    expect(regencies).toEqual(['31.01', '31.71', '31.72', '31.73', '31.74', '31.75']);
    expect((await viewer.get('/api/regions/99.99')).statusCode).toBe(404);
    const bad = await viewer.get('/api/regions?level=5');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('level');
    expect((await t.anonymous.get('/api/regions?q=jakarta')).statusCode).toBe(401);
  });
});
