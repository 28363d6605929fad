import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import type { ApiApp } from '../../src/server/api-app.ts';
import { buildApp } from '../../src/server/app.ts';
import { CSRF_HEADER } from '../../src/server/security.ts';
import type { AppContext } from '../../src/server/context.ts';
import { makeUser, TEST_PASSWORD, type MakeUserOptions } from './factories.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

export type Client = {
  userId: string;
  /** The `Cookie` header this client sends (its session), for raw requests. */
  cookie: string | undefined;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
};

export type TestApp = {
  app: ApiApp;
  ctx: AppContext;
  testDb: TestDatabase;
  /** Creates a user with the role (and memberships) and signs them in through the API. */
  signIn(options: MakeUserOptions): Promise<Client>;
  anonymous: Client;
  close(): Promise<void>;
};

/** What the web app sends with every write (src/server/security.ts). */
export const CSRF_HEADERS = { [CSRF_HEADER]: '1' };

function client(app: ApiApp, cookie: string | undefined, userId: string): Client {
  const inject = (options: InjectOptions) => app.inject({ ...options, headers: { ...(cookie ? { cookie } : {}), ...CSRF_HEADERS, ...options.headers } });
  const withBody = (method: 'POST' | 'PATCH' | 'PUT') => (url: string, body?: unknown, headers?: Record<string, string>) =>
    inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }) });
  return { userId, cookie, inject, get: (url, headers) => inject({ method: 'GET', url, headers }), post: withBody('POST'), patch: withBody('PATCH'), put: withBody('PUT') };
}

let addresses = 0;
/** A distinct client address (TEST-NET-3, RFC 5737) per call. */
export function nextAddress(): string {
  addresses += 1;
  return `203.0.${113 + (Math.floor(addresses / 250) % 10)}.${(addresses % 250) + 1}`;
}

/**
 * The real server on a fresh test database (PGlite or PostgreSQL, per the vitest project).
 * Background jobs run only with `jobs: true`; otherwise tests run them inline (test/support/import.ts).
 */
export async function createTestApp(options: { jobs?: boolean } = {}): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const dataDir = testDb.location.dataDir ? path.dirname(testDb.location.dataDir) : mkdtempSync(path.join(os.tmpdir(), 'berdaya-data-'));
  const config = loadConfig({ BERDAYA_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const ctx: AppContext = { database: testDb.database, db: testDb.database.db, config, secret: 'test-secret-test-secret-test-secret-0' };
  const app = await buildApp(ctx, { logger: false, serveWeb: false, jobs: options.jobs ?? false });
  await app.ready();
  return {
    app,
    ctx,
    testDb,
    anonymous: client(app, undefined, ''),
    async signIn(options) {
      const user = await makeUser(ctx.db, options);
      // Each sign-in from its own address, so that many sign-ins in one file stay under the per-address login limit.
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: TEST_PASSWORD }, remoteAddress: nextAddress() });
      if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      return client(app, cookie, user.id);
    },
    async close() {
      await app.close();
      await testDb.destroy();
    },
  };
}
