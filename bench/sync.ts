/**
 * `npm run bench:sync` — replays an offline trainer backlog through `POST /api/sync/attendance`
 * (the real server, in process): 10,000 attendance records of which 20 % are duplicates (the same
 * record sent again, as a phone that lost the answer does), shuffled, in batches as the trainer
 * app sends them. In the same run and database it bulk-INSERTs the same rows into a plain table of
 * the same shape (no indexes, no checks): the physical floor. Prints records/second of both; the
 * last line is JSON `{"db","records","unique","duplicates","batch","syncSeconds","recordsPerSecond",
 * "insertSeconds","insertRecordsPerSecond","ratio"}` where ratio = syncSeconds / insertSeconds.
 *
 *   node --import tsx bench/sync.ts [--records N] [--batch N] [--sessions N]
 * PostgreSQL: BENCH_DATABASE_URL (or TEST_DATABASE_URL) names a server where a scratch database is created.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { hashPassword } from '../src/modules/auth/password.ts';
import { buildApp } from '../src/server/app.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
};
const total = Number(arg('records', '10000'));
const batchSize = Number(arg('batch', '500'));
const sessionCount = Number(arg('sessions', '20'));
const duplicateShare = 0.2;
const unique = Math.round(total * (1 - duplicateShare));

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Row = { clientId: string; sessionId: string; personId: string; method: string; capturedAt: string };

/** A programme, its sessions (one trainer), and enough enrolled people for one record each. */
async function seed(database: Database) {
  const [org] = await database.query<{ id: string }>(`INSERT INTO organisation (name, kind) VALUES ('Bench Org', 'ngo') RETURNING id`);
  const [prog] = await database.query<{ id: string }>(`INSERT INTO programme (code, name, owner_organisation_id, status) VALUES ('BENCH-SYNC', 'Bench', $1, 'active') RETURNING id`, [org?.id]);
  const programmeId = prog?.id as string;
  const [st] = await database.query<{ id: string }>(`INSERT INTO site (programme_id, name, type, region_code) VALUES ($1, 'Labuan Bajo', 'destinasi_wisata', '53.15') RETURNING id`, [programmeId]);
  const [mod] = await database.query<{ id: string }>(
    `INSERT INTO curriculum_module (programme_id, code, title_id, title_en, topic, duration_minutes) VALUES ($1, 'B1', 'Modul', 'Module', 'literasi_digital', 90) RETURNING id`,
    [programmeId],
  );
  const password = 'bench-password-123';
  const [trainer] = await database.query<{ id: string }>(`INSERT INTO app_user (email, name, role, password_hash) VALUES ('trainer@bench.local', 'Pelatih', 'trainer', $1) RETURNING id`, [
    await hashPassword(password),
  ]);
  await database.query(`INSERT INTO user_programme (user_id, programme_id) VALUES ($1, $2)`, [trainer?.id, programmeId]);
  const sessionIds: string[] = [];
  for (let i = 0; i < sessionCount + 1; i++) {
    const start = new Date(Date.UTC(2030, 0, 1 + i, 1));
    const [s] = await database.query<{ id: string }>(
      `INSERT INTO training_session (programme_id, site_id, title, modality, starts_at, ends_at, capacity) VALUES ($1, $2, $3, 'in_person', $4, $5, 100000) RETURNING id`,
      [programmeId, st?.id, `Sesi ${i + 1}`, start.toISOString(), new Date(start.getTime() + 3 * 3600_000).toISOString()],
    );
    sessionIds.push(s?.id as string);
    await database.query(`INSERT INTO session_module (session_id, module_id) VALUES ($1, $2)`, [s?.id, mod?.id]);
    await database.query(`INSERT INTO session_trainer (session_id, user_id, programme_id) VALUES ($1, $2, $3)`, [s?.id, trainer?.id, programmeId]);
  }
  const people = Math.ceil(unique / sessionCount) + 50;
  const personIds = Array.from({ length: people }, () => randomUUID());
  await database.query(
    `INSERT INTO person (id, key, name) SELECT id, 'bench-sync:' || n, 'Peserta ' || n FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [personIds],
  );
  await database.query(`INSERT INTO enrolment (programme_id, person_id, source, active, willing) SELECT $1, id, 'import', true, true FROM unnest($2::uuid[]) AS t(id)`, [programmeId, personIds]);
  return { programmeId, sessionIds, personIds, password, warmUpSession: sessionIds.pop() as string };
}

/** 80 % distinct records (person × session), 20 % resends of them, shuffled. */
function backlog(sessionIds: string[], personIds: string[]): Row[] {
  const random = prng(2024);
  const rows: Row[] = [];
  for (let i = 0; i < unique; i++) {
    rows.push({
      clientId: randomUUID(),
      sessionId: sessionIds[i % sessionIds.length] as string,
      personId: personIds[Math.floor(i / sessionIds.length)] as string,
      method: random() < 0.7 ? 'qr' : 'offline',
      capturedAt: new Date(Date.UTC(2030, 0, 1, 1, 0, 0) + i * 1000).toISOString(),
    });
  }
  for (let i = unique; i < total; i++) rows.push({ ...(rows[Math.floor(random() * unique)] as Row) });
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j] as Row, rows[i] as Row];
  }
  return rows;
}

async function run(database: Database) {
  const seeded = await seed(database);
  const rows = backlog(seeded.sessionIds, seeded.personIds);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'berdaya-bench-sync-'));
  const app = await buildApp(
    { database, db: database.db, config: loadConfig({ BERDAYA_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), secret: 'bench-secret-bench-secret-bench-secret' },
    { logger: false, jobs: false, serveWeb: false },
  );
  try {
    await app.ready();
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'trainer@bench.local', password: seeded.password } });
    if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode}`);
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    // As the web app sends it: the session cookie and the anti-CSRF header.
    const sync = (records: Row[]) => app.inject({ method: 'POST', url: '/api/sync/attendance', headers: { cookie, 'x-berdaya-csrf': '1' }, payload: { records } });
    // Warm up the server's code paths on a session the measurement does not use.
    await sync(seeded.personIds.slice(0, 50).map((personId) => ({ clientId: randomUUID(), sessionId: seeded.warmUpSession, personId, method: 'manual', capturedAt: new Date().toISOString() })));

    let accepted = 0;
    let duplicates = 0;
    let rejected = 0;
    const started = performance.now();
    for (let i = 0; i < rows.length; i += batchSize) {
      const res = await sync(rows.slice(i, i + batchSize));
      if (res.statusCode !== 200) throw new Error(`sync failed: ${res.statusCode} ${res.body}`);
      const body = res.json() as { accepted: number; duplicates: number; rejected: unknown[] };
      accepted += body.accepted;
      duplicates += body.duplicates;
      rejected += body.rejected.length;
    }
    const syncSeconds = (performance.now() - started) / 1000;
    const [stored] = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM attendance WHERE session_id <> $1`, [seeded.warmUpSession]);
    if (accepted !== unique || duplicates !== total - unique || rejected !== 0 || Number(stored?.n) !== unique) {
      throw new Error(`wrong counts: accepted ${accepted}, duplicates ${duplicates}, rejected ${rejected}, stored ${stored?.n}`);
    }

    await database.query('DROP TABLE IF EXISTS bench_attendance');
    await database.query('CREATE TABLE bench_attendance (LIKE attendance INCLUDING DEFAULTS)');
    const insertStarted = performance.now();
    for (let i = 0; i < rows.length; i += batchSize) {
      const chunk = rows.slice(i, i + batchSize);
      await database.query(
        `INSERT INTO bench_attendance (programme_id, session_id, person_id, method, client_id, captured_at)
         SELECT $1, s, p, m::attendance_method, c, t FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[]) AS r(s, p, m, c, t)`,
        [seeded.programmeId, chunk.map((r) => r.sessionId), chunk.map((r) => r.personId), chunk.map((r) => r.method), chunk.map((r) => r.clientId), chunk.map((r) => r.capturedAt)],
      );
    }
    const insertSeconds = (performance.now() - insertStarted) / 1000;
    await database.query('DROP TABLE bench_attendance');
    return { syncSeconds, insertSeconds };
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!server) throw new Error('Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server');
const name = `berdaya_bench_sync_${process.pid}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${name}`);
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(server);
url.pathname = `/${name}`;
try {
  const database = await openDatabase({ databaseUrl: url.toString() });
  try {
    await migrateDatabase(database);
    const { syncSeconds, insertSeconds } = await run(database);
    const line = {
      db: 'postgres',
      records: total,
      unique,
      duplicates: total - unique,
      batch: batchSize,
      syncSeconds: Number(syncSeconds.toFixed(3)),
      recordsPerSecond: Math.round(total / syncSeconds),
      insertSeconds: Number(insertSeconds.toFixed(3)),
      insertRecordsPerSecond: Math.round(total / insertSeconds),
      ratio: Number((syncSeconds / insertSeconds).toFixed(2)),
    };
    console.error(`sync: ${line.recordsPerSecond} records/s through POST /api/sync/attendance; plain INSERT: ${line.insertRecordsPerSecond} rows/s; ratio ${line.ratio}`);
    console.log(JSON.stringify(line));
  } finally {
    await database.close();
  }
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
