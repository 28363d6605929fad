import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, renameSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export type TestDbKind = 'pglite' | 'postgres';

/** Changes whenever the schema or reference data change, so that a stale template is never reused. */
export function templateHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(entry.name).update(readFileSync(full));
    }
  };
  walk(path.join(ROOT, 'src/db/migrations'));
  hash.update(readFileSync(path.join(ROOT, 'src/db/regions.ts')));
  hash.update(readFileSync(path.join(ROOT, 'node_modules/idn-area-data/package.json')));
  return hash.digest('hex').slice(0, 12);
}

/** A migrated PGlite data directory that tests copy (opening a copy takes ~0.5 s; initdb takes ~4 s). */
export async function ensurePgliteTemplate(): Promise<string> {
  const dir = path.join(ROOT, '.cache/test-templates', `pglite-${templateHash()}`);
  if (existsSync(path.join(dir, 'PG_VERSION'))) return dir;
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  const database = await openDatabase({ dataDir: building });
  await migrateDatabase(database);
  await database.query('CHECKPOINT');
  await database.close();
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return dir;
}

export function testServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL;
}

export function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A migrated PostgreSQL database marked as template; each test file clones it with CREATE DATABASE … TEMPLATE. */
export async function ensurePostgresTemplate(serverUrl: string): Promise<string> {
  const name = `berdaya_tpl_${templateHash()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(724002)');
    const { rows } = await admin.query('SELECT datistemplate FROM pg_database WHERE datname = $1', [name]);
    if (rows[0]?.datistemplate) return name;
    if (rows.length) await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    const database = await openDatabase({ databaseUrl: databaseUrl(serverUrl, name) });
    await migrateDatabase(database);
    await database.close();
    await admin.query(`ALTER DATABASE "${name}" WITH is_template true`);
    return name;
  } finally {
    await admin.query('SELECT pg_advisory_unlock(724002)').catch(() => undefined);
    await admin.end();
  }
}
