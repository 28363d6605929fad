/**
 * `npm run bench:import` — imports a 370,000-row messy roster end to end (parse, validate,
 * stage, deduplicate, merge into the registry) and, in the same run and on the same database,
 * a raw COPY of the same number of clean rows into a table of the same shape: the physical
 * limit. Prints one JSON line per database; the last line is
 * `{"rows","importSeconds","copySeconds","ratio","peakRssMb"}` (plus `db`).
 *
 *   node bench/import.ts [--db pglite|postgres|both] [--rows N]
 * PostgreSQL: BENCH_DATABASE_URL (or TEST_DATABASE_URL) names a server where a scratch database is created.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { writeMessyRoster, ROSTER_HEADERS } from './generate-roster.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
};
const rows = Number(arg('rows', '370000'));
const which = arg('db', 'both');

/** Clean rows of the roster's shape, for the COPY baseline. */
function cleanCsv(count: number): string[] {
  const chunks: string[] = [];
  let chunk = '';
  for (let i = 0; i < count; i++) {
    const n = String(i).padStart(9, '0');
    chunk += `Usaha ${i},Pemilik ${i},31740112039${String(i % 100000).padStart(5, '0')},+628${n},umkm${i}@contoh.id,female,kuliner,Jl. Pasar ${i},31.74,31,t,t,\n`;
    if ((i + 1) % 50_000 === 0) {
      chunks.push(chunk);
      chunk = '';
    }
  }
  if (chunk) chunks.push(chunk);
  return chunks;
}

async function copyBaseline(database: Database): Promise<number> {
  const columns = ROSTER_HEADERS.map((_, i) => `c${i}`);
  await database.query('DROP TABLE IF EXISTS bench_roster');
  await database.query(`CREATE TABLE bench_roster (${columns.map((c) => `${c} text`).join(', ')})`);
  const data = cleanCsv(rows);
  const started = performance.now();
  for (const chunk of data) await database.copyCsv('bench_roster', columns, chunk);
  const seconds = (performance.now() - started) / 1000;
  await database.query('DROP TABLE bench_roster');
  return seconds;
}

/** Runs the import in a child process, as `berdaya import` would, and reads its timing and peak memory. */
function timedImport(env: Record<string, string>, file: string): Promise<{ importSeconds: number; peakRssMb: number; summary: unknown }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/import-child.ts'), file], {
      cwd: root,
      env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`import child exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}'));
    });
  });
}

async function benchPglite(file: string) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'berdaya-bench-'));
  try {
    const database = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
    await migrateDatabase(database);
    const copySeconds = await copyBaseline(database);
    await database.close();
    const result = await timedImport({ BERDAYA_DATA_DIR: dataDir, DATABASE_URL: '' }, file);
    return { db: 'pglite', copySeconds, ...result };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchPostgres(file: string) {
  const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!server) throw new Error('Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server');
  const name = `berdaya_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'berdaya-bench-'));
  try {
    const database = await openDatabase({ databaseUrl: url.toString() });
    await migrateDatabase(database);
    const copySeconds = await copyBaseline(database);
    await database.close();
    const result = await timedImport({ DATABASE_URL: url.toString(), BERDAYA_DATA_DIR: dataDir }, file);
    return { db: 'postgres', copySeconds, ...result };
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const outDir = path.join(root, 'bench/out');
mkdirSync(outDir, { recursive: true });
const file = path.join(outDir, `roster-${rows}.csv`);
if (!existsSync(file)) {
  const stats = await writeMessyRoster(file, { rows, seed: 370 });
  console.error(`generated ${file}: ${JSON.stringify(stats)}`);
}

const runs = which === 'both' ? ['pglite', 'postgres'] : [which];
for (const db of runs) {
  const r = db === 'pglite' ? await benchPglite(file) : await benchPostgres(file);
  const line = {
    db: r.db,
    rows,
    importSeconds: Number(r.importSeconds.toFixed(2)),
    copySeconds: Number(r.copySeconds.toFixed(2)),
    ratio: Number((r.importSeconds / r.copySeconds).toFixed(2)),
    peakRssMb: r.peakRssMb,
  };
  console.error(`${db}: ${JSON.stringify(r.summary)}`);
  console.log(JSON.stringify(line));
}
