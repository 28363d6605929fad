import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { loadDemo } from '../modules/demo/load-demo.ts';
import { buildApp } from '../server/app.ts';
import { cliEnv, runCli } from '../../test/support/cli.ts';
import { databaseSnapshot, type DatabaseSnapshot } from '../../test/support/database-snapshot.ts';
import { makeOrganisation, makeUser, TEST_PASSWORD } from '../../test/support/factories.ts';
import { importRoster, rosterFile } from '../../test/support/import.ts';
import { startServer } from '../../test/support/server-process.ts';
import { databaseUrl } from '../../test/support/template.ts';
import { CSRF_HEADERS } from '../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-db.ts';

const kind = inject('dbKind');
const databases: TestDatabase[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
const dir = mkdtempSync(path.join(os.tmpdir(), 'berdaya-backup-'));
const backup = path.join(dir, 'berdaya.backup.gz');
let source: TestDatabase;
let expected: DatabaseSnapshot;

const open = (testDb: TestDatabase) => openDatabase({ databaseUrl: testDb.location.databaseUrl, dataDir: testDb.location.dataDir });
async function snapshotOf(open: () => Promise<Database>): Promise<DatabaseSnapshot> {
  const database = await open();
  try {
    return await databaseSnapshot(database);
  } finally {
    await database.close();
  }
}
async function emptyDatabase(): Promise<TestDatabase> {
  const testDb = await createTestDatabase();
  await testDb.database.close();
  databases.push(testDb);
  return testDb;
}

/** A database with something in many tables: demo programmes, an import, accounts and sessions, an MoU (binary), awkward text and numbers. */
async function fillSource(testDb: TestDatabase): Promise<void> {
  const database = testDb.database;
  const dataDir = testDb.location.dataDir ? path.dirname(testDb.location.dataDir) : dir;
  const ctx = { database, db: database.db, config: loadConfig({ BERDAYA_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), secret: 'test-secret-test-secret-test-secret-0' };
  const app = await buildApp(ctx, { logger: false, serveWeb: false, jobs: false });
  await app.ready();
  try {
    await loadDemo(database.db);
    const org = await makeOrganisation(database.db, { name: 'Yayasan "Kutip" \\ Garis-miring\nBaris baru 🌱' });
    const admin = await makeUser(database.db, { role: 'admin', organisationId: org.id });
    await makeUser(database.db, { role: 'trainer', active: false });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: admin.email, password: TEST_PASSWORD } });
    const headers = { cookie: `berdaya_sid=${login.cookies.find((c) => c.name === 'berdaya_sid')?.value}`, ...CSRF_HEADERS };
    const created = await app.inject({ method: 'POST', url: '/api/programs', headers, payload: { code: 'BACKUP-2025', name: 'Program cadangan — “uji”', description: 'Baris 1\nBaris 2\t\u00e9\u4e2d' } });
    const programmeId = created.json().id as string;
    await app.inject({ method: 'POST', url: `/api/programs/${programmeId}/targets`, headers, payload: { indicator: 'msme_trained', value: 1234.5678 } });
    const partner = await app.inject({ method: 'POST', url: `/api/programs/${programmeId}/partnerships`, headers, payload: { organisationId: org.id, mouNumber: 'MoU/01', mouSignedOn: '2025-01-31' } });
    // Every byte value, to prove the binary column survives.
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);
    const boundary = '----berdaya-backup';
    const mou = await app.inject({
      method: 'PUT',
      url: `/api/programs/${programmeId}/partnerships/${partner.json().id}/mou`,
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="mou.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), pdf, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    });
    if (mou.statusCode !== 200) throw new Error(mou.body);
    await app.inject({ method: 'POST', url: '/api/users', headers, payload: { email: 'undangan@backup.id', name: 'Diundang', role: 'viewer' } });
    const roster = rosterFile(
      ['Nama Usaha;Nama Pemilik;NIK;No. HP;Email;Jenis Kelamin;Kabupaten/Kota', 'Warung Satu;Siti;3174015203920001;081234567890;siti@contoh.id;P;Jakarta Selatan', 'Warung Dua;Budi;;081234567891;;L;Kota Kupang', ';Tanpa Usaha;;081234567892;;;Jakarta Selatan'].join('\n'),
    );
    await importRoster(ctx, { programmeId, file: roster });
  } finally {
    await app.close();
    await database.close();
  }
}

