import { sql } from 'drizzle-orm';
import { decryptPii, encryptPii, type PiiField, type PiiKeys } from '../../core/pii-crypto.ts';
import type { Database } from '../../db/client.ts';

/** Every column that holds personal-data ciphertext, and which field it encrypts. */
const CIPHER_COLUMNS: { table: string; column: string; field: PiiField }[] = [
  { table: 'person', column: 'nik_cipher', field: 'nik' },
  { table: 'person', column: 'phone_cipher', field: 'phone' },
  { table: 'campaign_recipient', column: 'address', field: 'phone' },
  { table: 'outbox_message', column: 'address', field: 'phone' },
];

export type RotationProgress = { table: string; column: string; rewritten: number };

/**
 * Re-encrypts every ciphertext not made with the current key, in batches (each its own
 * transaction, walking ids in order). Idempotent and resumable: values already under the current
 * key are skipped, so an interrupted run is simply started again. Returns the values rewritten.
 */
export async function reencryptAll(database: Database, keys: PiiKeys, options: { batch?: number; onProgress?: (p: RotationProgress) => void } = {}): Promise<number> {
  const batch = options.batch ?? 1000;
  const current = `$${keys.currentId}$%`;
  let total = 0;
  for (const { table, column, field } of CIPHER_COLUMNS) {
    const t = sql.identifier(table);
    const c = sql.identifier(column);
    let after = '00000000-0000-0000-0000-000000000000';
    let rewritten = 0;
    for (;;) {
      const result = await database.db.execute<{ id: string; value: string }>(sql`
        SELECT id::text AS id, ${c} AS value FROM ${t}
        WHERE ${c} LIKE '$%' AND ${c} NOT LIKE ${current} AND id > ${after}::uuid ORDER BY id LIMIT ${batch}`);
      const rows = (result as unknown as { rows: { id: string; value: string }[] }).rows;
      if (rows.length === 0) break;
      await database.db.transaction(async (tx) => {
        for (const row of rows) {
          const fresh = encryptPii(keys, field, decryptPii(keys, field, row.value));
          await tx.execute(sql`UPDATE ${t} SET ${c} = ${fresh} WHERE id = ${row.id}::uuid AND ${c} = ${row.value}`);
        }
      });
      after = rows.at(-1)?.id ?? after;
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
