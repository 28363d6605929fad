import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cliEnv, runCli } from '../../test/support/cli.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-db.ts';

let testDb: TestDatabase;
let env: Record<string, string>;

beforeAll(async () => {
  testDb = await createTestDatabase();
  // The CLI opens the database itself; PGlite allows one process at a time.
  await testDb.database.close();
  env = cliEnv(testDb);
});
afterAll(() => testDb.destroy());

describe('berdaya CLI', () => {
  it('has --help on every command', async () => {
    for (const args of [['--help'], ['serve', '--help'], ['migrate', '--help'], ['demo', '--help'], ['program', 'create', '--help']]) {
      const res = await runCli(args, env);
      expect(res.code, args.join(' ')).toBe(0);
      expect(res.stdout).toMatch(/Usage: berdaya/);
    }
    const create = await runCli(['program', 'create', '--help'], env);
    for (const option of ['--code', '--name', '--start', '--end']) expect(create.stdout).toContain(option);
  });

  it('migrates, loads the demo programmes once, and creates a programme', async () => {
    const migrate = await runCli(['migrate'], env);
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toMatch(/Migrations applied/);

    const demo = await runCli(['demo'], env);
    expect(demo.code).toBe(0);
    expect(demo.stdout.trim().split('\n')).toEqual(['+ JALIN-NUSANTARA-2024', '+ JAKPRENEUR-2024', '+ FB-UMKM-TIMUR-2018', '+ KOMINFO-UMKM-2022']);
    const again = await runCli(['demo'], env);
    expect(again.stdout).toMatch(/= JALIN-NUSANTARA-2024 \(sudah ada \/ already present\)/);

    const created = await runCli(['program', 'create', '--code', 'CLI-2025', '--name', 'Program dari CLI', '--start', '2025-01-01', '--end', '2025-06-30', '--json'], env);
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ code: 'CLI-2025', name: 'Program dari CLI', startDate: '2025-01-01', endDate: '2025-06-30' });
  });

  it('explains a duplicate code, an end before the start and a missing option, with a non-zero exit', async () => {
    await runCli(['program', 'create', '--code', 'CLI-DUP', '--name', 'Pertama'], env);
    const dup = await runCli(['program', 'create', '--code', 'cli-dup', '--name', 'Kedua'], env);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('Kode program sudah dipakai');
    expect(dup.stderr).toContain('This programme code is already in use');

    const dates = await runCli(['program', 'create', '--code', 'CLI-DATE', '--name', 'X', '--start', '2025-05-01', '--end', '2025-04-01'], env);
    expect(dates.code).toBe(1);
    expect(dates.stderr).toMatch(/--end: Tanggal selesai harus sama dengan atau setelah tanggal mulai \/ The end date must be on or after the start date/);
    const badDate = await runCli(['program', 'create', '--code', 'CLI-DATE', '--name', 'X', '--start', '01/05/2025'], env);
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toMatch(/--start: Tanggal harus berformat YYYY-MM-DD/);

    const missing = await runCli(['program', 'create', '--name', 'Tanpa kode'], env);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/--code/);
  });

  it.skipIf(inject('dbKind') !== 'pglite')('refuses to open a PGlite data directory held by a running server', async () => {
    const lock = path.join(path.dirname(testDb.location.dataDir ?? ''), 'berdaya.lock');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString(), port: 3999 }));
    try {
      const res = await runCli(['program', 'create', '--code', 'CLI-LOCK', '--name', 'X'], env);
      expect(res.code).toBe(1);
      expect(res.stderr).toContain(`pid ${process.pid}, port 3999`);
      expect(res.stderr).toMatch(/in use by another Berdaya process/);
    } finally {
      writeFileSync(lock, JSON.stringify({ pid: 999_999_999, startedAt: '' }));
    }
    const stale = await runCli(['program', 'create', '--code', 'CLI-STALE', '--name', 'Kunci basi'], env);
    expect(stale.code, stale.stderr).toBe(0);
  });
});
