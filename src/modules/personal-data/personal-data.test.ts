import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { encryptPii, keyIdOf, newKey, type PiiKeys } from '../../core/pii-crypto.ts';
import { attendance, auditEvent, campaignRecipient, consentRecord, enrolment, msme, outboxMessage, person, programmeRetention } from '../../db/schema/index.ts';
import { makeOrganisation, makePartnership, makeProgramme, makeSite } from '../../../test/support/factories.ts';
import { storedKey } from '../../../test/support/personal-data.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { enrolPeople, makeModule, runQueuedJobs } from '../../../test/support/training.ts';
import type { ChannelAdapter, OutgoingMessage } from '../outbox/adapters.ts';
import { deliverDueMessages } from '../outbox/worker.ts';
import { reportParticipants } from '../reports/participant-report.ts';
import { piiKeys, usePiiKeys } from './keyring.ts';
import { migratePlaintextPersonalData } from './migrate-plaintext.ts';
import { countByKey, reencryptAll } from './rotate.ts';
import { decryptNik, decryptPhone, rejectedRowCells } from './values.ts';

let t: TestApp;
let admin: Client;
let manager: Client;
let coordinator: Client;
let ownerId: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn({ role: 'admin' });
  ownerId = (await makeOrganisation(t.ctx.db)).id;
  manager = await t.signIn({ role: 'program_manager', organisationId: ownerId });
  const partner = await makeOrganisation(t.ctx.db, { kind: 'ngo' });
  coordinator = await t.signIn({ role: 'partner_coordinator', organisationId: partner.id });
});
afterAll(() => t.close());

let serial = 0;
/** A valid NIK (Jakarta Selatan, born 12-03-1990) that no other test uses. */
function nik(): string {
  serial += 1;
  return `3174011203900${String(serial).padStart(3, '0')}`;
}

async function addByForm(programmeId: string, values: { nik?: string; phone?: string; name?: string }) {
  const res = await admin.post(`/api/programs/${programmeId}/participants`, { businessName: 'Warung Uji', ownerName: values.name ?? 'Sri Uji', regency: '31.74', ...values });
  expect(res.statusCode).toBe(201);
  return res.json().person.id as string;
}

async function audits(action: string, entityId: string) {
  return t.ctx.db.select().from(auditEvent).where(and(eq(auditEvent.action, action), eq(auditEvent.entityId, entityId)));
}

describe('NIK and phone at rest', () => {
  it('stores only ciphertext and keyed hashes, finds people by NIK and phone, and deduplicates on the hash', async () => {
    const p = await makeProgramme(t.ctx.db, { ownerOrganisationId: ownerId });
    const value = nik();
    const id = await addByForm(p.id, { nik: value, phone: '0812 7000 1001' });
    const raw = (await t.ctx.db.execute(sql`SELECT row_to_json(p)::text AS j FROM person p WHERE id = ${id}`)) as unknown as { rows: { j: string }[] };
    const json = raw.rows[0]?.j ?? '';
    expect(json).toContain(id);
    expect(json).not.toContain(value);
    expect(json).not.toContain('81270001001');
    const [row] = await t.ctx.db.select().from(person).where(eq(person.id, id));
    expect(row?.key).toBe(storedKey(`nik:${value}`));
    expect(keyIdOf(row?.nikCipher ?? '')).toBe('dev');
    expect([decryptNik(row?.nikCipher), decryptPhone(row?.phoneCipher)]).toEqual([value, '+6281270001001']);
    expect(row?.nikBirthYy).toBe(90);
    const [business] = await t.ctx.db.select().from(msme).where(eq(msme.ownerPersonId, id));
    expect(business?.key).toBe(row?.key);

    const search = async (q: string) => (await manager.get(`/api/programs/${p.id}/participants?q=${encodeURIComponent(q)}`)).json().items.map((i: { personId: string }) => i.personId);
    expect(await search(value)).toEqual([id]);
    expect(await search('+62 812-7000-1001')).toEqual([id]);
    // The same NIK typed again is the same person.
    const again = await admin.post(`/api/programs/${p.id}/participants`, { businessName: 'Warung Uji', ownerName: 'Sri Uji', nik: value, regency: '31.74' });
    expect(again.json()).toMatchObject({ existed: true, alreadyEnrolled: true, person: { id } });
  });

  it('reveals the full NIK only to admins and programme managers, each time as an audit event', async () => {
    const p = await makeProgramme(t.ctx.db, { ownerOrganisationId: ownerId });
    const value = nik();
    const id = await addByForm(p.id, { nik: value });
    expect((await manager.get(`/api/participants/${id}`)).json().person.nik).toBe(`${value.slice(0, 4)}********${value.slice(-4)}`);
    expect((await manager.post(`/api/participants/${id}/reveal`)).json()).toEqual({ nik: value });
    expect((await admin.post(`/api/participants/${id}/reveal`)).json()).toEqual({ nik: value });
    const events = await audits('personal_data.reveal', id);
    expect(events.map((e) => e.actorUserId).sort()).toEqual([manager.userId, admin.userId].sort());
    expect(JSON.stringify(events)).not.toContain(value);
    // Another programme manager's organisation: not found; a coordinator: forbidden at the door.
    const stranger = await t.signIn({ role: 'program_manager', organisationId: (await makeOrganisation(t.ctx.db)).id });
    expect((await stranger.post(`/api/participants/${id}/reveal`)).statusCode).toBe(404);
    expect((await coordinator.post(`/api/participants/${id}/reveal`)).statusCode).toBe(403);
  });
});

