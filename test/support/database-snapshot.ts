import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.ts';

export type DatabaseSnapshot = {
  /** Per public table: its row count and an MD5 of its rows as text, sorted (order-independent). */
  tables: Record<string, { rows: number; md5: string }>;
  sequences: Record<string, string | null>;
  migrations: string[];
};

type Rows<T> = { rows?: T[] } | T[];
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : ((result as Rows<T> & { rows?: T[] }).rows ?? []));

/** Every table's count and checksum, the sequences and the migration state, read in one UTC snapshot (comparable across PGlite and PostgreSQL). */
export async function databaseSnapshot(database: Database): Promise<DatabaseSnapshot> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql.raw("SET LOCAL TimeZone = 'UTC'"));
    const tables = rowsOf<{ name: string }>(await tx.execute(sql.raw("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"))).map((r) => r.name);
    const snapshot: DatabaseSnapshot = { tables: {}, sequences: {}, migrations: [] };
    for (const name of tables) {
      const [row] = rowsOf<{ rows: number; md5: string }>(
        await tx.execute(sql.raw(`SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM "${name}" t`)),
      );
      snapshot.tables[name] = { rows: Number(row?.rows), md5: row?.md5 ?? '' };
    }
    for (const s of rowsOf<{ name: string; value: string | null }>(await tx.execute(sql.raw("SELECT sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1")))) {
      snapshot.sequences[s.name] = s.value;
    }
    snapshot.migrations = rowsOf<{ hash: string }>(await tx.execute(sql.raw('SELECT hash FROM drizzle.__drizzle_migrations ORDER BY id'))).map((r) => r.hash);
    return snapshot;
  });
}
