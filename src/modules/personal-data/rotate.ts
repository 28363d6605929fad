import { sql } from 'drizzle-orm';
import { decryptPii, encryptPii, type PiiField, type PiiKeys } from '../../core/pii-crypto.ts';
import type { Database } from '../../db/client.ts';

/** Every column that holds personal-data ciphertext, which field it encrypts, and the table's row identity. */
const CIPHER_COLUMNS: { table: string; column: string; field: PiiField; rowKey: 'id' | 'job_line' }[] = [
  { table: 'person', column: 'nik_cipher', field: 'nik', rowKey: 'id' },
  { table: 'person', column: 'phone_cipher', field: 'phone', rowKey: 'id' },
  { table: 'campaign_recipient', column: 'address', field: 'phone', rowKey: 'id' },
  { table: 'outbox_message', column: 'address', field: 'phone', rowKey: 'id' },
  { table: 'import_row', column: 'raw', field: 'row', rowKey: 'job_line' },
];

export type RotationProgress = { table: string; column: string; rewritten: number };

/** A row's identity as text pairs: (id, 0) for most tables, (job_id, line) for staged roster rows. */
const ROW_KEYS = {
  id: { select: sql`id::text AS k1, 0 AS k2`, after: (k1: string) => sql`id > ${k1}::uuid`, order: sql`id`, match: (k1: string) => sql`id = ${k1}::uuid` },
  job_line: {
    select: sql`job_id::text AS k1, line AS k2`,
    after: (k1: string, k2: number) => sql`(job_id, line) > (${k1}::uuid, ${k2}::int)`,
    order: sql`job_id, line`,
    match: (k1: string, k2: number) => sql`job_id = ${k1}::uuid AND line = ${k2}::int`,
  },
} as const;

/**
 * Re-encrypts every ciphertext not made with the current key, in batches (each its own
 * transaction, walking row keys in order). Idempotent and resumable: values already under the current
 * key are skipped, so an interrupted run is simply started again. Returns the values rewritten.
 */
export async function reencryptAll(database: Database, keys: PiiKeys, options: { batch?: number; onProgress?: (p: RotationProgress) => void } = {}): Promise<number> {
  const batch = options.batch ?? 1000;
  const current = `$${keys.currentId}$%`;
  let total = 0;
  for (const { table, column, field, rowKey } of CIPHER_COLUMNS) {
    const t = sql.identifier(table);
    const c = sql.identifier(column);
    const key = ROW_KEYS[rowKey];
    let after: [string, number] = ['00000000-0000-0000-0000-000000000000', 0];
    let rewritten = 0;
    for (;;) {
      const result = await database.db.execute<{ k1: string; k2: number; value: string }>(sql`
        SELECT ${key.select}, ${c} AS value FROM ${t}
        WHERE ${c} LIKE '$%' AND ${c} NOT LIKE ${current} AND ${key.after(...after)} ORDER BY ${key.order} LIMIT ${batch}`);
      const rows = (result as unknown as { rows: { k1: string; k2: number; value: string }[] }).rows;
      if (rows.length === 0) break;
      await database.db.transaction(async (tx) => {
        for (const row of rows) {
          const fresh = encryptPii(keys, field, decryptPii(keys, field, row.value));
          await tx.execute(sql`UPDATE ${t} SET ${c} = ${fresh} WHERE ${key.match(row.k1, Number(row.k2))} AND ${c} = ${row.value}`);
        }
      });
      const last = rows.at(-1);
      if (last) after = [last.k1, Number(last.k2)];
      rewritten += rows.length;
      options.onProgress?.({ table, column, rewritten });
    }
    total += rewritten;
  }
  return total;
}

/** How many values each key id still encrypts (to see a rotation finish). */
export async function countByKey(database: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { table, column } of CIPHER_COLUMNS) {
    const result = await database.db.execute<{ key_id: string; n: number }>(sql`
      SELECT split_part(${sql.identifier(column)}, '$', 2) AS key_id, count(*)::int AS n FROM ${sql.identifier(table)}
      WHERE ${sql.identifier(column)} LIKE '$%' GROUP BY 1`);
    for (const row of (result as unknown as { rows: { key_id: string; n: number }[] }).rows) counts[row.key_id] = (counts[row.key_id] ?? 0) + Number(row.n);
  }
  return counts;
}
