import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';

export type LockInfo = { pid: number; startedAt: string; port?: number; handoffToken?: string };

export class DataDirBusyError extends Error {
  readonly holder: LockInfo;
  constructor(holder: LockInfo) {
    super(
      `Direktori data sedang dipakai oleh proses Berdaya lain (pid ${holder.pid}${holder.port ? `, port ${holder.port}` : ''}). ` +
        `Hentikan proses itu dahulu, atau gunakan DATABASE_URL.\n` +
        `The data directory is in use by another Berdaya process (pid ${holder.pid}${holder.port ? `, port ${holder.port}` : ''}). ` +
        `Stop it first, or use DATABASE_URL.`,
    );
    this.holder = holder;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockPath(dataDir: string): string {
  return path.join(dataDir, 'berdaya.lock');
}

/** Who holds the data directory now, if anyone alive does. */
export function readLock(dataDir: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(lockPath(dataDir), 'utf8')) as LockInfo;
    return alive(info.pid) ? info : null;
  } catch {
    return null;
  }
}

export type DataDirLock = { update(extra: Partial<LockInfo>): void; release(): void };

/**
 * PGlite must never be opened by two processes at once (that corrupts it). The first
 * process to create `berdaya.lock` owns the directory; a lock left by a dead process is taken over.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = lockPath(dataDir);
  let info: LockInfo = { pid: process.pid, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const current = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
          if (current.pid === process.pid) unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return {
        update(extra) {
          info = { ...info, ...extra };
          writeFileSync(file, JSON.stringify(info), { mode: 0o600 });
        },
        release,
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(dataDir);
      if (holder) throw new DataDirBusyError(holder);
      try {
        unlinkSync(file);
      } catch {
        // another process took it over first; try again
      }
    }
  }
  const holder = readLock(dataDir);
  throw new DataDirBusyError(holder ?? { pid: -1, startedAt: '' });
}
