import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { databaseUrl } from './template.ts';

export type TestDatabase = {
  database: Database;
  /** PGlite data directory, or PostgreSQL URL, of this test database. */
  location: { dataDir?: string; databaseUrl?: string };
  destroy(): Promise<void>;
};

/** A fresh, migrated database for one test file: a copy of the PGlite template, or a clone of the PostgreSQL template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const kind = inject('dbKind');
  const template = inject('dbTemplate');
  if (kind === 'pglite') {
    const root = mkdtempSync(path.join(os.tmpdir(), 'berdaya-test-'));
    const dataDir = path.join(root, 'pglite');
    cpSync(template, dataDir, { recursive: true });
    const database = await openDatabase({ dataDir });
    return {
      database,
      location: { dataDir },
      async destroy() {
        await database.close();
        rmSync(root, { recursive: true, force: true });
      },
    };
  }
  const serverUrl = inject('dbServerUrl');
  const name = `berdaya_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(serverUrl, name);
  const database = await openDatabase({ databaseUrl: url });
  return {
    database,
    location: { databaseUrl: url },
    async destroy() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
