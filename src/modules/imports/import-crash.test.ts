import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeMessyRoster } from '../../../bench/generate-roster.ts';
import { cliEnv, runCli } from '../../../test/support/cli.ts';
import { rosterFile } from '../../../test/support/import.ts';
import { registrySnapshot } from '../../../test/support/registry-snapshot.ts';
import { ROOT } from '../../../test/support/template.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { openDatabase } from '../../db/client.ts';
import { JOB_HANDLERS } from '../../server/app.ts';
import { runJob } from '../jobs/runner.ts';
import { claimNextJob, requeueAbandonedJobs } from '../jobs/service.ts';

const ROWS = 25_000;
let roster: string;
const databases: TestDatabase[] = [];

async function freshDatabase(): Promise<{ testDb: TestDatabase; env: Record<string, string> }> {
  const testDb = await createTestDatabase();
  await testDb.database.close();
  databases.push(testDb);
  const env = cliEnv(testDb);
  const created = await runCli(['program', 'create', '--code', 'CRASH-2024', '--name', 'Uji mati mendadak'], env);
  if (created.code !== 0) throw new Error(created.stderr);
  return { testDb, env };
}

async function open(testDb: TestDatabase) {
  return openDatabase({ databaseUrl: testDb.location.databaseUrl, dataDir: testDb.location.dataDir });
}

/** Starts `berdaya import participants` and kills it with SIGKILL after `ms` (or lets it finish). */
function importAndKill(env: Record<string, string>, ms: number): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/berdaya.mjs'), 'import', 'participants', roster, '--program', 'CRASH-2024', '--json'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...env },
      stdio: 'ignore',
    });
    let killed = false;
    const timer = setTimeout(() => {
      killed = child.kill('SIGKILL');
    }, ms);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ killed, code });
    });
  });
}

beforeAll(async () => {
  roster = rosterFile('');
  await writeMessyRoster(roster, { rows: ROWS, seed: 2024 });
});
afterAll(async () => {
  for (const d of databases) await d.destroy();
});

describe('an import killed with SIGKILL', () => {
  it('leaves a consistent database; running it again, and resuming the dead job, give the registry of an uninterrupted run', { timeout: 300_000 }, async () => {
    const reference = await freshDatabase();
    const started = Date.now();
    const clean = await runCli(['import', 'participants', roster, '--program', 'CRASH-2024', '--json'], reference.env);
    const duration = Date.now() - started;
    expect(clean.code, clean.stderr).toBe(0);
    const summary = JSON.parse(clean.stdout);
    expect(summary.total).toBe(ROWS);
    const referenceDb = await open(reference.testDb);
    const expected = await registrySnapshot(referenceDb).finally(() => referenceDb.close());
    expect(expected.persons).toBe(summary.inserted);

    const victim = await freshDatabase();
    // Early (reading and staging) and late (merging) in the run.
    const kills = [];
    for (const fraction of [0.35, 0.85]) kills.push(await importAndKill(victim.env, Math.round(duration * fraction)));
    expect(kills.some((k) => k.killed)).toBe(true);

    const rerun = await runCli(['import', 'participants', roster, '--program', 'CRASH-2024', '--json'], victim.env);
    expect(rerun.code, rerun.stderr).toBe(0);
    const again = JSON.parse(rerun.stdout);
    expect(again.total).toBe(ROWS);
    expect(again.inserted + again.updated).toBe(summary.inserted);

    const db = await open(victim.testDb);
    try {
      expect(await registrySnapshot(db)).toEqual(expected);
      // The killed jobs are still on the books: resuming them changes nothing more.
      await requeueAbandonedJobs(db.db, { all: true, staleMs: 0 });
      for (let next = await claimNextJob(db.db, Object.keys(JOB_HANDLERS)); next; next = await claimNextJob(db.db, Object.keys(JOB_HANDLERS))) {
        const done = await runJob(db, JOB_HANDLERS, next);
        expect(done.status).toBe('done');
      }
      expect(await registrySnapshot(db)).toEqual(expected);
      const [{ n }] = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM job WHERE status IN ('queued', 'running')")) as [{ n: number }];
      expect(n).toBe(0);
    } finally {
      await db.close();
    }
  });
});
