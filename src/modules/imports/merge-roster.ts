import { sql } from 'drizzle-orm';
import type { Database, DatabaseKind, DbOrTx, Tx } from '../../db/client.ts';
import { rowsOf } from '../../db/rows.ts';

/** The import summary of the CLI contract: total = inserted + updated + duplicates + rejected. */
export type ImportSummary = {
  total: number;
  inserted: number;
  updated: number;
  duplicates: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
};

/** Rejected rows of a staged job, in total and by reason. */
export async function countRejected(db: DbOrTx, jobId: string): Promise<{ rejected: number; rejectedByReason: Record<string, number> }> {
  const reasons = rowsOf<{ reason: string; n: number }>(
    await db.execute(sql`SELECT reason, count(*)::int AS n FROM import_row WHERE job_id = ${jobId} AND reason IS NOT NULL GROUP BY reason`),
  );
  return { rejected: reasons.reduce((sum, r) => sum + Number(r.n), 0), rejectedByReason: Object.fromEntries(reasons.map((r) => [r.reason, Number(r.n)])) };
}

/** Distinct keys of the valid staged rows, and how many of them the registry already holds (dry runs). */
export async function countKeys(db: DbOrTx, jobId: string): Promise<{ uniqueKeys: number; existing: number }> {
  const [row] = rowsOf<{ unique_keys: number; existing: number }>(
    await db.execute(sql`
      WITH keys AS (SELECT DISTINCT key FROM import_row WHERE job_id = ${jobId} AND reason IS NULL)
      SELECT (SELECT count(*)::int FROM keys) AS unique_keys, (SELECT count(*)::int FROM keys JOIN person p ON p.key = keys.key) AS existing`),
  );
  return { uniqueKeys: Number(row?.unique_keys ?? 0), existing: Number(row?.existing ?? 0) };
}

/**
 * Rows per merge transaction on PGlite, where a transaction holds the only connection and
 * every web request waits for it; PostgreSQL merges in one transaction.
 */
const PGLITE_ROWS_PER_CHUNK = 60_000;

export function mergeChunks(kind: DatabaseKind, validRows: number): number {
  return kind === 'postgres' ? 1 : Math.max(1, Math.ceil(validRows / PGLITE_ROWS_PER_CHUNK));
}

export type ChunkCounts = { uniqueKeys: number; existing: number };

/**
 * Merges one slice of the staged rows into the national registry and the programme's
 * enrolments. Rows with the same key merge, the later row's non-empty values winning;
 * existing people and businesses are updated, never duplicated; empty cells never erase
 * what the registry already knows. Idempotent: running a chunk twice changes nothing more.
 */
