/**
 * `npm run bench:dashboard` — the programme dashboard at national scale, on PostgreSQL.
 *
 * Builds, with set-based SQL: 1,000,000 MSMEs (and their owners), 1,200,000 enrolments across 4
 * programmes (200,000 MSMEs in two of them), 50,000 sessions, 10,000,000 attendance records (with
 * their roster places) and 300,000 milestones; runs the fact refresh job that builds the facts and
 * rollups (timed); then measures `GET /api/programs/:id/dashboard` through the real server (in
 * process) warm, ≥ 30 runs for each of a few filter combinations, and the same numbers computed by
 * naive GROUP BY over the raw tables (src/modules/monitoring/naive.ts) in the same run. Prints both,
 * their ratio, and exits non-zero when the numbers differ. Goal: p95 ≤ 150 ms and ≥ 10× naive.
 * The last line is JSON.
 *
 *   node --import tsx bench/dashboard.ts [--scale 0.1] [--runs 30] [--naive-runs 3] [--keep (the scratch database)] [--reuse DBNAME (a kept one: measure only)]
 * PostgreSQL: BENCH_DATABASE_URL, DATABASE_URL or TEST_DATABASE_URL names a server where a scratch
 * database is created; without one, a throwaway cluster is started (Debian's postgresql binaries).
 */
import { isDeepStrictEqual } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { SECTORS } from '../src/core/sector.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { hashPassword } from '../src/modules/auth/password.ts';
import { dashboardNumbers } from '../src/modules/monitoring/dashboard.ts';
import { drainFactRefresh } from '../src/modules/monitoring/facts.ts';
import type { IndicatorFilters } from '../src/modules/monitoring/indicators.ts';
import { comparable, naiveDashboardNumbers } from '../src/modules/monitoring/naive.ts';
import { buildApp } from '../src/server/app.ts';
import { postgresBinDir, startThrowawayPostgres } from '../test/support/throwaway-postgres.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
};
const scale = Number(arg('scale', '1'));
const runs = Number(arg('runs', '30'));
const naiveRuns = Number(arg('naive-runs', '3'));
const MSMES = Math.round(1_000_000 * scale);
const SHARED = Math.round(200_000 * scale);
const SESSIONS_PER_PROGRAMME = Math.max(60, Math.round(12_500 * scale));
const ATTENDANCE = Math.round(10_000_000 * scale);
const MILESTONES = Math.round(300_000 * scale);
const PROGRAMMES = 4;
const SITES = 20;

const log = (message: string) => console.error(`[bench:dashboard] ${message}`);
async function timed<T>(label: string, work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  log(`${label}: ${seconds.toFixed(1)} s`);
  return [result, seconds];
}

