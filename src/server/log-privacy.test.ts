import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { makeOrganisation, makeProgramme, makeUser, TEST_PASSWORD } from '../../test/support/factories.ts';
import { CSRF_HEADERS } from '../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-db.ts';
import type { ApiApp } from './api-app.ts';
import { buildApp } from './app.ts';
import { loggablePath, loggerOptions } from './logger.ts';

/**
 * The real logger configuration (src/server/logger.ts) at its most verbose level, writing to a
 * stream this test reads. A realistic flow runs through the server; then the output is searched
 * for every personal value and secret the flow used.
 */
const people = [
  { business: 'Warung Sari Rasa', owner: 'Siti Aminah Kusumawati', nik: '3174015203920001', phone: '0812-3456-7890', email: 'siti.aminah@contoh.id' },
  { business: 'Batik Betawi Ayu', owner: 'Dewi Lestari Wibowo', nik: '3174014506880002', phone: '+62 813 1000 0002', email: 'dewi.batik@contoh.id' },
  { business: 'Kopi Tenabang Jaya', owner: 'Ahmad Fauzi Rahman', nik: '3171010101800004', phone: '6281410000004', email: '' },
  // Rejected rows (bad NIK, landline): their values reach the error file, never the log.
  { business: 'Kriya Rotan Ibu Ani', owner: 'Ani Suryani Prameswari', nik: '3174019999990005', phone: '0815-7100-0005', email: 'ani.rotan@contoh.id' },
  { business: 'Toko Sembako Berkah', owner: 'Agus Salim Hidayatullah', nik: '', phone: '021-7654-3219', email: '' },
];

const captured: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    captured.push(chunk.toString('utf8'));
    done();
  },
});

let testDb: TestDatabase;
let app: ApiApp;

beforeAll(async () => {
  testDb = await createTestDatabase();
  const dataDir = testDb.location.dataDir ? path.dirname(testDb.location.dataDir) : mkdtempSync(path.join(os.tmpdir(), 'berdaya-data-'));
  const config = loadConfig({ BERDAYA_DATA_DIR: dataDir, LOG_LEVEL: 'trace' });
  const ctx = { database: testDb.database, db: testDb.database.db, config, secret: 'test-secret-test-secret-test-secret-0' };
  app = await buildApp(ctx, { logger: { ...(loggerOptions('trace') as object), stream: sink }, serveWeb: false, jobs: true });
  // An unexpected failure whose message quotes input, as database drivers do (e.g. a unique violation).
  app.post('/api/test/driver-failure', { config: { access: { public: true } } }, async (request) => {
    const body = request.body as { nik: string; phone: string };
    const error = new Error(`duplicate key value violates unique constraint "person_key_uq": Key (key)=(nik:${body.nik}) already exists; phone ${body.phone}`);
    (error as Error & { cause?: unknown }).cause = { code: '23505', message: `Key (nik)=(${body.nik}) already exists` };
    throw error;
  });
  await app.ready();
}, 120_000);
afterAll(async () => {
  await app?.close();
  await testDb?.destroy();
});

const digits = (s: string) => s.replace(/\D/g, '');
/** The national significant number, which every written form of a phone number contains. */
const nsn = (phone: string) => digits(phone).replace(/^(62|0)/, '');

