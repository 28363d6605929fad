import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Database, Tx } from './client.ts';

/**
 * A portable backup: the same file for PGlite and PostgreSQL, restorable into either. A gzipped
 * stream of JSON lines: a header object (format, source, the applied migrations, sequence values,
 * the tables in dependency order), then per table a `["table", name]` line, its rows as
 * `row_to_json` objects, and `["end", {rows, sha256}]` (the SHA-256 of the row lines); last
 * `["endOfBackup", {tables, rows}]`. Markers are arrays, rows are objects: they cannot be confused. Rows are read through a cursor in one read-only,
 * repeatable-read transaction (a consistent snapshot, also while a PostgreSQL server runs), and
 * restored with `json_populate_recordset` in one transaction (all or nothing), with user triggers
 * off (what they derive is in the backup already).
 *
 * It holds no keys: BERDAYA_SECRET (or data/secret.key) is kept apart from backups.
 */
export const BACKUP_FORMAT = 'berdaya-backup';
export const BACKUP_VERSION = 1;
const BATCH_ROWS = 2_000;

export type BackupHeader = {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  source: Database['kind'];
  /** Hashes of the applied schema migrations, in order. */
  migrations: string[];
  sequences: { name: string; value: number | null }[];
  /** Every table of the public schema, parents before children. */
  tables: { name: string; selfReferencing: boolean }[];
};
type TableEnd = { table: string; rows: number; sha256: string };
export type BackupSummary = { tables: number; rows: number; perTable: Record<string, number> };

export class BackupError extends Error {}

type Queryable = { execute(query: ReturnType<typeof sql.raw>): Promise<unknown> };
async function rows<T>(tx: Queryable, text: string): Promise<T[]> {
  const result = (await tx.execute(sql.raw(text))) as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}
