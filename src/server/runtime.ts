import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Config } from '../config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { acquireDataDirLock, type DataDirLock } from '../db/data-dir-lock.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { loadPiiKeys, usePiiKeys } from '../modules/personal-data/keyring.ts';
import type { AppContext } from './context.ts';

export type Runtime = AppContext & { lock: DataDirLock | null; close(): Promise<void> };

export function pgliteDir(config: Config): string {
  return path.join(config.dataDir, 'pglite');
}

/** BERDAYA_SECRET, else a random secret kept in the data directory (created once, mode 0600). */
export function loadSecret(config: Config): string {
  if (config.secret) return config.secret;
  const file = path.join(config.dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  return secret;
}

/** Opens the configured database (taking the data-dir lock for PGlite) and migrates it. */
export async function openRuntime(config: Config, options: { migrate?: boolean } = {}): Promise<Runtime> {
  const pii = loadPiiKeys(config);
  usePiiKeys(pii.keys, pii.source, pii.file);
  const lock = config.databaseUrl ? null : acquireDataDirLock(config.dataDir);
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : pgliteDir(config) });
  } catch (error) {
    lock?.release();
    throw error;
  }
  try {
    if (options.migrate ?? true) await migrateDatabase(database);
  } catch (error) {
    await database.close();
    lock?.release();
    throw error;
  }
  return {
    database,
    db: database.db,
    config,
    secret: loadSecret(config),
    handoffToken: lock ? randomBytes(32).toString('base64url') : undefined,
    lock,
    async close() {
      await database.close();
      lock?.release();
    },
  };
}
