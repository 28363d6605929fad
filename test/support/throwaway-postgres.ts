import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './server-process.ts';

/** The newest PostgreSQL server binaries Debian installed (`.ci/run` installs postgresql), if any. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = path.join(root, version, 'bin');
    if (existsSync(path.join(bin, 'initdb')) && existsSync(path.join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

export type ThrowawayPostgres = {
  url: string;
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  destroy(): void;
};

/**
 * A PostgreSQL cluster of its own on a free port, in a temporary directory, that a test may stop
 * and start at will. PostgreSQL refuses to run as root: as root, the binaries run as `postgres`.
 */
export async function startThrowawayPostgres(bin: string): Promise<ThrowawayPostgres> {
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berdaya-pg-'));
  const data = path.join(dir, 'data');
  const port = await freePort();
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const run = (command: string) => {
    const shell = root ? ['su', 'postgres', '-s', '/bin/sh', '-c', command] : ['/bin/sh', '-c', command];
    execFileSync(shell[0] as string, shell.slice(1), { stdio: 'pipe', timeout: 60_000 });
  };
  run(`${bin}/initdb -D ${data} -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null`);
  // fsync=off only: the operating system does not crash in these tests; commits still wait for
  // the WAL (synchronous_commit on), so a crashed server keeps what it acknowledged.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => run(`${bin}/pg_ctl -D ${data} -l ${dir}/server.log -w -t 60 start -o '${options}' >/dev/null`);
  start();
  let running = true;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop(mode = 'fast') {
      run(`${bin}/pg_ctl -D ${data} -m ${mode} -w stop >/dev/null`);
      running = false;
    },
    start() {
      start();
      running = true;
    },
    destroy() {
      if (running) {
        try {
          run(`${bin}/pg_ctl -D ${data} -m immediate -w stop >/dev/null`);
        } catch {
          // already stopped
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