beforeAll(async () => {
  source = await createTestDatabase();
  databases.push(source);
  await fillSource(source);
  expected = await snapshotOf(() => open(source));
}, 180_000);
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  for (const d of databases) await d.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('berdaya backup / restore', () => {
  it('round-trips a database: every table\'s row count and checksum, the sequences and the migration state are equal', { timeout: 180_000 }, async () => {
    const made = await runCli(['backup', backup, '--json'], cliEnv(source));
    expect(made.code, made.stderr).toBe(0);
    const summary = JSON.parse(made.stdout);
    expect(summary.rows).toBe(Object.values(expected.tables).reduce((n, t) => n + t.rows, 0));
    expect(Object.keys(summary.perTable).sort()).toEqual(Object.keys(expected.tables).sort());
    // Sanity: the source really holds what the round trip must carry.
    for (const table of ['programme', 'partnership', 'document', 'target', 'person', 'msme', 'enrolment', 'job', 'import_row', 'app_user', 'auth_session', 'user_invite', 'audit_event', 'region']) {
      expect(expected.tables[table]?.rows, table).toBeGreaterThan(0);
    }
    expect(readFileSync(backup).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));

    const target = await emptyDatabase();
    const restored = await runCli(['restore', backup], cliEnv(target));
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Dipulihkan \/ Restored/);
    expect(await snapshotOf(() => open(target))).toEqual(expected);

    // A second restore into the now filled database is refused without --force, and changes nothing.
    const refused = await runCli(['restore', backup], cliEnv(target));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Basis data tujuan tidak kosong \(.*programme.*\)/);
    expect(refused.stderr).toMatch(/The target database is not empty .* repeat with --force/);
    const forced = await runCli(['restore', backup, '--force'], cliEnv(target));
    expect(forced.code, forced.stderr).toBe(0);
    expect(await snapshotOf(() => open(target))).toEqual(expected);
  });

  it('restores into the other database engine from the same file', { timeout: 180_000 }, async () => {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (kind === 'pglite' && serverUrl) {
      const name = `berdaya_restore_${process.pid}_${Date.now()}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      cleanups.push(async () => {
        const c = new pg.Client({ connectionString: serverUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      });
      const url = databaseUrl(serverUrl, name);
      const restored = await runCli(['restore', backup], { DATABASE_URL: url, BERDAYA_DATA_DIR: dir });
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stdout).toContain('(postgres)');
      expect(await snapshotOf(() => openDatabase({ databaseUrl: url }))).toEqual(expected);
    } else if (kind === 'postgres') {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'berdaya-restore-'));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      const restored = await runCli(['restore', backup], { BERDAYA_DATA_DIR: dataDir });
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stdout).toContain('(pglite)');
      expect(await snapshotOf(() => openDatabase({ dataDir: path.join(dataDir, 'pglite') }))).toEqual(expected);
    } else {
      console.warn('⚠ backup.test.ts: no PostgreSQL server (TEST_DATABASE_URL), cross-engine restore not tested');
    }
  });

  it('refuses a damaged or truncated file and leaves the database as it was', { timeout: 120_000 }, async () => {
    const target = await emptyDatabase();
    const before = await snapshotOf(() => open(target));
    const bytes = readFileSync(backup);
    const truncated = path.join(dir, 'truncated.gz');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const res = await runCli(['restore', truncated], cliEnv(target));
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/bukan cadangan Berdaya yang utuh[\s\S]*is not a complete Berdaya backup/);
    expect(await snapshotOf(() => open(target))).toEqual(before);
    const notBackup = path.join(dir, 'bukan.gz');
    writeFileSync(notBackup, 'bukan cadangan');
    expect((await runCli(['restore', notBackup], cliEnv(target))).stderr).toMatch(/is not a complete Berdaya backup/);
    expect((await runCli(['restore', path.join(dir, 'tidak-ada.gz')], cliEnv(target))).stderr).toMatch(/File not found/);
  });

  it.skipIf(kind !== 'pglite')('refuses to back up or restore a PGlite directory that a running server holds', { timeout: 120_000 }, async () => {
    const env = cliEnv(source);
    const server = await startServer(env);
    try {
      for (const args of [['backup', path.join(dir, 'saat-jalan.gz')], ['restore', backup, '--force']]) {
        const res = await runCli(args, env);
        expect(res.code, args[0]).toBe(1);
        expect(res.stderr).toMatch(/Direktori data sedang dipakai oleh proses Berdaya lain[\s\S]*The data directory is in use by another Berdaya process/);
      }
    } finally {
      await server.stop();
    }
    // The refused restore wiped nothing (the server itself may have written while it ran).
    const after = await snapshotOf(() => open(source));
    for (const table of ['organisation', 'programme', 'person', 'enrolment', 'document']) expect(after.tables[table], table).toEqual(expected.tables[table]);
  });
});
