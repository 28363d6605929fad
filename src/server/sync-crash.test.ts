import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliEnv } from '../../test/support/cli.ts';
import { startServer, type ServerProcess } from '../../test/support/server-process.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-db.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { hashPassword } from '../modules/auth/password.ts';

/**
 * kill -9 of the server while a trainer's phone replays its offline backlog through
 * `POST /api/sync/attendance`: 3,000 records (a fifth of them resent duplicates), in batches of
 * 150, one batch in flight when the server dies. The phone then does what the trainer app does
 * with a batch it got no answer for: it sends it (and the rest) again to the restarted server.
 * The end state equals an uninterrupted replay exactly: every distinct record stored once, no
 * duplicate, no rejection, the same roster additions.
 */
const RECORDS = 3_000;
const UNIQUE = 2_400;
const BATCH = 150;
const SESSIONS = 12;
const PASSWORD = 'rahasia-sinkron-123';
const TRAINER = 'pelatih@crash.berdaya.id';

type SyncRecord = { clientId: string; sessionId: string; personId: string; method: 'qr' | 'offline'; capturedAt: string };
const databases: TestDatabase[] = [];
const dirs: string[] = [];
let server: ServerProcess | undefined;

afterAll(async () => {
  await server?.kill9();
  for (const d of databases) await d.destroy();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A programme with sessions run by one trainer, and enrolled people; the backlog to replay. */
async function seed(database: Database): Promise<SyncRecord[]> {
  const [org] = await database.query<{ id: string }>(`INSERT INTO organisation (name, kind) VALUES ('Yayasan Sinkron', 'ngo') RETURNING id`);
  const [prog] = await database.query<{ id: string }>(`INSERT INTO programme (code, name, owner_organisation_id, status) VALUES ('SYNC-CRASH', 'Uji sinkron', $1, 'active') RETURNING id`, [org?.id]);
  const programmeId = prog?.id as string;
  const [site] = await database.query<{ id: string }>(`INSERT INTO site (programme_id, name, type, region_code) VALUES ($1, 'Labuan Bajo', 'destinasi_wisata', '53.15') RETURNING id`, [programmeId]);
  const [trainer] = await database.query<{ id: string }>(`INSERT INTO app_user (email, name, role, password_hash) VALUES ($1, 'Pelatih', 'trainer', $2) RETURNING id`, [TRAINER, await hashPassword(PASSWORD)]);
  await database.query(`INSERT INTO user_programme (user_id, programme_id) VALUES ($1, $2)`, [trainer?.id, programmeId]);
  const sessionIds: string[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    const start = new Date(Date.UTC(2030, 0, 1 + i, 1));
    const [s] = await database.query<{ id: string }>(
      `INSERT INTO training_session (programme_id, site_id, title, modality, starts_at, ends_at, capacity) VALUES ($1, $2, $3, 'in_person', $4, $5, 10000) RETURNING id`,
      [programmeId, site?.id, `Sesi ${i + 1}`, start.toISOString(), new Date(start.getTime() + 3 * 3_600_000).toISOString()],
    );
    sessionIds.push(s?.id as string);
    await database.query(`INSERT INTO session_trainer (session_id, user_id, programme_id) VALUES ($1, $2, $3)`, [s?.id, trainer?.id, programmeId]);
  }
  const personIds = Array.from({ length: UNIQUE / SESSIONS }, () => randomUUID());
  await database.query(`INSERT INTO person (id, key, name) SELECT id, 'sync-crash:' || n, 'Peserta ' || n FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`, [personIds]);
  await database.query(`INSERT INTO enrolment (programme_id, person_id, source, active, willing) SELECT $1, id, 'import', true, true FROM unnest($2::uuid[]) AS t(id)`, [programmeId, personIds]);
  const distinct: SyncRecord[] = Array.from({ length: UNIQUE }, (_, i) => ({
    clientId: randomUUID(),
    sessionId: sessionIds[i % SESSIONS] as string,
    personId: personIds[Math.floor(i / SESSIONS)] as string,
    method: i % 3 === 0 ? 'offline' : 'qr',
    capturedAt: new Date(Date.UTC(2030, 0, 1, 2) + i * 1_000).toISOString(),
  }));
  // Every fifth record sent twice, the resend a few batches later.
  const backlog: SyncRecord[] = [];
  distinct.forEach((record, i) => {
    backlog.push(record);
    if (i % 4 === 0 && backlog.length < RECORDS) backlog.push({ ...(distinct[Math.max(0, i - 400)] as SyncRecord) });
  });
  return backlog;
}

async function freshDatabase(): Promise<{ testDb: TestDatabase; env: Record<string, string>; backlog: SyncRecord[] }> {
  const testDb = await createTestDatabase();
  databases.push(testDb);
  const backlog = await seed(testDb.database);
  await testDb.database.close();
  const dataDir = testDb.location.dataDir ? path.dirname(testDb.location.dataDir) : mkdtempSync(path.join(os.tmpdir(), 'berdaya-sync-crash-'));
  if (!testDb.location.dataDir) dirs.push(dataDir);
  return { testDb, env: { ...cliEnv(testDb), BERDAYA_DATA_DIR: dataDir }, backlog };
}

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: TRAINER, password: PASSWORD }) });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

