import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cliEnv, runCli } from '../../../test/support/cli.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { makeOrganisation } from '../../../test/support/factories.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { openDatabase, type Database } from '../../db/client.ts';
import { recordAudit } from './service.ts';
import { GENESIS_HASH, sealAuditChain, verifyAuditChain } from './chain.ts';

let t: TestApp;
let admin: Client;
let viewer: Client;
let manager: Client;

type Row = { id: string; at: Date; details: unknown; hash: string; prev_hash: string };
const kind = inject('dbKind');
const events = () => t.testDb.database.query<Row>('SELECT id::text, at, details, hash, prev_hash FROM audit_event ORDER BY audit_event.seq');
/** Runs SQL with the append-only triggers off, as someone with raw database access could. */
async function tamper(database: Database, sqlText: string): Promise<void> {
  await database.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
  try {
    await database.query(sqlText);
  } finally {
    await database.query('ALTER TABLE audit_event ENABLE TRIGGER USER');
  }
}

beforeAll(async () => {
  t = await createTestApp();
  const org = await makeOrganisation(t.ctx.db, { name: 'Kementerian Audit' });
  admin = await t.signIn({ role: 'admin', organisationId: org.id });
  viewer = await t.signIn({ role: 'viewer' });
  manager = await t.signIn({ role: 'program_manager' });
  const created = await admin.post('/api/programs', { code: 'AUDIT-2025', name: 'Program Audit' });
  expect(created.statusCode, created.body).toBe(201);
  await admin.post('/api/users', { email: 'baru@audit.id', name: 'Pengguna Baru', role: 'viewer' });
  // An event whose details (wrongly) carry personal values: viewers must not see them.
  await recordAudit(t.ctx.db, { actorUserId: admin.userId, action: 'test.personal', entityType: 'person', entityId: 'p-1', details: { ownerName: 'Siti Rahmawati', nik: '3174015203920001', phone: '+6281234567890', rows: 3 } });
}, 120_000);
afterAll(async () => t?.close());

