import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliEnv, runCli } from '../../test/support/cli.ts';
import { startHttpProvider } from '../../test/support/fake-providers.ts';
import { httpSignIn, startServer, type ServerProcess } from '../../test/support/server-process.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-db.ts';
import { openDatabase } from '../db/client.ts';

/**
 * kill -9 of the server while it sends a campaign by SMS to 300 people (a local gateway that
 * records every request). Restarted, the server finishes the campaign by itself. Compared with an
 * uninterrupted send: the same recipients and messages; every message that reached the gateway
 * reached it once (no Idempotency-Key twice); a message that was being handed over when the
 * server died is `unknown` (for a manager to check), never sent again.
 */
const PEOPLE = 300;
const ADMIN = { email: 'admin@kampanye.berdaya.id', password: 'rahasia-kampanye-123' };
type CampaignView = { id: string; status: string; stats: { recipients: number; delivery: Record<'queued' | 'sending' | 'sent' | 'failed' | 'unknown' | 'cancelled', number> } };

const databases: TestDatabase[] = [];
const dirs: string[] = [];
let server: ServerProcess | undefined;
const work = mkdtempSync(path.join(os.tmpdir(), 'berdaya-campaign-crash-'));
dirs.push(work);
afterAll(async () => {
  await server?.kill9();
  for (const d of databases) await d.destroy();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const roster = path.join(work, 'peserta.csv');
writeFileSync(
  roster,
  ['Nama Usaha;Nama Pemilik;No. HP;Jenis Kelamin;Kabupaten/Kota', ...Array.from({ length: PEOPLE }, (_, i) => `Usaha ${i};Pemilik ${i};0813${String(10_000_000 + i)};${i % 2 ? 'P' : 'L'};Jakarta Selatan`)].join('\n'),
);

/** A programme with the roster imported and one session to invite to; the server's environment. */
async function freshDatabase(gatewayUrl: string) {
  const testDb = await createTestDatabase();
  await testDb.database.close();
  databases.push(testDb);
  const dataDir = testDb.location.dataDir ? path.dirname(testDb.location.dataDir) : mkdtempSync(path.join(os.tmpdir(), 'berdaya-campaign-'));
  if (!testDb.location.dataDir) dirs.push(dataDir);
  const env = {
    ...cliEnv(testDb),
    BERDAYA_DATA_DIR: dataDir,
    BERDAYA_ADMIN_EMAIL: ADMIN.email,
    BERDAYA_ADMIN_PASSWORD: ADMIN.password,
    BERDAYA_SMS_URL: `${gatewayUrl}/sms`,
    BERDAYA_SMS_TOKEN: 'token-gateway',
    BERDAYA_OUTBOX_RATES: 'sms=60',
  };
  const created = await runCli(['program', 'create', '--code', 'KAMPANYE-2025', '--name', 'Uji kampanye', '--json'], env);
  if (created.code !== 0) throw new Error(created.stderr);
  const imported = await runCli(['import', 'participants', roster, '--program', 'KAMPANYE-2025', '--json'], env);
  if (imported.code !== 0) throw new Error(imported.stderr);
  expect(JSON.parse(imported.stdout)).toMatchObject({ total: PEOPLE, inserted: PEOPLE, rejected: 0 });
  const database = await openDatabase(testDb.location);
  let sessionId: string;
  try {
    const [programme] = await database.query<{ id: string }>(`SELECT id FROM programme WHERE code = 'KAMPANYE-2025'`);
    const [site] = await database.query<{ id: string }>(`INSERT INTO site (programme_id, name, type, region_code) VALUES ($1, 'Sentra', 'kabupaten_kota', '31.74') RETURNING id`, [programme?.id]);
    const [session] = await database.query<{ id: string }>(
      `INSERT INTO training_session (programme_id, site_id, title, modality, starts_at, ends_at, capacity, status) VALUES ($1, $2, 'Kelas Digital', 'in_person', '2030-03-01T02:00:00Z', '2030-03-01T05:00:00Z', 1000, 'open') RETURNING id`,
      [programme?.id, site?.id],
    );
    sessionId = session?.id as string;
  } finally {
    await database.close();
  }
  return { testDb, env, sessionId };
}

async function sendCampaign(url: string, sessionId: string) {
  const client = await httpSignIn(url, ADMIN.email, ADMIN.password);
  const { id: programmeId } = await client.json<{ id: string }>('/api/programs/by-code/KAMPANYE-2025');
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  const headers = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '', 'x-berdaya-csrf': '1', 'content-type': 'application/json' };
  const created = await fetch(`${url}/api/programs/${programmeId}/campaigns`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ name: 'Undangan', sessionId, channel: 'sms', filter: { willing: null, active: null } }),
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const sent = await fetch(`${url}/api/campaigns/${id}/send`, { method: 'POST', headers });
  expect(sent.status, await sent.clone().text()).toBeLessThan(300);
  return id;
}

