import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { buildApp } from './app.ts';
import { describeForLog, scrubForLog } from './error-handler.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('server', () => {
  it('reports health with the database kind and migration state', async () => {
    const res = await t.anonymous.get('/api/health');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('ok');
    expect(body.database).toBe(t.ctx.database.kind);
    expect(body.migrations.upToDate).toBe(true);
    expect(body.migrations.applied).toBeGreaterThan(0);
  });

  it('documents every API route in the OpenAPI document', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    const documented = new Set(Object.entries(doc.paths as Record<string, object>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
    const undocumented = t.app.apiRoutes
      .filter((r) => !r.hidden)
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`)
      .filter((r) => !documented.has(r));
    expect(t.app.apiRoutes.length).toBeGreaterThan(20);
    expect(undocumented).toEqual([]);
    expect(documented.has('POST /api/programs')).toBe(true);
    expect(doc.paths['/api/programs'].post.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['code', 'name']));
  });

  it('answers unknown API routes with the JSON error body', async () => {
    const res = await t.anonymous.get('/api/tidak-ada');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'Alamat API tidak dikenal' } });
  });

  it('refuses to start when an API route declares no access rule', async () => {
    await expect(
      buildApp(t.ctx, { logger: false, serveWeb: false }).then(async (app) => {
        app.get('/api/lupa-aturan', async () => ({ ok: true }));
        await app.ready();
      }),
    ).rejects.toThrow(/declares no access rule/);
  });
});

describe('logging of unexpected errors', () => {
  it('keeps stack frames but drops messages that may quote personal data', () => {
    const error = new Error('Failed query: select * from person where nik = $1\nparams: 3174011203920001,081234567890');
    (error as Error & { cause?: unknown }).cause = { code: '22P02', message: 'invalid input syntax for type uuid: "budi@contoh.id"' };
    const logged = JSON.stringify(describeForLog(error));
    expect(logged).not.toContain('3174011203920001');
    expect(logged).not.toContain('081234567890');
    expect(logged).not.toContain('budi@contoh.id');
    expect(logged).toContain('22P02');
    expect(logged).toContain('at ');
    expect(scrubForLog('nomor +62 812-3456-7890 dan 3174011203920001')).toBe('nomor … dan …');
  });
});
