import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './template.ts';
import type { TestDatabase } from './test-db.ts';

export type CliResult = { code: number | null; stdout: string; stderr: string };

/** Environment that points the CLI at a test database (PGlite data dir or PostgreSQL URL). */
export function cliEnv(testDb: TestDatabase): Record<string, string> {
  const { dataDir, databaseUrl } = testDb.location;
  return databaseUrl ? { DATABASE_URL: databaseUrl } : { BERDAYA_DATA_DIR: path.dirname(dataDir ?? '') };
}

/** Runs `berdaya …` as a child process, as a user would. */
export function runCli(args: string[], env: Record<string, string>, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/berdaya.mjs'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}