async function until(url: string, id: string, done: (c: CampaignView) => boolean, timeoutMs = 150_000): Promise<CampaignView> {
  const client = await httpSignIn(url, ADMIN.email, ADMIN.password);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const campaign = await client.json<CampaignView>(`/api/campaigns/${id}`);
    if (done(campaign)) return campaign;
    if (Date.now() > deadline) throw new Error(`campaign did not get there: ${JSON.stringify(campaign)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
/** Every recipient's message written and in a final state (the recipients are written before their messages). */
const finished = (c: CampaignView) => {
  const { queued, sending, sent, failed, unknown, cancelled } = c.stats.delivery;
  return c.stats.recipients === PEOPLE && queued === 0 && sending === 0 && sent + failed + unknown + cancelled === PEOPLE;
};

describe('the server killed with SIGKILL during a campaign send', () => {
  it('finishes after a restart with the messages of an uninterrupted send, none sent twice', { timeout: 300_000 }, async () => {
    // The reference: an uninterrupted send.
    const referenceGateway = await startHttpProvider(() => ({ status: 200, body: { id: 'ok' } }));
    const reference = await freshDatabase(referenceGateway.url);
    server = await startServer(reference.env);
    const referenceId = await sendCampaign(server.url, reference.sessionId);
    const expected = await until(server.url, referenceId, finished);
    await server.stop();
    await referenceGateway.close();
    expect(expected.stats.delivery).toEqual({ queued: 0, sending: 0, sent: PEOPLE, failed: 0, unknown: 0, cancelled: 0 });
    expect(new Set(referenceGateway.received.map((r) => r.headers['idempotency-key'])).size).toBe(PEOPLE);

    // The victim: killed once a third of the messages reached the gateway.
    const gateway = await startHttpProvider(() => ({ status: 200, body: { id: 'ok' } }));
    const victim = await freshDatabase(gateway.url);
    server = await startServer(victim.env);
    const id = await sendCampaign(server.url, victim.sessionId);
    while (gateway.received.length < PEOPLE / 3) await new Promise((resolve) => setTimeout(resolve, 5));
    await server.kill9();
    const atKill = gateway.received.length;
    expect(atKill).toBeLessThan(PEOPLE);

    if (victim.testDb.location.databaseUrl) {
      // PostgreSQL: another server might still be handing a message over, so one in `sending` is
      // judged only when it is older than a few minutes. Move the clock on rather than wait.
      const db = await openDatabase(victim.testDb.location);
      await db.query("UPDATE outbox_message SET sending_at = now() - interval '1 hour' WHERE status = 'sending'");
      await db.query("UPDATE job SET heartbeat_at = now() - interval '5 minutes' WHERE status = 'running'");
      await db.close();
    }
    server = await startServer(victim.env);
    const after = await until(server.url, id, finished);
    await server.stop();
    server = undefined;
    await gateway.close();

    const keys = gateway.received.map((r) => String(r.headers['idempotency-key']));
    expect(keys.length, 'no message reached the gateway twice').toBe(new Set(keys).size);
    const { delivery } = after.stats;
    expect(after.stats.recipients).toBe(expected.stats.recipients);
    expect(delivery.sent + delivery.unknown).toBe(PEOPLE);
    expect(delivery.failed + delivery.cancelled + delivery.queued + delivery.sending).toBe(0);
    // Everything sent reached the gateway; an `unknown` one may or may not have (it was being handed over).
    expect(keys.length).toBeGreaterThanOrEqual(delivery.sent);
    expect(keys.length).toBeLessThanOrEqual(PEOPLE);
    const db = await openDatabase(victim.testDb.location);
    try {
      const [counts] = await db.query<{ messages: number; recipients: number }>(
        'SELECT (SELECT count(*)::int FROM outbox_message) AS messages, (SELECT count(*)::int FROM campaign_recipient) AS recipients',
      );
      expect(counts).toEqual({ messages: PEOPLE, recipients: PEOPLE });
    } finally {
      await db.close();
    }
    console.info(`campaign crash test: killed after ${atKill} of ${PEOPLE} messages; ${delivery.unknown} unknown after the restart`);
  });
});