describe('consent ledger', () => {
  async function campaignSetup() {
    const p = await makeProgramme(t.ctx.db, { ownerOrganisationId: ownerId });
    const site = await makeSite(t.ctx.db, p.id, { name: 'Aula', regionCode: '31.74' });
    const m = await makeModule(t.ctx.db, p.id);
    const session = (
      await admin.post(`/api/programs/${p.id}/sessions`, { siteId: site.id, title: 'Kelas', modality: 'in_person', venue: 'Aula', startsAt: '2030-07-01T09:00', endsAt: '2030-07-01T12:00', capacity: 10, moduleIds: [m.id] })
    ).json() as { id: string };
    const [ani, budi, citra] = (await enrolPeople(t.ctx.db, p.id, [
      { name: 'Ani', phone: '+6281390000001' },
      { name: 'Budi', phone: '+6281390000002' },
      { name: 'Citra', phone: '+6281390000003' },
    ])) as [string, string, string];
    return { p, session, ani, budi, citra };
  }

  it('records consent with source and wording version, keeps the history, and withdrawing messaging stops messages at once', async () => {
    const s = await campaignSetup();
    const give = await manager.post(`/api/participants/${s.ani}/consents`, { purpose: 'messaging', granted: true, source: 'form', wordingVersion: '2024-07', programmeId: s.p.id });
    expect(give.statusCode).toBe(201);
    const created = await manager.post(`/api/programs/${s.p.id}/campaigns`, { name: 'Undangan', sessionId: s.session.id });
    await manager.post(`/api/campaigns/${created.json().id}/send`);
    await runQueuedJobs(t.ctx);
    const queued = await t.ctx.db.select().from(outboxMessage).where(eq(outboxMessage.campaignId, created.json().id));
    expect(queued.map((m) => m.status)).toEqual(['queued', 'queued', 'queued']);
    // Phone numbers wait in the outbox encrypted.
    expect(queued.every((m) => keyIdOf(m.address) === 'dev')).toBe(true);

    // Ani withdraws: her waiting message is cancelled now.
    const withdraw = await manager.post(`/api/participants/${s.ani}/consents`, { purpose: 'messaging', granted: false, source: 'admin', wordingVersion: '2024-07' });
    expect(withdraw.json()).toEqual({ cancelledMessages: 1 });
    // Budi withdraws "behind the API's back" (another process): the delivery loop still checks before sending.
    await t.ctx.db.insert(consentRecord).values({ personId: s.budi, purpose: 'messaging', granted: false, source: 'rsvp', wordingVersion: 'v1' });
    const sent: OutgoingMessage[] = [];
    const adapter: ChannelAdapter = { channel: 'log', send: async (m) => (sent.push(m), { providerMessageId: `uji-${sent.length}` }) };
    await deliverDueMessages({ database: t.ctx.database, adapters: { log: adapter }, sleep: async () => undefined });
    expect(sent.map((m) => m.address)).toEqual(['+6281390000003']);
    const after = await t.ctx.db.select({ recipient: campaignRecipient.personId, status: outboxMessage.status, lastError: outboxMessage.lastError }).from(outboxMessage).innerJoin(campaignRecipient, eq(campaignRecipient.id, outboxMessage.recipientId)).where(eq(outboxMessage.campaignId, created.json().id));
    expect(Object.fromEntries(after.map((r) => [r.recipient, [r.status, r.lastError]]))).toEqual({
      [s.ani]: ['cancelled', 'consent_withdrawn'],
      [s.budi]: ['cancelled', 'consent_withdrawn'],
      [s.citra]: ['sent', null],
    });
    // Later campaigns skip them.
    expect((await manager.post(`/api/programs/${s.p.id}/campaigns/preview`, { name: 'x', sessionId: s.session.id })).json()).toMatchObject({ matched: 3, recipients: 1, skipped: { opted_out: 2 } });

    const ledger = (await manager.get(`/api/participants/${s.ani}/consents`)).json();
    expect(ledger.history.map((c: { granted: boolean; source: string; wordingVersion: string }) => [c.granted, c.source, c.wordingVersion])).toEqual([
      [false, 'admin', '2024-07'],
      [true, 'form', '2024-07'],
    ]);
    expect(ledger.current).toHaveLength(1);
    expect(ledger.current[0]).toMatchObject({ purpose: 'messaging', granted: false });
    // Who recorded it: the manager through the API; nobody for the row written by another process.
    expect(ledger.history[0].recordedBy).toMatchObject({ id: manager.userId });
    expect(ledger.history[0].recordedBy.name).not.toBe('');
    const budi = (await manager.get(`/api/participants/${s.budi}/consents`)).json();
    expect(budi.history.map((c: { recordedBy: unknown }) => c.recordedBy)).toEqual([null]);
    expect(await audits('consent.withdrawn', s.ani)).toHaveLength(1);
  });

  it('hides a person from partner staff once they withdraw sharing with that partner, and validates the partner', async () => {
    const partner = await makeOrganisation(t.ctx.db, { kind: 'ngo' });
    const staff = await t.signIn({ role: 'partner_coordinator', organisationId: partner.id });
    const p = await makeProgramme(t.ctx.db, { ownerOrganisationId: ownerId });
    await makePartnership(t.ctx.db, p.id, partner.id);
    const id = await addByForm(p.id, { phone: '+6281390000099', name: 'Dewi Mitra' });
    const names = async () => (await staff.get(`/api/programs/${p.id}/participants`)).json().items.map((i: { name: string }) => i.name);
    expect(await names()).toEqual(['Dewi Mitra']);
    const missing = await manager.post(`/api/participants/${id}/consents`, { purpose: 'partner_sharing', granted: false, wordingVersion: 'v1' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toEqual({ partnerOrganisationId: 'Pilih organisasi mitra untuk persetujuan berbagi data' });
    expect((await manager.post(`/api/participants/${id}/consents`, { purpose: 'partner_sharing', granted: false, wordingVersion: 'v1', partnerOrganisationId: partner.id })).statusCode).toBe(201);
    expect(await names()).toEqual([]);
    expect((await staff.get(`/api/participants/${id}`)).statusCode).toBe(404);
    // The owner's staff still see the person.
    expect((await manager.get(`/api/participants/${id}`)).statusCode).toBe(200);
  });
});

describe('data-subject rights', () => {
  it('exports everything held about a person as JSON and PDF, each export an audit event', async () => {
    const p = await makeProgramme(t.ctx.db, { ownerOrganisationId: ownerId, code: `DSR-${randomUUID().slice(0, 6).toUpperCase()}` });
    const value = nik();
    const id = await addByForm(p.id, { nik: value, phone: '+6281390001234', name: 'Rina Ekspor' });
    await manager.post(`/api/participants/${id}/consents`, { purpose: 'messaging', granted: true, source: 'form', wordingVersion: '2024-07' });
    const json = await admin.get(`/api/participants/${id}/personal-data?format=json`);
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-disposition']).toContain('attachment');
    const data = JSON.parse(json.body);
    expect(data.person).toMatchObject({ id, name: 'Rina Ekspor', nik: value, phone: '+6281390001234' });
    expect(data.businesses).toHaveLength(1);
    expect(data.enrolments.map((e: { programme: { code: string } }) => e.programme.code)).toEqual([p.code]);
    expect(data.consents).toMatchObject([{ purpose: 'messaging', granted: true, source: 'form', wordingVersion: '2024-07' }]);
    const pdf = await admin.get(`/api/participants/${id}/personal-data?format=pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await audits('personal_data.export', id)).map((e) => (e.details as { format: string }).format).sort()).toEqual(['json', 'pdf']);
    // Only admins act on a person's behalf.
    expect((await manager.get(`/api/participants/${id}/personal-data`)).statusCode).toBe(403);
  });

  it('erases personal fields irreversibly while enrolment, attendance and report counts stay the same', async () => {
    const p = await makeProgramme(t.ctx.db, { ownerOrganisationId: ownerId });
    const value = nik();
    const erased = await addByForm(p.id, { nik: value, phone: '+6281390005555', name: 'Hapus Saya' });
    const kept = await addByForm(p.id, { phone: '+6281390005556', name: 'Tetap Ada' });
    await admin.patch(`/api/participants/${erased}`, { email: 'hapus@contoh.id', gender: 'female' });
    await t.ctx.db.insert(attendance).values([erased, kept].map((personId) => ({ programmeId: p.id, sessionId: randomUUID(), personId, method: 'manual' as const, clientId: randomUUID(), capturedAt: new Date() })));
    const counts = async () => {
      const [row] = (
        (await t.ctx.db.execute(sql`SELECT (SELECT count(*)::int FROM enrolment WHERE programme_id = ${p.id}) AS enrolments,
          (SELECT count(*)::int FROM attendance WHERE programme_id = ${p.id}) AS attendance,
          (SELECT count(*)::int FROM msme m JOIN enrolment e ON e.msme_id = m.id WHERE e.programme_id = ${p.id}) AS businesses`)) as unknown as { rows: Record<string, number>[] }
      ).rows;
      return { ...row, report: await reportParticipants(t.ctx.db, p.id) };
    };
    const before = await counts();
    expect(before).toMatchObject({ enrolments: 2, attendance: 2, businesses: 2, report: { total: 2, female: 1, byProvince: { '31': 2 } } });

    expect((await manager.post(`/api/participants/${erased}/erase`, { reference: 'SURAT-1' })).statusCode).toBe(403);
    const res = await admin.post(`/api/participants/${erased}/erase`, { reference: 'SURAT-1' });
    expect(res.statusCode).toBe(200);
    expect(await counts()).toEqual(before);

    const [row] = await t.ctx.db.select().from(person).where(eq(person.id, erased));
    expect(row).toMatchObject({ name: 'Dihapus', key: `anon:${erased}`, nikCipher: null, nikHash: null, phoneCipher: null, phoneHash: null, email: null, gender: 'female' });
    const [business] = await t.ctx.db.select().from(msme).where(eq(msme.ownerPersonId, erased));
    expect(business).toMatchObject({ businessName: 'Dihapus', nib: null, address: null, regencyCode: '31.74' });
    // Not findable any more, and the same NIK registers as a new person.
    expect((await manager.get(`/api/programs/${p.id}/participants?q=${value}`)).json().items).toEqual([]);
    const again = await admin.post(`/api/programs/${p.id}/participants`, { businessName: 'Warung Baru', ownerName: 'Orang Baru', nik: value, regency: '31.74' });
    expect(again.json()).toMatchObject({ existed: false });
    expect((await admin.post(`/api/participants/${erased}/erase`, { reference: 'SURAT-2' })).statusCode).toBe(409);
    const [event] = await audits('personal_data.erase', erased);
    expect(event?.details).toEqual({ reference: 'SURAT-1' });
  });
});

describe('retention', () => {
  it('anonymises people of programmes past their retention period, except those still in a live programme', async () => {
    const ended = await makeProgramme(t.ctx.db, { ownerOrganisationId: ownerId, startDate: '2020-01-01', endDate: '2022-01-31' });
    const recent = await makeProgramme(t.ctx.db, { ownerOrganisationId: ownerId, startDate: '2020-01-01', endDate: '2022-01-31' });
    const live = await makeProgramme(t.ctx.db, { ownerOrganisationId: ownerId });
    const [onlyEnded, alsoLive, inRecent] = (await enrolPeople(t.ctx.db, ended.id, [{ name: 'Lama' }, { name: 'Masih Aktif' }, { name: 'Baru' }])) as [string, string, string];
    await t.ctx.db.insert(enrolment).values({ programmeId: live.id, personId: alsoLive, source: 'manual' });
    await t.ctx.db.insert(enrolment).values({ programmeId: recent.id, personId: inRecent, source: 'manual' });
    expect((await manager.put(`/api/programs/${ended.id}/retention`, { months: 12 })).json()).toEqual({ months: 12, appliedAt: null });
    // Ended at the same time but kept for 20 years: its people stay.
    await manager.put(`/api/programs/${recent.id}/retention`, { months: 240 });
    expect((await coordinator.put(`/api/programs/${ended.id}/retention`, { months: 1 })).statusCode).toBe(403);

    const run = await admin.post('/api/personal-data/retention/run');
    expect(run.statusCode).toBe(202);
    await runQueuedJobs(t.ctx);
    const people = await t.ctx.db.select({ id: person.id, name: person.name, anonymisedAt: person.anonymisedAt }).from(person).where(sql`${person.id} IN (${onlyEnded}, ${alsoLive}, ${inRecent})`);
    expect(Object.fromEntries(people.map((r) => [r.id, r.anonymisedAt !== null]))).toEqual({ [onlyEnded]: true, [alsoLive]: false, [inRecent]: false });
    expect(await t.ctx.db.select().from(enrolment).where(eq(enrolment.programmeId, ended.id))).toHaveLength(3);
    const [setting] = await t.ctx.db.select().from(programmeRetention).where(eq(programmeRetention.programmeId, ended.id));
    expect(setting?.appliedAt).not.toBeNull();
  });
});

describe('plaintext migration and key rotation', () => {
  it('moves plaintext left by older versions into the encrypted columns and rewrites the identity keys', async () => {
    const p = await makeProgramme(t.ctx.db, { ownerOrganisationId: ownerId });
    const [id] = (await enrolPeople(t.ctx.db, p.id, [{ name: 'Versi Lama', phone: null }])) as [string];
    const value = nik();
    const oldKey = `nik:${value}`;
    await t.ctx.db.update(person).set({ key: oldKey }).where(eq(person.id, id));
    await t.ctx.db.update(msme).set({ key: oldKey }).where(eq(msme.ownerPersonId, id));
    await t.ctx.db.execute(sql`CREATE TABLE pii_plaintext_stash AS SELECT id AS person_id, key AS old_key, ${value}::text AS nik, '+6281390007777'::text AS phone FROM person WHERE id = ${id}`);
    expect(await migratePlaintextPersonalData(t.ctx.database, piiKeys())).toBe(1);
    const [row] = await t.ctx.db.select().from(person).where(eq(person.id, id));
    expect(row?.key).toBe(storedKey(oldKey));
    expect([decryptNik(row?.nikCipher), decryptPhone(row?.phoneCipher)]).toEqual([value, '+6281390007777']);
    expect((await t.ctx.db.select().from(msme).where(eq(msme.ownerPersonId, id)))[0]?.key).toBe(storedKey(oldKey));
    const [gone] = ((await t.ctx.db.execute(sql`SELECT to_regclass('public.pii_plaintext_stash')::text AS t`)) as unknown as { rows: { t: string | null }[] }).rows;
    expect(gone?.t).toBeNull();
  });

  it('re-encrypts every value with a new key in batches, resumably, without changing a single value', async () => {
    const p = await makeProgramme(t.ctx.db, { ownerOrganisationId: ownerId });
    const ids = await Promise.all([nik(), nik(), nik()].map((value, i) => addByForm(p.id, { nik: value, phone: `+62813900088${i}0`, name: `Rotasi ${i}` })));
    // Rejected roster rows kept for their error report (three, to page through them two at a time).
    const stagingJob = randomUUID();
    for (const line of [2, 3, 4]) {
      await t.ctx.database.query(`INSERT INTO import_row (job_id, line, reason, raw) VALUES ($1, $2, 'nik_invalid', $3)`, [stagingJob, line, encryptPii(piiKeys(), 'row', JSON.stringify([`Toko ${line}`, '3.20101E+15']))]);
    }
    const stagedCells = async () => (await t.ctx.database.query<{ raw: string }>(`SELECT raw FROM import_row WHERE job_id = $1 ORDER BY line`, [stagingJob])).map((r) => rejectedRowCells(r.raw));
    const plain = async () => [...(await t.ctx.db.select().from(person).orderBy(person.id)).map((r) => [r.id, decryptNik(r.nikCipher), decryptPhone(r.phoneCipher)]), ...(await stagedCells())];
    const before = await plain();
    expect(before.slice(-3)).toEqual([2, 3, 4].map((line) => [`Toko ${line}`, '3.20101E+15']));
    const old = piiKeys();
    const rotated: PiiKeys = { currentId: 'k2', keys: { ...old.keys, k2: newKey() }, indexKey: old.indexKey };
    try {
      usePiiKeys(rotated, 'file');
      const rewritten = await reencryptAll(t.ctx.database, rotated, { batch: 2 });
      expect(rewritten).toBeGreaterThanOrEqual(9);
      expect(Object.keys(await countByKey(t.ctx.database))).toEqual(['k2']);
      expect(await plain()).toEqual(before);
      // Running again (a resumed rotation) has nothing left to do; hashes and keys never change.
      expect(await reencryptAll(t.ctx.database, rotated)).toBe(0);
      const [first] = await t.ctx.db.select().from(person).where(eq(person.id, ids[0] ?? ''));
      expect(first?.key.startsWith('nik:')).toBe(true);
      // A key not in the keyring cannot read the values.
      expect(() => decryptNik(first?.nikCipher ? first.nikCipher.replace('$k2$', '$zz$') : null)).toThrow();
    } finally {
      // Back to the development key for the other tests of this file.
      await reencryptAll(t.ctx.database, { ...rotated, currentId: old.currentId });
      usePiiKeys(old, 'development');
    }
  });
});
