import { fileURLToPath } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Database } from './client.ts';
import { ensureStandardContextSeries } from '../modules/destination/context-series.ts';
import { ensureStandardIndicators } from '../modules/monitoring/definitions.ts';
import { piiKeys } from '../modules/personal-data/keyring.ts';
import { migratePlaintextPersonalData } from '../modules/personal-data/migrate-plaintext.ts';
import { ensureRegions } from './regions.ts';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
/** Serialises concurrent migrations of one PostgreSQL database (several processes starting at once). */
const MIGRATION_LOCK_KEY = 724_001;

export type MigrationState = { applied: number; available: number; upToDate: boolean };

/**
 * Applies pending schema migrations (and encrypts personal data left in plaintext by older
 * versions, under the same lock), then loads reference data (regions) if missing.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'postgres') {
    await database.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migratePg(database.db as unknown as NodePgDatabase, { migrationsFolder });
      await migratePlaintextPersonalData(database, piiKeys());
    } finally {
      await database.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } else {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
    await migratePlaintextPersonalData(database, piiKeys());
  }
  await ensureRegions(database);
  await ensureStandardIndicators(database.db);
  await ensureStandardContextSeries(database.db);
}

export async function readMigrationState(database: Database): Promise<MigrationState> {
  const available = readMigrationFiles({ migrationsFolder }).length;
  const rows = await database
    .query<{ n: number }>('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations')
    .catch(() => [{ n: 0 }]);
  const applied = rows[0]?.n ?? 0;
  return { applied, available, upToDate: applied >= available };
}