const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The public tables in an order where every table comes after the tables it references. */
export async function tablesInDependencyOrder(tx: Queryable): Promise<{ name: string; selfReferencing: boolean }[]> {
  const tables = (await rows<{ name: string }>(tx, "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).map((r) => r.name);
  const edges = await rows<{ child: string; parent: string }>(
    tx,
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE k.contype = 'f' AND n.nspname = 'public'`,
  );
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: string) => {
    if (state.get(table) === 'done') return;
    if (state.get(table) === 'visiting') throw new BackupError(`foreign keys form a cycle through ${table}`);
    state.set(table, 'visiting');
    for (const e of edges) if (e.child === table && e.parent !== table) visit(e.parent);
    state.set(table, 'done');
    ordered.push(table);
  };
  for (const table of tables) visit(table);
  return ordered.map((name) => ({ name, selfReferencing: edges.some((e) => e.child === name && e.parent === name) }));
}

async function migrationHashes(tx: Queryable): Promise<string[]> {
  const exists = await rows<{ present: boolean }>(tx, "SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present");
  if (!exists[0]?.present) return [];
  return (await rows<{ hash: string }>(tx, 'SELECT hash FROM drizzle.__drizzle_migrations ORDER BY id')).map((r) => r.hash);
}

/** Writes a backup of the whole database to `file`. */
export async function backupDatabase(database: Database, file: string): Promise<BackupSummary> {
  const gzip = createGzip({ level: 6 });
  const out = createWriteStream(file, { mode: 0o600 });
  gzip.pipe(out);
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
  };
  const summary: BackupSummary = { tables: 0, rows: 0, perTable: {} };
  await database.db.transaction(
    async (tx) => {
      await tx.execute(sql.raw("SET LOCAL TimeZone = 'UTC'"));
      const tables = await tablesInDependencyOrder(tx);
      const sequences = await rows<{ name: string; value: string | null }>(tx, "SELECT sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1");
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: new Date().toISOString(),
        source: database.kind,
        migrations: await migrationHashes(tx),
        sequences: sequences.map((s) => ({ name: s.name, value: s.value === null ? null : Number(s.value) })),
        tables,
      };
      await write(JSON.stringify(header));
      for (const { name } of tables) {
        await write(JSON.stringify(['table', name]));
        const hash = createHash('sha256');
        let count = 0;
        await tx.execute(sql.raw(`DECLARE berdaya_backup NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${ident(name)} t`));
        for (;;) {
          const batch = await rows<{ j: string }>(tx, `FETCH ${BATCH_ROWS} FROM berdaya_backup`);
          if (batch.length === 0) break;
          for (const { j } of batch) {
            hash.update(j).update('\n');
            await write(j);
          }
          count += batch.length;
        }
        await tx.execute(sql.raw('CLOSE berdaya_backup'));
        const end: TableEnd = { table: name, rows: count, sha256: hash.digest('hex') };
        await write(JSON.stringify(['end', end]));
        summary.tables += 1;
        summary.rows += count;
        summary.perTable[name] = count;
      }
      await write(JSON.stringify(['endOfBackup', { tables: summary.tables, rows: summary.rows }]));
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  gzip.end();
  await once(out, 'close');
  return summary;
}

/** The lines of a gzipped file, one at a time (a row never spans lines: JSON escapes newlines). */
async function* lines(file: string): AsyncGenerator<string> {
  const input = createReadStream(file).pipe(createGunzip());
  let rest = '';
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      rest += chunk.toString('utf8');
      let at: number;
      while ((at = rest.indexOf('\n')) >= 0) {
        yield rest.slice(0, at);
        rest = rest.slice(at + 1);
      }
    }
  } catch {
    throw new BackupError('damaged');
  }
  if (rest) yield rest;
}

function marker(line: string): [string, unknown] | null {
  try {
    const value = JSON.parse(line) as unknown;
    return Array.isArray(value) && typeof value[0] === 'string' ? (value as [string, unknown]) : null;
  } catch {
    throw new BackupError('damaged');
  }
}

/** Reads only the header of a backup file. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  for await (const line of lines(file)) return parseHeader(line);
  throw new BackupError('not a backup');
}

function parseHeader(line: string): BackupHeader {
  let header: BackupHeader;
  try {
    header = JSON.parse(line) as BackupHeader;
  } catch {
    throw new BackupError('not a backup');
  }
  if (header.format !== BACKUP_FORMAT) throw new BackupError('not a backup');
  if (header.version !== BACKUP_VERSION) throw new BackupError(`unsupported version ${header.version}`);
  return header;
}

/**
 * Every piece of user data hangs from an organisation, an account, a programme or a person;
 * reference data that `berdaya migrate` loads (regions, standard indicators) does not count.
 */
const USER_DATA_ROOTS = ['organisation', 'app_user', 'programme', 'person'];

/** The user-data root tables that hold rows: a database with any is not empty. */
export async function nonEmptyTables(database: Database): Promise<string[]> {
  const filled: string[] = [];
  for (const name of USER_DATA_ROOTS) {
    const [row] = await database.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${ident(name)}) AS any`);
    if (row?.any) filled.push(name);
  }
  return filled;
}

export type RestoreCheck = { header: BackupHeader; targetMigrations: string[] };

/**
 * Replaces the content of a migrated database with a backup, in one transaction: every table is
 * emptied, the rows loaded parents first, each table's count and digest checked against the file,
 * the sequences set. Refuses a backup whose migrations differ from the database's.
 */
export async function restoreDatabase(database: Database, file: string): Promise<BackupSummary> {
  const header = await readBackupHeader(file);
  const targetMigrations = await migrationHashes(database.db);
  if (header.migrations.join() !== targetMigrations.join()) {
    const same = header.migrations.length === targetMigrations.length ? ' (with other content)' : '';
    throw new BackupError(`schema differs: the backup has ${header.migrations.length} migrations, this version of Berdaya ${targetMigrations.length}${same}`);
  }
  const summary: BackupSummary = { tables: 0, rows: 0, perTable: {} };
  await database.db.transaction(async (tx: Tx) => {
    await tx.execute(sql.raw("SET LOCAL TimeZone = 'UTC'"));
    const current = await tablesInDependencyOrder(tx);
    const known = new Set(header.tables.map((t) => t.name));
    const missing = current.filter((t) => !known.has(t.name)).map((t) => t.name);
    if (missing.length || current.length !== header.tables.length) throw new BackupError(`tables differ: ${missing.join(', ') || 'extra tables in the backup'}`);
    // The backup already holds what triggers derive (fact queues, jobs): they must not fire again.
    // Foreign keys stay checked (they are system triggers, not user ones).
    for (const t of current) await tx.execute(sql.raw(`ALTER TABLE ${ident(t.name)} DISABLE TRIGGER USER`));
    await tx.execute(sql.raw(`TRUNCATE ${current.map((t) => ident(t.name)).join(', ')} CASCADE`));

    const iterator = lines(file)[Symbol.asyncIterator]();
    const nextLine = async () => {
      const result = await iterator.next();
      if (result.done) throw new BackupError('truncated');
      return result.value;
    };
    parseHeader(await nextLine());
    for (const table of header.tables) {
      const start = marker(await nextLine());
      if (start?.[0] !== 'table' || start[1] !== table.name) throw new BackupError(`expected table ${table.name}`);
      const hash = createHash('sha256');
      let count = 0;
      let batch: string[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const json = `[${batch.join(',')}]`;
        await tx.execute(sql`INSERT INTO ${sql.identifier(table.name)} OVERRIDING SYSTEM VALUE SELECT * FROM json_populate_recordset(NULL::${sql.identifier(table.name)}, ${json}::json)`);
        batch = [];
      };
      for (;;) {
        const line = await nextLine();
        if (line.startsWith('[')) {
          const end = marker(line);
          const info = end?.[1] as TableEnd | undefined;
          await flush();
          if (end?.[0] !== 'end' || info?.table !== table.name || info.rows !== count || info.sha256 !== hash.digest('hex')) throw new BackupError(`table ${table.name} does not match its checksum`);
          break;
        }
        hash.update(line).update('\n');
        batch.push(line);
        count += 1;
        // A table that references itself is loaded in one statement, so that a row may come before its parent.
        if (!table.selfReferencing && batch.length >= BATCH_ROWS) await flush();
      }
      summary.tables += 1;
      summary.rows += count;
      summary.perTable[table.name] = count;
    }
    const last = marker(await nextLine());
    if (last?.[0] !== 'endOfBackup' || (last[1] as { rows?: number }).rows !== summary.rows) throw new BackupError('truncated');
    for (const t of current) await tx.execute(sql.raw(`ALTER TABLE ${ident(t.name)} ENABLE TRIGGER USER`));
    for (const sequence of header.sequences) {
      const value = sequence.value;
      await tx.execute(sql`SELECT setval(${`public.${ident(sequence.name)}`}::regclass, ${value ?? 1}, ${value !== null})`);
    }
  });
  return summary;
}
