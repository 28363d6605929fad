import { sql } from 'drizzle-orm';
import { encryptPii, protectIdentity, type PiiKeys } from '../../core/pii-crypto.ts';
import type { Database } from '../../db/client.ts';
import { rowsOf } from '../../db/rows.ts';

const BATCH = 500;

/**
 * Moves NIKs and phone numbers that were stored in plaintext before migration 0006 into the
 * encrypted and hashed columns, rewrites the identity keys (person and MSME) to keyed hashes,
 * and encrypts phone numbers held as message addresses. Runs after the SQL migrations under the
 * same lock; every batch commits on its own, so a crash resumes where it stopped. Returns the
 * number of people moved.
 */
export async function migratePlaintextPersonalData(database: Database, keys: PiiKeys): Promise<number> {
  const db = database.db;
  const [exists] = rowsOf<{ t: string | null }>(await db.execute(sql`SELECT to_regclass('public.pii_plaintext_stash')::text AS t`));
  if (!exists?.t) return 0;
  let moved = 0;
  for (;;) {
    const batch = rowsOf<{ person_id: string; old_key: string; nik: string | null; phone: string | null }>(
      await db.execute(sql`SELECT person_id, old_key, nik, phone FROM pii_plaintext_stash ORDER BY person_id LIMIT ${BATCH}`),
    );
    if (batch.length === 0) break;
    await db.transaction(async (tx) => {
      for (const row of batch) {
        const p = protectIdentity(keys, { nik: row.nik, phone: row.phone });
        await tx.execute(sql`
          UPDATE person SET key = ${p.key}, nik_cipher = ${p.nikCipher}, nik_hash = ${p.nikHash}, nik_birth_yy = ${p.nikBirthYy},
            phone_cipher = ${p.phoneCipher}, phone_hash = ${p.phoneHash}
          WHERE id = ${row.person_id}`);
        await tx.execute(sql`UPDATE msme SET key = ${p.key} WHERE key = ${row.old_key}`);
      }
      await tx.execute(sql`DELETE FROM pii_plaintext_stash WHERE person_id = ANY(${`{${batch.map((r) => r.person_id).join(',')}}`}::uuid[])`);
    });
    moved += batch.length;
  }
  for (const table of ['campaign_recipient', 'outbox_message'] as const) await encryptPlaintextAddresses(database, keys, table);
  await db.execute(sql`DROP TABLE IF EXISTS pii_plaintext_stash`);
  return moved;
}

/** Phone numbers (`+…`) held as message addresses become ciphertext; email addresses stay as they are. */
async function encryptPlaintextAddresses(database: Database, keys: PiiKeys, table: 'campaign_recipient' | 'outbox_message'): Promise<void> {
  for (;;) {
    const batch = rowsOf<{ id: string; address: string }>(await database.db.execute(sql`SELECT id, address FROM ${sql.identifier(table)} WHERE address LIKE '+%' LIMIT ${BATCH}`));
    if (batch.length === 0) return;
    await database.db.transaction(async (tx) => {
      for (const row of batch) await tx.execute(sql`UPDATE ${sql.identifier(table)} SET address = ${encryptPii(keys, 'phone', row.address)} WHERE id = ${row.id}`);
    });
  }
}