const sync = (url: string, cookie: string, records: SyncRecord[]) =>
  fetch(`${url}/api/sync/attendance`, { method: 'POST', headers: { cookie, 'x-berdaya-csrf': '1', 'content-type': 'application/json' }, body: JSON.stringify({ records }) });

/** What the replay left: stored attendance (by client id), roster additions, rejections. */
async function endState(testDb: TestDatabase) {
  const database = await openDatabase(testDb.location);
  try {
    const [counts] = await database.query<{ attendance: number; participants: number; rejections: number; clients: number }>(
      `SELECT (SELECT count(*)::int FROM attendance) AS attendance, (SELECT count(DISTINCT client_id)::int FROM attendance) AS clients,
              (SELECT count(*)::int FROM session_participant) AS participants, (SELECT count(*)::int FROM sync_rejection) AS rejections`,
    );
    const rows = await database.query<{ client_id: string; session_id: string; person_id: string; method: string }>('SELECT client_id, session_id, person_id, method::text FROM attendance ORDER BY client_id');
    return { counts, rows: rows.map((r) => `${r.client_id} ${r.session_id} ${r.person_id} ${r.method}`) };
  } finally {
    await database.close();
  }
}

describe('the server killed with SIGKILL during an offline sync batch', () => {
  it('ends, after the phone sends again, exactly as an uninterrupted replay', { timeout: 240_000 }, async () => {
    const batches = (backlog: SyncRecord[]) => Array.from({ length: Math.ceil(backlog.length / BATCH) }, (_, i) => backlog.slice(i * BATCH, (i + 1) * BATCH));

    // The reference: the same backlog replayed without interruption.
    const reference = await freshDatabase();
    expect(reference.backlog).toHaveLength(RECORDS);
    server = await startServer(reference.env);
    let cookie = await signIn(server.url);
    for (const records of batches(reference.backlog)) expect((await sync(server.url, cookie, records)).status).toBe(200);
    await server.stop();
    const expected = await endState(reference.testDb);
    expect(expected.counts).toEqual({ attendance: UNIQUE, clients: UNIQUE, participants: UNIQUE, rejections: 0 });

    // The same backlog (other ids, same shape) against a server killed with a batch in flight.
    const victim = await freshDatabase();
    const parts = batches(victim.backlog);
    server = await startServer(victim.env);
    cookie = await signIn(server.url);
    let acknowledged = 0;
    for (; acknowledged < Math.floor(parts.length / 2); acknowledged++) expect((await sync(server.url, cookie, parts[acknowledged] as SyncRecord[])).status).toBe(200);
    const inFlight = sync(server.url, cookie, parts[acknowledged] as SyncRecord[]).then(
      (res) => res.status,
      () => 'no answer' as const,
    );
    await new Promise((resolve) => setTimeout(resolve, 15));
    await server.kill9();
    const answer = await inFlight;

    server = await startServer(victim.env);
    cookie = await signIn(server.url);
    // The phone sends every batch it has no answer for again (all of them when unsure, as here).
    const resendFrom = answer === 200 ? acknowledged + 1 : acknowledged;
    const again = [];
    for (const records of parts.slice(resendFrom)) {
      const res = await sync(server.url, cookie, records);
      expect(res.status).toBe(200);
      again.push((await res.json()) as { accepted: number; duplicates: number; rejected: unknown[] });
    }
    expect(again.flatMap((r) => r.rejected)).toEqual([]);
    await server.stop();
    server = undefined;

    const after = await endState(victim.testDb);
    expect(after.counts).toEqual(expected.counts);
    // Same shape of rows: the victim's client ids map one to one onto its own distinct records.
    const distinct = new Map(victim.backlog.map((r) => [r.clientId, `${r.clientId} ${r.sessionId} ${r.personId} ${r.method}`]));
    expect(after.rows).toEqual([...distinct.values()].sort());
    console.info(`sync crash test: batch ${acknowledged + 1} of ${parts.length} in flight when killed (${answer === 200 ? 'answered first' : 'no answer'})`);
  });
});
