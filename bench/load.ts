/**
 * `npm run bench:load` — the server under 200 concurrent connections on loopback (autocannon),
 * against PostgreSQL: the trainers' offline sync (`POST /api/sync/attendance`, small batches of
 * new check-ins) and the programme dashboard (`GET /api/programs/:id/dashboard` as an oversight
 * viewer), each for `--duration` seconds, next to a trivial Fastify route served the same way in
 * the same run (the ceiling of HTTP on this machine). Berdaya runs as `berdaya serve`, a process of
 * its own, as in production. Prints throughput, p99 latency and errors per endpoint and the ratio
 * to the trivial route; the last line is JSON. Goal: no errors, p99 ≤ 100 ms, ≥ 25 % of the trivial
 * route's throughput (the verdict is printed, the exit code does not depend on it).
 *
 *   node --import tsx bench/load.ts [--duration 60] [--connections 200] [--batch 5]
 * PostgreSQL: BENCH_DATABASE_URL (or TEST_DATABASE_URL) names a server where a scratch database is created.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { loadDemo } from '../src/modules/demo/load-demo.ts';
import { hashPassword } from '../src/modules/auth/password.ts';
import { freePort } from '../test/support/server-process.ts';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
};
const duration = Number(arg('duration', '60'));
const connections = Number(arg('connections', '200'));
const batch = Number(arg('batch', '5'));
const SESSIONS = 40;
const PEOPLE = 5_000;
const PASSWORD = 'bench-password-123';
const GOAL = { p99Ms: 100, share: 0.25 };

/** The demo programmes (for a dashboard with data), and a programme with sessions, a trainer and enrolled people for check-ins. */
async function seed(database: Database) {
  await loadDemo(database.db);
  const [prog] = await database.query<{ id: string }>(`SELECT id FROM programme WHERE code = 'JAKPRENEUR-2024'`);
  const programmeId = prog?.id as string;
  const [st] = await database.query<{ id: string }>(`INSERT INTO site (programme_id, name, type, region_code) VALUES ($1, 'Bench', 'kabupaten_kota', '31.74') RETURNING id`, [programmeId]);
  const [mod] = await database.query<{ id: string }>(
    `INSERT INTO curriculum_module (programme_id, code, title_id, title_en, topic, duration_minutes) VALUES ($1, 'BENCH-1', 'Modul', 'Module', 'literasi_digital', 90) RETURNING id`,
    [programmeId],
  );
  const hash = await hashPassword(PASSWORD);
  const [trainer] = await database.query<{ id: string }>(`INSERT INTO app_user (email, name, role, password_hash) VALUES ('trainer@bench.local', 'Pelatih', 'trainer', $1) RETURNING id`, [hash]);
  await database.query(`INSERT INTO app_user (email, name, role, password_hash) VALUES ('viewer@bench.local', 'Pengawas', 'viewer', $1)`, [hash]);
  await database.query(`INSERT INTO user_programme (user_id, programme_id) VALUES ($1, $2)`, [trainer?.id, programmeId]);
  const sessionIds: string[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    const start = new Date(Date.UTC(2030, 0, 1 + i, 1));
    const [s] = await database.query<{ id: string }>(
      `INSERT INTO training_session (programme_id, site_id, title, modality, starts_at, ends_at, capacity) VALUES ($1, $2, $3, 'in_person', $4, $5, 100000) RETURNING id`,
      [programmeId, st?.id, `Sesi ${i + 1}`, start.toISOString(), new Date(start.getTime() + 3 * 3600_000).toISOString()],
    );
    sessionIds.push(s?.id as string);
    await database.query(`INSERT INTO session_module (session_id, module_id) VALUES ($1, $2)`, [s?.id, mod?.id]);
    await database.query(`INSERT INTO session_trainer (session_id, user_id, programme_id) VALUES ($1, $2, $3)`, [s?.id, trainer?.id, programmeId]);
  }
  const personIds = Array.from({ length: PEOPLE }, () => randomUUID());
  await database.query(
    `INSERT INTO person (id, key, name) SELECT id, 'bench:' || n, 'Peserta ' || n FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [personIds],
  );
  await database.query(`INSERT INTO enrolment (programme_id, person_id, source, active, willing) SELECT $1, id, 'import', true, true FROM unnest($2::uuid[]) AS t(id)`, [programmeId, personIds]);
  return { programmeId, sessionIds, personIds };
}

async function waitFor(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`process exited: ${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`no answer from ${url}: ${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function startProcess(argv: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, argv, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return { child, output: () => stderr };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

async function signIn(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

type Measured = { name: string; requests: number; throughput: number; p50: number; p99: number; errors: number; non2xx: number };

async function measure(name: string, options: autocannon.Options): Promise<Measured> {
  const result = await autocannon({ connections, duration, ...options });
  return {
    name,
    requests: result.requests.total,
    throughput: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!server) throw new Error('Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server');
const name = `berdaya_bench_load_${process.pid}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${name}`);
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(server);
url.pathname = `/${name}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'berdaya-bench-load-'));
const processes: ChildProcess[] = [];
try {
  const database = await openDatabase({ databaseUrl: url.toString() });
  let seeded: Awaited<ReturnType<typeof seed>>;
  try {
    await migrateDatabase(database);
    seeded = await seed(database);
  } finally {
    await database.close();
  }

  const trivialPort = await freePort();
  const trivial = startProcess(['--import', 'tsx', path.join(ROOT, 'bench/trivial-server.ts'), String(trivialPort)], {});
  processes.push(trivial.child);
  const berdayaPort = await freePort();
  const berdaya = startProcess([path.join(ROOT, 'bin/berdaya.mjs'), 'serve', '--port', String(berdayaPort), '--host', '127.0.0.1'], {
    DATABASE_URL: url.toString(),
    BERDAYA_DATA_DIR: dataDir,
    BERDAYA_SECRET: 'bench-secret-bench-secret-bench-secret',
    LOG_LEVEL: 'warn',
  });
  processes.push(berdaya.child);
  const base = `http://127.0.0.1:${berdayaPort}`;
  await waitFor(`http://127.0.0.1:${trivialPort}/ping`, trivial.child, trivial.output);
  await waitFor(`${base}/api/health`, berdaya.child, berdaya.output);
  const trainerCookie = await signIn(base, 'trainer@bench.local');
  const viewerCookie = await signIn(base, 'viewer@bench.local');

  // Check-ins: every request carries `batch` new records (person × session pairs in turn); past the pool's end they come back as duplicates.
  let pair = 0;
  const nextRecords = () =>
    Array.from({ length: batch }, () => {
      const n = pair++;
      const sessionId = seeded.sessionIds[n % SESSIONS] as string;
      const personId = seeded.personIds[Math.floor(n / SESSIONS) % PEOPLE] as string;
      return { clientId: randomUUID(), sessionId, personId, method: 'qr', capturedAt: new Date().toISOString() };
    });
  const dashboardPath = `/api/programs/${seeded.programmeId}/dashboard`;
  const warm = await fetch(`${base}${dashboardPath}`, { headers: { cookie: viewerCookie } });
  if (warm.status !== 200) throw new Error(`dashboard answered ${warm.status}: ${await warm.text()}`);

  console.error(`bench:load — ${connections} connections, ${duration} s per endpoint, PostgreSQL, ${os.cpus().length} CPU(s)`);
  const trivialResult = await measure('trivial Fastify route  GET /ping', { url: `http://127.0.0.1:${trivialPort}/ping` });
  const syncResult = await measure(`check-in sync  POST /api/sync/attendance (${batch} records)`, {
    url: base,
    requests: [
      {
        method: 'POST',
        path: '/api/sync/attendance',
        headers: { cookie: trainerCookie, 'x-berdaya-csrf': '1', 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ records: nextRecords() }) }),
      },
    ],
  });
  const dashboardResult = await measure('dashboard  GET /api/programs/:id/dashboard', { url: `${base}${dashboardPath}`, headers: { cookie: viewerCookie } });

  const [stored] = await (async () => {
    const check = await openDatabase({ databaseUrl: url.toString() });
    try {
      return await check.query<{ n: number }>('SELECT count(*)::int AS n FROM attendance');
    } finally {
      await check.close();
    }
  })();

  const rows = [trivialResult, syncResult, dashboardResult].map((r) => ({
    ...r,
    share: r.throughput / trivialResult.throughput,
    meetsGoal: r === trivialResult ? null : r.errors === 0 && r.non2xx === 0 && r.p99 <= GOAL.p99Ms && r.throughput / trivialResult.throughput >= GOAL.share,
  }));
  for (const r of rows) {
    const verdict = r.meetsGoal === null ? 'baseline' : r.meetsGoal ? 'goal met' : 'GOAL MISSED';
    console.error(
      `${r.name.padEnd(58)} ${Math.round(r.throughput).toString().padStart(7)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  errors ${r.errors}  non-2xx ${r.non2xx}  ${(r.share * 100).toFixed(1).padStart(5)} % of trivial  ${verdict}`,
    );
  }
  console.error(`attendance rows stored: ${stored?.n} (of ${pair} records sent)`);
  console.log(
    JSON.stringify({
      db: 'postgres',
      connections,
      durationSeconds: duration,
      batch,
      attendanceStored: stored?.n,
      results: rows.map((r) => ({ name: r.name, requestsPerSecond: Math.round(r.throughput), p50Ms: r.p50, p99Ms: r.p99, errors: r.errors, non2xx: r.non2xx, ratio: Number(r.share.toFixed(3)), meetsGoal: r.meetsGoal })),
    }),
  );
} finally {
  for (const child of processes) await stop(child);
  rmSync(dataDir, { recursive: true, force: true });
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