describe('audit hash chain', () => {
  it('chains every event to the one before it, and the head to the last', async () => {
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
    expect(await sealAuditChain(t.ctx.db)).toBeGreaterThanOrEqual(5);
    const rows = await events();
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    const result = await verifyAuditChain(t.ctx.db);
    expect(result).toEqual({ ok: true, events: rows.length, pending: 0, headHash: rows.at(-1)?.hash });
  });

  it('chains concurrent writers one after another', async () => {
    const before = (await events()).length;
    await Promise.all(
      Array.from({ length: 25 }, (_, i) => t.ctx.db.transaction((tx) => recordAudit(tx, { actorUserId: null, action: 'test.concurrent', entityType: 'test', entityId: String(i), details: { i } }))),
    );
    // A rolled-back transaction leaves neither its event nor a moved head behind.
    await t.ctx.db
      .transaction(async (tx) => {
        await recordAudit(tx, { actorUserId: null, action: 'test.rolled_back', entityType: 'test' });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await verifyAuditChain(t.ctx.db)).toMatchObject({ ok: true, events: before, pending: 25 });
    // Two sealers at once (two server processes): the head lock makes them take turns.
    const sealed = await Promise.all([sealAuditChain(t.ctx.db), sealAuditChain(t.ctx.db)]);
    expect(sealed[0] + sealed[1]).toBe(25);
    const result = await verifyAuditChain(t.ctx.db);
    expect(result).toMatchObject({ ok: true, events: before + 25, pending: 0 });
    expect((await events()).filter((r) => (r.details as { i?: number } | null)?.i !== undefined)).toHaveLength(25);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit events in the database itself', async () => {
    const db = t.testDb.database;
    await expect(db.query("UPDATE audit_event SET action = 'x' WHERE id = (SELECT min(id) FROM audit_event)")).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(db.query('DELETE FROM audit_event')).rejects.toThrow(/append-only: DELETE refused/);
    await expect(db.query('TRUNCATE audit_event')).rejects.toThrow(/append-only: TRUNCATE refused/);
    await expect(db.query('DELETE FROM audit_chain_head')).rejects.toThrow(/cannot be removed/);
    // An event not sealed yet cannot be changed either: only sealing it is allowed.
    await recordAudit(t.ctx.db, { actorUserId: null, action: 'test.unsealed', entityType: 'test' });
    await expect(db.query("UPDATE audit_event SET action = 'x' WHERE seq IS NULL")).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(db.query("UPDATE audit_event SET seq = 100000, prev_hash = 'a', hash = 'b', action = 'x' WHERE seq IS NULL")).rejects.toThrow(/append-only: UPDATE refused/);
    expect(await sealAuditChain(t.ctx.db)).toBe(1);
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });

  it('`berdaya audit verify` answers OK, then names the first tampered event with exit 1', { timeout: 120_000 }, async () => {
    const testDb = await createTestDatabase();
    const env = cliEnv(testDb);
    // The CLI opens the database itself: a PGlite directory must not be open twice.
    const withDatabase = async <T>(fn: (database: Database) => Promise<T>): Promise<T> => {
      const database = await openDatabase(testDb.location);
      try {
        return await fn(database);
      } finally {
        await database.close();
      }
    };
    try {
      for (let i = 0; i < 6; i += 1) await recordAudit(testDb.database.db, { actorUserId: null, action: 'test.cli', entityType: 'test', entityId: String(i), details: { i } });
      await testDb.database.close();
      // No server ran: the command seals the six events, then checks them.
      const ok = await runCli(['audit', 'verify'], env);
      expect(ok.code, ok.stderr).toBe(0);
      const rows = await withDatabase((database) => database.query<Row>('SELECT id::text, at, details, hash, prev_hash FROM audit_event ORDER BY audit_event.seq'));
      expect(rows).toHaveLength(6);
      expect(ok.stdout).toContain(`Audit trail intact: 6 peristiwa / events, hash ${rows[5]!.hash}`);

      // Changed content: the event itself is reported, with its time.
      const victim = rows[2]!;
      await withDatabase((database) => tamper(database, `UPDATE audit_event SET details = '{"i":20}' WHERE id = ${victim.id}`));
      const changed = await runCli(['audit', 'verify'], env);
      expect(changed.code).toBe(1);
      expect(changed.stderr).toContain(`Jejak audit rusak pada peristiwa #${victim.id} (${victim.at.toISOString()})`);
      expect(changed.stderr).toContain(`Audit trail broken at event #${victim.id} (${victim.at.toISOString()}): its content does not match its hash. 2 earlier events are intact.`);
      const json = await runCli(['audit', 'verify', '--json'], env);
      expect(JSON.parse(json.stdout)).toEqual({ ok: false, events: 2, broken: { id: Number(victim.id), at: victim.at.toISOString(), reason: 'hash_mismatch' } });
      await withDatabase((database) => tamper(database, `UPDATE audit_event SET details = '{"i":2}' WHERE id = ${victim.id}`));
      expect(await withDatabase((database) => verifyAuditChain(database.db))).toMatchObject({ ok: true, events: 6 });

      // A removed event: the next one no longer links to its predecessor.
      await withDatabase((database) => tamper(database, `DELETE FROM audit_event WHERE id = ${rows[4]!.id}`));
      const removed = await runCli(['audit', 'verify'], env);
      expect(removed.code).toBe(1);
      expect(removed.stderr).toContain(`Audit trail broken at event #${rows[5]!.id} (${rows[5]!.at.toISOString()}): its link to the previous event is broken`);
    } finally {
      await testDb.destroy();
    }
  });

  it.skipIf(kind !== 'postgres')('gives an event that commits after a later one was sealed the next place in the chain', async () => {
    const slow = new pg.Client({ connectionString: t.testDb.location.databaseUrl });
    await slow.connect();
    try {
      await slow.query('BEGIN');
      await slow.query("INSERT INTO audit_event (action, entity_type, at) VALUES ('test.slow', 'test', date_trunc('milliseconds', now()))");
      await recordAudit(t.ctx.db, { actorUserId: null, action: 'test.fast', entityType: 'test' });
      expect(await sealAuditChain(t.ctx.db)).toBe(1);
      await slow.query('COMMIT');
    } finally {
      await slow.end();
    }
    expect(await sealAuditChain(t.ctx.db)).toBe(1);
    const [fast, late] = (await events()).slice(-2);
    expect(Number(late?.id)).toBeLessThan(Number(fast?.id));
    expect(late?.prev_hash).toBe(fast?.hash);
    expect(await verifyAuditChain(t.ctx.db)).toMatchObject({ ok: true, pending: 0 });
  });

  it('detects the last events removed (the head points past them)', async () => {
    const rows = await events();
    await tamper(t.testDb.database, `DELETE FROM audit_event WHERE id = ${rows.at(-1)!.id}`);
    const result = await verifyAuditChain(t.ctx.db);
    expect(result).toMatchObject({ ok: false, broken: { id: Number(rows.at(-1)!.id), reason: 'head_mismatch' } });
  });
});

describe('GET /api/audit', () => {
  it('gives admins names and personal values, viewers neither', async () => {
    const adminView = (await admin.get('/api/audit?action=test.personal')).json();
    expect(adminView.total).toBe(1);
    expect(adminView.items[0].details).toEqual({ ownerName: 'Siti Rahmawati', nik: '3174015203920001', phone: '+6281234567890', rows: 3 });
    expect(adminView.items[0].actor.name).toBeTruthy();
    const res = await viewer.get('/api/audit?action=test.personal');
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0].details).toEqual({ ownerName: '[redacted]', nik: '[redacted]', phone: '[redacted]', rows: 3 });
    expect(res.json().items[0].actor).toEqual({ id: admin.userId, role: 'admin', name: null, email: null });
    // Nothing personal anywhere in what a viewer receives, on any page.
    const all = await viewer.get('/api/audit?pageSize=100');
    expect(all.body).not.toMatch(/Siti|3174015203920001|6281234567890|@/);
    expect((await viewer.get('/api/audit/filters')).body).not.toMatch(/@/);
  });

  it('filters by actor, action, entity and date range, and pages newest first', async () => {
    const byActor = (await admin.get(`/api/audit?actorUserId=${manager.userId}`)).json();
    expect(byActor.items.map((e: { action: string }) => e.action)).toEqual(['auth.login']);
    const invites = (await admin.get('/api/audit?action=user.invite&entityType=user')).json();
    expect(invites.total).toBe(1);
    expect(invites.items[0].details).toEqual({ role: 'viewer', programmeIds: [] });
    const programme = (await admin.get('/api/audit?entityType=programme')).json();
    expect(programme.items[0].programmeCode).toBe('AUDIT-2025');

    const total = (await admin.get('/api/audit')).json().total as number;
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    expect((await admin.get(`/api/audit?from=${today}&to=${today}`)).json().total).toBe(total);
    expect((await admin.get('/api/audit?to=2020-01-01')).json().total).toBe(0);
    expect((await admin.get(`/api/audit?from=${new Date(Date.now() + 60_000).toISOString()}`)).json().total).toBe(0);

    const first = (await admin.get('/api/audit?pageSize=2&page=1')).json();
    const second = (await admin.get('/api/audit?pageSize=2&page=2')).json();
    expect(first.items).toHaveLength(2);
    expect(first.items[0].id).toBeGreaterThan(first.items[1].id);
    expect(second.items[0].id).toBeLessThan(first.items[1].id);
    expect((await admin.get('/api/audit?from=kemarin')).statusCode).toBe(400);
  });

  it('offers the actors, actions and entity types found in the trail', async () => {
    const filters = (await admin.get('/api/audit/filters')).json();
    expect(filters.actions).toEqual(expect.arrayContaining(['auth.login', 'programme.create', 'user.invite', 'test.personal']));
    expect(filters.entityTypes).toEqual(expect.arrayContaining(['programme', 'user', 'person']));
    expect(filters.actors.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining([admin.userId, viewer.userId, manager.userId]));
    const forViewer = (await viewer.get('/api/audit/filters')).json();
    expect(forViewer.actors.every((a: { name: string | null; email: string | null }) => a.name === null && a.email === null)).toBe(true);
    expect((await manager.get('/api/audit/filters')).statusCode).toBe(403);
  });
});
