import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { makeOrganisation, makeUser, TEST_PASSWORD } from '../../test/support/factories.ts';
import { CSRF_HEADERS } from '../../test/support/test-app.ts';
import { postgresBinDir, startThrowawayPostgres, type ThrowawayPostgres } from '../../test/support/throwaway-postgres.ts';
import type { ApiApp } from './api-app.ts';
import { buildApp } from './app.ts';

/**
 * Berdaya against a PostgreSQL server of its own that the test stops and starts while Berdaya
 * runs. It needs the server binaries (initdb, pg_ctl); `.ci/run` installs them. The test runs once:
 * in the postgres project when there is one, else in the pglite project.
 */
const bin = postgresBinDir();
const runsHere = inject('dbKind') === 'postgres' || !process.env.TEST_DATABASE_URL;
if (!bin && runsHere) console.warn('\n⚠ database-outage.test.ts skipped: PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql.\n');

const UNAVAILABLE_ID = 'Layanan sementara tidak tersedia (basis data tidak dapat dihubungi). Silakan coba lagi sebentar lagi.';

describe.skipIf(!bin || !runsHere)('PostgreSQL restarted while the server runs', () => {
  let pg: ThrowawayPostgres;
  let database: Database;
  let app: ApiApp;
  let cookie: string;
  let organisationId: string;

  beforeAll(async () => {
    pg = await startThrowawayPostgres(bin as string);
    database = await openDatabase({ databaseUrl: pg.url });
    await migrateDatabase(database);
    const config = loadConfig({ DATABASE_URL: pg.url, BERDAYA_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'berdaya-outage-')), LOG_LEVEL: 'silent' });
    app = await buildApp({ database, db: database.db, config, secret: 'test-secret-test-secret-test-secret-0' }, { logger: false, serveWeb: false, jobs: true });
    await app.ready();
    organisationId = (await makeOrganisation(database.db)).id;
    const user = await makeUser(database.db, { role: 'admin', organisationId, email: 'admin@outage.berdaya.id' });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: TEST_PASSWORD } });
    cookie = `berdaya_sid=${login.cookies.find((c) => c.name === 'berdaya_sid')?.value}`;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
    pg?.destroy();
  });

  const request = (method: 'GET' | 'POST', url: string, options: { payload?: object; lang?: string } = {}) =>
    app.inject({ method, url, payload: options.payload, headers: { cookie, ...CSRF_HEADERS, ...(options.lang ? { 'accept-language': options.lang } : {}) } });
  let serial = 0;
  const newProgramme = () => ({ code: `OUTAGE-${++serial}`, name: 'Program saat gangguan', ownerOrganisationId: organisationId });

  for (const mode of ['fast', 'immediate'] as const) {
    it(`answers 503 with a clear message while PostgreSQL is down (${mode} stop) and works again once it is back, without a restart`, { timeout: 120_000 }, async () => {
      expect((await request('GET', '/api/health')).statusCode).toBe(200);
      expect((await request('GET', '/api/programs')).statusCode).toBe(200);

      pg.stop(mode);
      const down = Date.now();
      const health = await request('GET', '/api/health');
      expect(health.statusCode).toBe(503);
      expect(health.json()).toEqual({ error: { code: 'unavailable', message: UNAVAILABLE_ID } });
      // A signed-in request fails while its session is looked up: 503, not "sign in again".
      const list = await request('GET', '/api/programs', { lang: 'en' });
      expect(list.statusCode).toBe(503);
      expect(list.json().error.message).toBe('The service is temporarily unavailable (the database cannot be reached). Please try again shortly.');
      expect((await request('POST', '/api/programs', { payload: newProgramme() })).statusCode).toBe(503);
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin@outage.berdaya.id', password: TEST_PASSWORD } });
      expect(login.statusCode).toBe(503);
      expect(Date.now() - down, 'answers come at once, not after a long hang').toBeLessThan(20_000);

      pg.start();
      expect((await request('GET', '/api/health')).statusCode).toBe(200);
      expect((await request('GET', '/api/programs')).statusCode).toBe(200);
      const created = await request('POST', '/api/programs', { payload: newProgramme() });
      expect(created.statusCode).toBe(201);
      // Nothing half-written during the outage: exactly the programmes created while up.
      const rows = await database.query<{ code: string }>("SELECT code FROM programme WHERE code LIKE 'OUTAGE-%' ORDER BY code");
      expect(rows.map((r) => r.code)).toEqual(mode === 'fast' ? ['OUTAGE-2'] : ['OUTAGE-2', 'OUTAGE-4']);
    });
  }
});