describe('logs', () => {
  it('never contain NIK, phone numbers (any format), names, emails, passwords or session tokens', { timeout: 120_000 }, async () => {
    const org = await makeOrganisation(testDb.database.db);
    const programme = await makeProgramme(testDb.database.db, { ownerOrganisationId: org.id });
    const user = await makeUser(testDb.database.db, { role: 'admin', organisationId: org.id, email: 'pengelola.rahasia@dinas.contoh.id' });
    const secrets: string[] = [TEST_PASSWORD, user.email, 'salah-sandi-rahasia-42'];

    // Sign in (and fail once first).
    const failed = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: 'salah-sandi-rahasia-42' } });
    expect(failed.statusCode).toBe(401);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: TEST_PASSWORD } });
    expect(login.statusCode).toBe(200);
    const token = login.cookies.find((c) => c.name === 'berdaya_sid')?.value ?? '';
    secrets.push(token);
    const headers = { cookie: `berdaya_sid=${token}`, ...CSRF_HEADERS };

    // Import a roster over HTTP; the job runs in the server (its runner logs too).
    const csv = ['Nama Usaha;Nama Pemilik;NIK;No. HP;Email;Kabupaten/Kota', ...people.map((p) => [p.business, p.owner, p.nik, p.phone, p.email, 'Jakarta Selatan'].join(';'))].join('\r\n');
    const boundary = '----berdaya-log';
    const upload = await app.inject({
      method: 'POST',
      url: `/api/programs/${programme.id}/imports`,
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="daftar ${people[0]?.owner}.csv"\r\nContent-Type: text/csv\r\n\r\n`),
        Buffer.from(csv),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(upload.statusCode).toBe(202);
    let job = upload.json();
    for (let i = 0; i < 400 && job.status !== 'done' && job.status !== 'failed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = (await app.inject({ method: 'GET', url: `/api/imports/${job.id}`, headers })).json();
    }
    expect(job.summary).toMatchObject({ inserted: 3, rejected: 2 });
    expect((await app.inject({ method: 'GET', url: `/api/imports/${job.id}/errors.csv`, headers })).body).toContain(people[3]?.owner);

    // Search by NIK, by phone (as typed) and by name; open a participant.
    const byNik = await app.inject({ method: 'GET', url: `/api/programs/${programme.id}/participants?q=${people[0]?.nik}`, headers });
    expect(byNik.json().items).toHaveLength(1);
    const byPhone = await app.inject({ method: 'GET', url: `/api/programs/${programme.id}/participants?q=${encodeURIComponent(people[1]?.phone ?? '')}`, headers });
    expect(byPhone.json().items).toHaveLength(1);
    await app.inject({ method: 'GET', url: `/api/programs/${programme.id}/participants?q=${encodeURIComponent(people[2]?.owner ?? '')}`, headers });
    const personId = byNik.json().items[0].personId;
    expect((await app.inject({ method: 'GET', url: `/api/participants/${personId}`, headers })).statusCode).toBe(200);

    // Failing requests that quote input: validation, a duplicate, a path parameter, bad JSON, and an unexpected error.
    const invalid = await app.inject({ method: 'POST', url: `/api/programs/${programme.id}/participants`, headers, payload: { ownerName: people[3]?.owner, nik: people[3]?.nik, phone: people[4]?.phone } });
    expect(invalid.statusCode).toBe(400);
    const taken = await app.inject({ method: 'PATCH', url: `/api/participants/${personId}`, headers, payload: { nik: people[1]?.nik } });
    expect(taken.statusCode).toBe(409);
    expect((await app.inject({ method: 'GET', url: `/api/participants/${people[0]?.nik}`, headers })).statusCode).toBe(400);
    const badJson = await app.inject({ method: 'POST', url: `/api/programs/${programme.id}/participants`, headers: { ...headers, 'content-type': 'application/json' }, payload: `{"nik": "${people[0]?.nik}", "phone": ` });
    expect(badJson.statusCode).toBe(400);
    const crash = await app.inject({ method: 'POST', url: '/api/test/driver-failure', payload: { nik: people[1]?.nik, phone: people[1]?.phone } });
    expect(crash.statusCode).toBe(500);
    expect(crash.body).not.toContain(people[1]?.nik);

    // Sign out everywhere, so that session handling is in the log too.
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout-all', headers })).statusCode).toBe(204);

    const log = captured.join('');
    // The flow was logged (requests, the job), so an empty log cannot pass for a clean one.
    expect(log).toContain('"url":"/api/programs/');
    expect(log).toContain('unhandled error');
    expect(log.split('\n').length).toBeGreaterThan(20);

    const flat = log.replace(/[\s.()+-]/g, '');
    const found: string[] = [];
    for (const p of people) {
      if (p.nik && flat.includes(p.nik)) found.push(`NIK ${p.nik}`);
      if (flat.includes(nsn(p.phone))) found.push(`phone ${p.phone}`);
      for (const name of [p.owner, p.business]) {
        if (log.toLowerCase().includes(name.toLowerCase())) found.push(`name ${name}`);
        for (const word of name.split(' ').filter((w) => w.length >= 6)) if (log.includes(word)) found.push(`part of a name: ${word}`);
      }
      if (p.email && log.toLowerCase().includes(p.email.toLowerCase())) found.push(`email ${p.email}`);
    }
    for (const secret of secrets) if (log.includes(secret)) found.push(`secret ${secret.slice(0, 6)}…`);
    expect(found).toEqual([]);
  });
});

describe('logged request paths', () => {
  it.each([
    ['/api/participants/3174015203920001', '/api/participants/:personId', '/api/participants/…'],
    ['/api/participants/0b5e2a4e-8a51-4c1e-9a4b-2f7f3f0f5e11', '/api/participants/:personId', '/api/participants/0b5e2a4e-8a51-4c1e-9a4b-2f7f3f0f5e11'],
    ['/api/programs/by-code/JAKPRENEUR-2024?x=1', '/api/programs/by-code/:code', '/api/programs/by-code/…'],
    ['/api/imports/0b5e2a4e-8a51-4c1e-9a4b-2f7f3f0f5e11/errors.csv', '/api/imports/:id/errors.csv', '/api/imports/0b5e2a4e-8a51-4c1e-9a4b-2f7f3f0f5e11/errors.csv'],
    ['/api/tidak-ada/081234567890', undefined, '/api/tidak-ada/…'],
    ['/programs/0b5e2a4e-8a51-4c1e-9a4b-2f7f3f0f5e11/participants?q=Siti', '/*', '/programs/0b5e2a4e-8a51-4c1e-9a4b-2f7f3f0f5e11/participants'],
    ['/cari/Siti%20Aminah', '/*', '/cari/…'],
  ])('%s (route %s) is logged as %s', (url, route, logged) => {
    expect(loggablePath(url, route)).toBe(logged);
  });
});