/** Everything, in set-based statements; rows are spread deterministically (hashint4) so each run is the same. */
async function build(database: Database) {
  const q = (text: string, params: unknown[] = []) => database.query(text, params);
  const [owner] = await database.query<{ id: string }>(`INSERT INTO organisation (name, kind) VALUES ('Kementerian Bench', 'government') RETURNING id`);
  const programmeIds: string[] = [];
  for (let n = 0; n < PROGRAMMES; n++) {
    const [p] = await database.query<{ id: string }>(
      `INSERT INTO programme (code, name, owner_organisation_id, status, start_date, end_date) VALUES ($1, $2, $3, 'active', '2024-01-01', '2025-12-31') RETURNING id`,
      [`BENCH-DASH-${n + 1}`, `Bench ${n + 1}`, owner?.id],
    );
    programmeIds.push(p?.id as string);
  }
  await q(`CREATE TEMP TABLE bench_programme AS SELECT (n - 1)::int AS n, id FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`, [programmeIds]);
  await q(`CREATE TEMP TABLE bench_regency AS SELECT (row_number() OVER (ORDER BY code) - 1)::int AS n, code FROM region WHERE length(code) = 5`);
  const [{ regencies } = { regencies: 0 }] = await database.query<{ regencies: number }>(`SELECT count(*)::int AS regencies FROM bench_regency`);

  await timed('people and MSMEs', async () => {
    await q(
      `INSERT INTO person (id, key, name, gender, kind, nik_birth_yy)
       SELECT md5('person' || i)::uuid, 'phone:bench-' || i, 'Peserta ' || i,
              CASE WHEN abs(hashint4(i)) % 100 < 52 THEN 'female' WHEN abs(hashint4(i)) % 100 < 97 THEN 'male' END::gender,
              CASE WHEN i % 20 = 0 THEN 'government_staff' WHEN i % 20 = 1 THEN 'trainee' ELSE 'msme_owner' END::person_kind,
              CASE WHEN i % 10 < 7 THEN (60 + abs(hashint4(i + 7)) % 46) % 100 END
       FROM generate_series(0, $1 - 1) i`,
      [MSMES],
    );
    await q(
      `INSERT INTO msme (id, key, owner_person_id, business_name, sector, regency_code, province_code, maturity_level)
       SELECT md5('msme' || i)::uuid, 'phone:bench-' || i, md5('person' || i)::uuid, 'Usaha ' || i,
              ($2::text[])[1 + abs(hashint4(i + 1)) % array_length($2::text[], 1)], r.code, left(r.code, 2), abs(hashint4(i + 2)) % 5
       FROM generate_series(0, $1 - 1) i JOIN bench_regency r ON r.n = abs(hashint4(i + 3)) % $3`,
      [MSMES, [...SECTORS], regencies],
    );
  });

  await timed('enrolments', async () => {
    // Every MSME in programme i % 4; the first SHARED also in the next one. Enrolled through 2024.
    await q(
      `INSERT INTO enrolment (programme_id, person_id, msme_id, source, status, active, willing, created_at)
       SELECT p.id, md5('person' || x.i)::uuid, md5('msme' || x.i)::uuid, 'import', 'registered', true, true,
              timestamptz '2024-01-01 08:00+07' + (abs(hashint4(x.i + 5 * x.k)) % 365) * interval '1 day' + (abs(hashint4(x.i)) % 600) * interval '1 minute'
       FROM (SELECT i, 0 AS k FROM generate_series(0, $1 - 1) i UNION ALL SELECT i, 1 FROM generate_series(0, $2 - 1) i) x
       JOIN bench_programme p ON p.n = (x.i + x.k) % 4`,
      [MSMES, SHARED],
    );
    await q(`UPDATE enrolment SET status = 'withdrawn' WHERE programme_id = ANY($1::uuid[]) AND seq % 50 = 0`, [programmeIds]);
  });

  await timed('sites, trainers, curriculum and sessions', async () => {
    const password = await hashPassword('bench-password-123');
    await q(`INSERT INTO app_user (email, name, role, password_hash) VALUES ('admin@bench.local', 'Admin', 'admin', $1)`, [password]);
    for (const [n, programmeId] of programmeIds.entries()) {
      const partners = await database.query<{ id: string }>(
        `INSERT INTO organisation (name, kind) SELECT 'Mitra ' || $1 || '-' || k, 'ngo' FROM generate_series(1, 2) k RETURNING id`,
        [n],
      );
      await q(
        `INSERT INTO site (programme_id, name, type, region_code)
         SELECT $1, 'Lokasi ' || k, 'kabupaten_kota', r.code FROM generate_series(0, $2 - 1) k JOIN bench_regency r ON r.n = abs(hashint4(k * 13 + $3)) % $4`,
        [programmeId, SITES, n, regencies],
      );
      await q(
        `INSERT INTO app_user (email, name, role, password_hash, organisation_id)
         SELECT 'trainer' || $1 || '-' || k || '@bench.local', 'Pelatih ' || k, 'trainer', 'x', ($2::uuid[])[1 + k % 2] FROM generate_series(0, $3 - 1) k`,
        [n, partners.map((p) => p.id), SITES],
      );
      await q(
        `INSERT INTO curriculum_module (programme_id, code, title_id, title_en, topic, duration_minutes)
         SELECT $1, 'M' || k, 'Modul ' || k, 'Module ' || k, 'literasi_digital', 60 FROM generate_series(1, 3) k`,
        [programmeId],
      );
      await q(`INSERT INTO learning_path (programme_id, completion_min_percent) VALUES ($1, 80)`, [programmeId]);
      await q(`INSERT INTO learning_path_module (programme_id, module_id, position) SELECT programme_id, id, row_number() OVER (ORDER BY code) FROM curriculum_module WHERE programme_id = $1`, [programmeId]);
      await q(
        `INSERT INTO training_session (id, programme_id, site_id, title, modality, starts_at, ends_at, capacity, status)
         SELECT md5($1::text || '-' || k)::uuid, $1::uuid, s.id, 'Sesi ' || k, 'in_person', t.at, t.at + interval '3 hours', 1000, 'done'
         FROM generate_series(0, $2 - 1) k
         CROSS JOIN LATERAL (SELECT timestamptz '2024-01-02 09:00+07' + (abs(hashint4(k)) % 540) * interval '1 day' AS at) t
         JOIN (SELECT id, row_number() OVER (ORDER BY name) - 1 AS n FROM site WHERE programme_id = $1::uuid) s ON s.n = k % $3`,
        [programmeId, SESSIONS_PER_PROGRAMME, SITES],
      );
      await q(
        `INSERT INTO session_module (session_id, module_id)
         SELECT md5($1::text || '-' || k)::uuid, m.id FROM generate_series(0, $2 - 1) k
         JOIN (SELECT id, row_number() OVER (ORDER BY code) - 1 AS n FROM curriculum_module WHERE programme_id = $1::uuid) m ON m.n = k % 3`,
        [programmeId, SESSIONS_PER_PROGRAMME],
      );
      await q(
        `INSERT INTO session_trainer (session_id, user_id, programme_id)
         SELECT md5($1::text || '-' || k)::uuid, u.id, $1::uuid FROM generate_series(0, $2 - 1) k
         JOIN (SELECT id, row_number() OVER (ORDER BY email) - 1 AS n FROM app_user WHERE email LIKE 'trainer' || $3 || '-%') u ON u.n = k % $4`,
        [programmeId, SESSIONS_PER_PROGRAMME, n, SITES],
      );
      // Half the trainers were certified through training of trainers (the cascade).
      await q(
        `INSERT INTO trainer_certification (programme_id, person_id, user_id, organisation_id, certified_on)
         SELECT $1, md5('trainer' || u.id)::uuid, u.id, u.organisation_id, date '2024-01-01' + (row_number() OVER (ORDER BY u.email))::int
         FROM app_user u WHERE u.email LIKE 'trainer' || $2 || '-%' AND right(split_part(u.email, '@', 1), 1) IN ('0', '2', '4', '6', '8')`,
        [programmeId, n],
      );
    }
  });

  await timed(`attendance (${ATTENDANCE.toLocaleString('en')}) and roster places`, async () => {
    // Enrolment e of a programme attends up to 17 sessions (abs(hashint4) % 18), (e·31 + t·997) mod S: distinct sessions.
    await q(`CREATE TEMP TABLE bench_enrolment AS SELECT programme_id, person_id, (row_number() OVER (PARTITION BY programme_id ORDER BY seq) - 1)::int AS e FROM enrolment`);
    await q(
      `INSERT INTO attendance (programme_id, session_id, person_id, method, client_id, captured_at)
       SELECT x.programme_id, s.id, x.person_id, 'qr', 'bench-' || x.e || '-' || x.t, s.starts_at + interval '30 minutes'
       FROM (SELECT b.programme_id, b.person_id, b.e, t, (b.e::bigint * 31 + t * 997) % $2 AS k
             FROM bench_enrolment b CROSS JOIN LATERAL generate_series(0, abs(hashint4(b.e + 11)) % 18 - 1) t LIMIT $1) x
       JOIN training_session s ON s.id = md5(x.programme_id::text || '-' || x.k)::uuid`,
      [ATTENDANCE, SESSIONS_PER_PROGRAMME],
    );
    // The roster: everyone who attended, plus one absent place for every fifth participant.
    await q(`INSERT INTO session_participant (programme_id, session_id, person_id, source) SELECT programme_id, session_id, person_id, 'attendance' FROM attendance`);
    await q(
      `INSERT INTO session_participant (programme_id, session_id, person_id, source)
       SELECT b.programme_id, md5(b.programme_id::text || '-' || ((b.e::bigint * 31 + 17 * 997) % $1))::uuid, b.person_id, 'manual'
       FROM bench_enrolment b WHERE b.e % 5 = 0 ON CONFLICT DO NOTHING`,
      [SESSIONS_PER_PROGRAMME],
    );
  });

  await timed(`milestones (${MILESTONES.toLocaleString('en')})`, async () => {
    await q(
      `INSERT INTO msme_milestone (programme_id, msme_id, kind, reached_on, submitted_by, status)
       SELECT e.programme_id, e.msme_id, 'first_online_sale', date '2024-03-01' + abs(hashint4(e.seq::int)) % 300,
              (SELECT id FROM app_user WHERE email = 'admin@bench.local'), CASE WHEN e.seq % 5 = 0 THEN 'pending' ELSE 'verified' END::milestone_status
       FROM enrolment e WHERE e.seq % 4 = 1 ORDER BY e.seq LIMIT $1`,
      [MILESTONES],
    );
  });
  await q('ANALYZE');
  return programmeIds;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;

const reuse = arg('reuse', '');

async function run(database: Database, dataDir: string) {
  const programmeIds = reuse
    ? (await database.query<{ id: string }>(`SELECT id FROM programme WHERE code LIKE 'BENCH-DASH-%' ORDER BY code`)).map((r) => r.id)
    : await build(database);
  const [, refreshSeconds] = await timed('fact refresh job (facts and rollups, 4 programmes)', async () => {
    for (const id of programmeIds) await drainFactRefresh(database, id);
  });
  if (args.includes('--keep')) await database.query(`INSERT INTO fact_refresh (programme_id, person_id) SELECT id, '00000000-0000-0000-0000-000000000000' FROM programme WHERE code LIKE 'BENCH-DASH-%'`);
  await database.query('ANALYZE');
  const [{ facts, rollupRows } = { facts: 0, rollupRows: 0 }] = await database.query<{ facts: number; rollupRows: number }>(
    `SELECT (SELECT count(*)::int FROM participant_fact) AS facts, (SELECT count(*)::int FROM participant_rollup) AS "rollupRows"`,
  );
  log(`${facts} participant facts, ${rollupRows} rollup rows`);

  const app = await buildApp(
    { database, db: database.db, config: loadConfig({ BERDAYA_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), secret: 'bench-secret-bench-secret-bench-secret' },
    { logger: false, jobs: false, serveWeb: false },
  );
  try {
    await app.ready();
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin@bench.local', password: 'bench-password-123' } });
    if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode}`);
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const programmeId = programmeIds[0] as string;
    const [site] = await database.query<{ id: string; region_code: string }>(`SELECT id, region_code FROM site WHERE programme_id = $1 ORDER BY name LIMIT 1`, [programmeId]);
    const province = String(site?.region_code).slice(0, 2);
    const combos: { label: string; filters: IndicatorFilters }[] = [
      { label: 'no filter', filters: {} },
      { label: `province=${province}`, filters: { province } },
      { label: 'sector=kuliner', filters: { sector: 'kuliner' } },
      { label: 'from=2024-03-01 to=2024-08-31', filters: { from: '2024-03-01', to: '2024-08-31' } },
      { label: `siteId + gender=female (facts)`, filters: { siteId: site?.id as string, gender: 'female' } },
    ];
    const results = [];
    let identical = true;
    for (const combo of combos) {
      const query = new URLSearchParams(combo.filters as Record<string, string>).toString();
      const url = `/api/programs/${programmeId}/dashboard${query ? `?${query}` : ''}`;
      const get = async () => {
        const res = await app.inject({ method: 'GET', url, headers: { cookie } });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      };
      for (let i = 0; i < 3; i++) await get();
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        await get();
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const naiveTimes: number[] = [];
      let naive = null;
      for (let i = 0; i < naiveRuns; i++) {
        const started = performance.now();
        naive = await naiveDashboardNumbers(database.db, programmeId, combo.filters);
        naiveTimes.push(performance.now() - started);
      }
      naiveTimes.sort((a, b) => a - b);
      const { numbers } = await dashboardNumbers({ db: database.db, programmeId, filters: combo.filters });
      // --naive-runs 0 measures the dashboard alone (no comparison, no verdict on equality).
      const same = naiveRuns === 0 || (naive !== null && isDeepStrictEqual(comparable(numbers), comparable(naive)));
      if (!same) {
        identical = false;
        log(`DIFFERENT numbers for ${combo.label}:\n dashboard ${JSON.stringify(comparable(numbers))}\n naive     ${JSON.stringify(naive && comparable(naive))}`);
      }
      const row = {
        filters: combo.label,
        p50: Number(percentile(times, 50).toFixed(1)),
        p95: Number(percentile(times, 95).toFixed(1)),
        naiveP50: naiveTimes.length ? Number(percentile(naiveTimes, 50).toFixed(1)) : null,
        ratio: naiveTimes.length ? Number((percentile(naiveTimes, 50) / percentile(times, 95)).toFixed(1)) : null,
        identical: same,
      };
      log(`${row.filters}: dashboard p50 ${row.p50} ms, p95 ${row.p95} ms; naive ${row.naiveP50} ms; naive ÷ dashboard p95 = ${row.ratio}×; numbers ${same ? 'identical' : 'DIFFERENT'}`);
      results.push(row);
    }
    return { refreshSeconds, facts, rollupRows, results, identical };
  } finally {
    await app.close();
  }
}

const server = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const bin = server ? null : postgresBinDir();
if (!server && !bin) throw new Error('Set BENCH_DATABASE_URL (or DATABASE_URL / TEST_DATABASE_URL), or install PostgreSQL for a throwaway cluster');
const cluster = bin ? await startThrowawayPostgres(bin) : null;
const base = server ?? (cluster?.url as string);
const name = reuse || `berdaya_bench_dashboard_${process.pid}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
if (!reuse) await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(base);
url.pathname = `/${name}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'berdaya-bench-dashboard-'));
let failed = false;
try {
  const database = await openDatabase({ databaseUrl: url.toString() });
  try {
    await migrateDatabase(database);
    const outcome = await run(database, dataDir);
    const worstP95 = Math.max(...outcome.results.map((r) => r.p95));
    const worstRatio = Math.min(...outcome.results.map((r) => r.ratio ?? Infinity));
    log(`refresh ${outcome.refreshSeconds.toFixed(1)} s; worst dashboard p95 ${worstP95} ms (goal ≤ 150); smallest ratio ${worstRatio}× (goal ≥ 10); numbers ${outcome.identical ? 'identical' : 'DIFFERENT'}`);
    console.log(JSON.stringify({ db: 'postgres', scale, msmes: MSMES, enrolments: MSMES + SHARED, attendance: ATTENDANCE, milestones: MILESTONES, runs, ...outcome, worstP95, worstRatio }));
    failed = !outcome.identical;
  } finally {
    await database.close();
  }
} finally {
  if (!args.includes('--keep') && !reuse) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  cluster?.destroy();
  rmSync(dataDir, { recursive: true, force: true });
}
if (failed) process.exit(1);