export async function mergeChunk<T = void>(
  database: Database,
  options: {
    jobId: string;
    programmeId: string;
    chunk: number;
    chunks: number;
    source?: 'import' | 'manual' | 'referral' | 'self';
    /** Called inside the merge transaction with the chunk's counts, taken before the merge. */
    record?: (tx: Tx, counts: ChunkCounts) => Promise<T>;
  },
): Promise<T> {
  const { jobId, programmeId, chunk, chunks } = options;
  const source = options.source ?? 'import';
  return database.db.transaction(async (tx) => {
    const last = (column: string) => sql.raw(`(array_agg(s.${column} ORDER BY s.line DESC) FILTER (WHERE s.${column} IS NOT NULL))[1]`);
    // Enough memory for the hash joins and aggregates below to stay hashed at 370,000 rows
    // (PGlite merges in smaller chunks and keeps its default, to keep its memory small).
    if (database.kind === 'postgres') await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
    // A slice is materialised and analysed first: planning the merge on guessed row counts can
    // turn a hash join into a nested loop over 370,000 × 370,000 rows. A job merged in one piece
    // reads its rows in place (import_row is analysed after staging).
    if (chunks > 1) {
      await tx.execute(sql`
        CREATE TEMP TABLE import_slice ON COMMIT DROP AS
        SELECT * FROM import_row WHERE job_id = ${jobId} AND reason IS NULL AND mod(abs(hashtext(key)), ${chunks}) = ${chunk}`);
      await tx.execute(sql`ANALYZE import_slice`);
    }
    const slice = chunks > 1 ? sql`import_slice` : sql`(SELECT * FROM import_row WHERE job_id = ${jobId} AND reason IS NULL)`;
    await tx.execute(sql`
      CREATE TEMP TABLE import_merge ON COMMIT DROP AS
      WITH counted AS (SELECT key, count(*) AS n FROM ${slice} slice GROUP BY key)
      SELECT s.line, s.key, s.business_name, s.owner_name, s.nik_cipher, s.nik_hash, s.nik_birth_yy, s.nib, s.phone_cipher, s.phone_hash,
             s.email, s.gender, s.sector, s.address,
             s.regency_code, s.province_code, s.active, s.willing
      FROM ${slice} s JOIN counted c ON c.key = s.key WHERE c.n = 1
      UNION ALL
      SELECT max(s.line), s.key, ${last('business_name')}, ${last('owner_name')}, ${last('nik_cipher')}, ${last('nik_hash')}, ${last('nik_birth_yy')},
             ${last('nib')}, ${last('phone_cipher')}, ${last('phone_hash')}, ${last('email')},
             ${last('gender')}, ${last('sector')}, ${last('address')}, ${last('regency_code')}, ${last('province_code')},
             ${last('active')}, ${last('willing')}
      FROM ${slice} s JOIN counted c ON c.key = s.key WHERE c.n > 1 GROUP BY s.key`);
    await tx.execute(sql`ANALYZE import_merge`);
    const [counts] = rowsOf<{ unique_keys: number; existing: number }>(
      await tx.execute(sql`
        SELECT count(*)::int AS unique_keys, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM person p WHERE p.key = m.key))::int AS existing
        FROM import_merge m`),
    );
    const recorded = options.record
      ? await options.record(tx, { uniqueKeys: Number(counts?.unique_keys ?? 0), existing: Number(counts?.existing ?? 0) })
      : (undefined as T);

    await tx.execute(sql`
      UPDATE person p SET name = m.owner_name, nik_cipher = coalesce(m.nik_cipher, p.nik_cipher), nik_hash = coalesce(m.nik_hash, p.nik_hash),
        nik_birth_yy = coalesce(m.nik_birth_yy, p.nik_birth_yy), phone_cipher = CASE WHEN m.phone_hash IS DISTINCT FROM p.phone_hash THEN coalesce(m.phone_cipher, p.phone_cipher) ELSE p.phone_cipher END,
        phone_hash = coalesce(m.phone_hash, p.phone_hash), email = coalesce(m.email, p.email), gender = coalesce(m.gender::gender, p.gender), updated_at = now()
      FROM import_merge m
      WHERE p.key = m.key
        AND (p.name, p.nik_hash, p.phone_hash, p.email, p.gender) IS DISTINCT FROM
            (m.owner_name, coalesce(m.nik_hash, p.nik_hash), coalesce(m.phone_hash, p.phone_hash), coalesce(m.email, p.email), coalesce(m.gender::gender, p.gender))`);
    await tx.execute(sql`
      INSERT INTO person (key, name, nik_cipher, nik_hash, nik_birth_yy, phone_cipher, phone_hash, email, gender)
      SELECT m.key, m.owner_name, m.nik_cipher, m.nik_hash, m.nik_birth_yy, m.phone_cipher, m.phone_hash, m.email, m.gender::gender FROM import_merge m
      WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.key = m.key)`);

    await tx.execute(sql`
      UPDATE msme s SET business_name = m.business_name, nib = coalesce(m.nib, s.nib), sector = coalesce(m.sector, s.sector),
        address = coalesce(m.address, s.address), regency_code = m.regency_code, province_code = m.province_code, updated_at = now()
      FROM import_merge m
      WHERE s.key = m.key
        AND (s.business_name, s.nib, s.sector, s.address, s.regency_code) IS DISTINCT FROM
            (m.business_name, coalesce(m.nib, s.nib), coalesce(m.sector, s.sector), coalesce(m.address, s.address), m.regency_code)`);
    await tx.execute(sql`
      INSERT INTO msme (key, owner_person_id, business_name, nib, sector, address, regency_code, province_code)
      SELECT m.key, p.id, m.business_name, m.nib, coalesce(m.sector, 'lainnya'), m.address, m.regency_code, m.province_code
      FROM import_merge m JOIN person p ON p.key = m.key
      WHERE NOT EXISTS (SELECT 1 FROM msme s WHERE s.key = m.key)`);

    await tx.execute(sql`
      UPDATE enrolment e SET active = coalesce(m.active, e.active), willing = coalesce(m.willing, e.willing),
        msme_id = coalesce(e.msme_id, s.id), updated_at = now()
      FROM import_merge m JOIN person p ON p.key = m.key JOIN msme s ON s.key = m.key
      WHERE e.programme_id = ${programmeId} AND e.person_id = p.id
        AND (e.active, e.willing, e.msme_id) IS DISTINCT FROM (coalesce(m.active, e.active), coalesce(m.willing, e.willing), coalesce(e.msme_id, s.id))`);
    await tx.execute(sql`
      INSERT INTO enrolment (programme_id, person_id, msme_id, source, active, willing, import_job_id)
      SELECT ${programmeId}::uuid, p.id, s.id, ${source}::enrolment_source, m.active, m.willing, ${source === 'import' ? jobId : null}::uuid
      FROM import_merge m JOIN person p ON p.key = m.key JOIN msme s ON s.key = m.key
      WHERE NOT EXISTS (SELECT 1 FROM enrolment e WHERE e.programme_id = ${programmeId} AND e.person_id = p.id)
      ORDER BY m.line -- enrolment.seq in file order: the list shows the last rows first`);
    return recorded;
  });
}

/** After a successful merge only the rejected rows are kept (for the error report). */
export async function dropValidStagedRows(db: DbOrTx, jobId: string): Promise<void> {
  await db.execute(sql`DELETE FROM import_row WHERE job_id = ${jobId} AND reason IS NULL`);
}
