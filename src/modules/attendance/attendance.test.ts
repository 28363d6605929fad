import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { attendance, person, sessionParticipant, syncRejection } from '../../db/schema/index.ts';
import { makeOrganisation, makePartnership, makeProgramme, makeSite } from '../../../test/support/factories.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { clientId, enrolPeople, makeModule } from '../../../test/support/training.ts';
import { phoneHash } from '../personal-data/values.ts';

let t: TestApp;
let admin: Client;
let trainerA: Client;
let trainerB: Client;
let coordinator: Client;
let partnerId: string;

// Sign-in is rate-limited per address: the same few accounts serve every programme below.
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn({ role: 'admin' });
  trainerA = await t.signIn({ role: 'trainer' });
  trainerB = await t.signIn({ role: 'trainer' });
  partnerId = (await makeOrganisation(t.ctx.db, { kind: 'ngo' })).id;
  coordinator = await t.signIn({ role: 'partner_coordinator', organisationId: partnerId });
});
afterAll(() => t.close());

/**
 * A programme with a learning path of three modules (90 + 90 + 60 minutes, complete at 80 %),
 * trainer A running S1 (modules 1 and 2), S2 (module 3) and S4 (cancelled), trainer B running S3.
 */
async function setup() {
  const owner = await makeOrganisation(t.ctx.db);
  const p = await makeProgramme(t.ctx.db, { ownerOrganisationId: owner.id });
  await makePartnership(t.ctx.db, p.id, partnerId);
  const site = await makeSite(t.ctx.db, p.id, { regionCode: '53.15' });
  const m1 = await makeModule(t.ctx.db, p.id, { durationMinutes: 90 });
  const m2 = await makeModule(t.ctx.db, p.id, { durationMinutes: 90 });
  const m3 = await makeModule(t.ctx.db, p.id, { durationMinutes: 60 });
  await admin.put(`/api/programs/${p.id}/learning-path`, { moduleIds: [m1.id, m2.id, m3.id], completionMinPercent: 80 });
  const session = async (title: string, moduleIds: string[], trainer: Client, day: number, capacity = 30) =>
    (
      await admin.post(`/api/programs/${p.id}/sessions`, {
        siteId: site.id,
        title,
        modality: 'in_person',
        startsAt: `2030-06-${String(day).padStart(2, '0')}T09:00`,
        endsAt: `2030-06-${String(day).padStart(2, '0')}T12:00`,
        capacity,
        moduleIds,
        trainerIds: [trainer.userId],
      })
    ).json() as { id: string };
  const s1 = await session('S1', [m1.id, m2.id], trainerA, 1);
  const s2 = await session('S2', [m3.id], trainerA, 2);
  const s3 = await session('S3', [m1.id], trainerB, 3);
  const s4 = await session('S4', [m1.id], trainerA, 4);
  await admin.patch(`/api/sessions/${s4.id}`, { status: 'cancelled' });
  const [p1, p2, p3] = (await enrolPeople(t.ctx.db, p.id, [{ name: 'Sri Wahyuni' }, { name: 'Budi Santoso' }, { name: 'Dewi Lestari' }])) as [string, string, string];
  const outsider = (await enrolPeople(t.ctx.db, (await makeProgramme(t.ctx.db)).id, [{ name: 'Orang Luar' }]))[0] as string;
  return { p, site, m1, m2, m3, trainerA, trainerB, coordinator, s1, s2, s3, s4, p1, p2, p3, outsider };
}

const record = (sessionId: string, personId: string, extra: Record<string, unknown> = {}) => ({
  clientId: clientId(),
  sessionId,
  personId,
  method: 'offline',
  capturedAt: '2030-06-01T09:15:00+08:00',
  ...extra,
});

function shuffle<T>(items: T[]): T[] {
  return items
    .map((item, i) => ({ item, key: (i * 7919) % 13 }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.item);
}

describe('attendance sync', () => {
  it('stores each record exactly once: the same batch twice, shuffled, with duplicates inside', async () => {
    const s = await setup();
    const r1 = record(s.s1.id, s.p1);
    const r2 = record(s.s1.id, s.p2, { method: 'qr' });
    const sameRecordAgain = { ...r1 };
    const samePersonOtherDevice = record(s.s1.id, s.p1, { method: 'manual' });
    const batch = [r1, r2, sameRecordAgain, samePersonOtherDevice];

    const first = await s.trainerA.post('/api/sync/attendance', { records: batch });

    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ accepted: 2, duplicates: 2, rejected: [] });
    expect((await s.trainerA.post('/api/sync/attendance', { records: batch })).json()).toEqual({ accepted: 0, duplicates: 4, rejected: [] });
    const r3 = record(s.s1.id, s.p3);
    expect((await s.trainerA.post('/api/sync/attendance', { records: shuffle([...batch, r3, r3]) })).json()).toEqual({ accepted: 1, duplicates: 5, rejected: [] });
    for (let i = 0; i < 3; i++) await s.trainerA.post('/api/sync/attendance', { records: shuffle([r3, r2, r1]) });

    const stored = await t.ctx.db.select().from(attendance).where(eq(attendance.sessionId, s.s1.id));
    expect(stored.map((a) => a.personId).sort()).toEqual([s.p1, s.p2, s.p3].sort());
    expect(stored.find((a) => a.personId === s.p1)).toMatchObject({ clientId: r1.clientId, method: 'offline', capturedAt: new Date('2030-06-01T01:15:00Z'), recordedBy: s.trainerA.userId });
    // People present without a booking joined the roster.
    const roster = await t.ctx.db.select().from(sessionParticipant).where(eq(sessionParticipant.sessionId, s.s1.id));
    expect(roster.map((r) => r.source)).toEqual(['attendance', 'attendance', 'attendance']);
    const detail = (await s.trainerA.get(`/api/sessions/${s.s1.id}`)).json();
    expect(detail).toMatchObject({ rosterCount: 3, attendedCount: 3, attendanceRate: 1 });
    // Each call is audited with its counts, in the same statement as the records it stored.
    const audited = await t.ctx.database.query<{ details: unknown; actor_user_id: string }>(
      `SELECT details, actor_user_id FROM audit_event WHERE action = 'attendance.sync' AND programme_id = $1 ORDER BY id`,
      [s.p.id],
    );
    expect(audited.map((a) => a.details).slice(0, 3)).toEqual([
      { accepted: 2, duplicates: 2, rejected: 0 },
      { accepted: 0, duplicates: 4, rejected: 0 },
      { accepted: 1, duplicates: 5, rejected: 0 },
    ]);
    expect(audited).toHaveLength(6);
    expect(new Set(audited.map((a) => a.actor_user_id))).toEqual(new Set([s.trainerA.userId]));
  });

  it('refuses with a reason, keeps every refusal for the trainer, and resolves it when the record is later accepted', async () => {
    const s = await setup();
    // A programme trainer A has nothing to do with.
    const foreignP = await makeProgramme(t.ctx.db);
    const foreignSite = await makeSite(t.ctx.db, foreignP.id);
    const foreignModule = await makeModule(t.ctx.db, foreignP.id);
    const foreignPerson = (await enrolPeople(t.ctx.db, foreignP.id, [{}]))[0] as string;
    const foreign = {
      p1: foreignPerson,
      s1: (
        await admin.post(`/api/programs/${foreignP.id}/sessions`, { siteId: foreignSite.id, title: 'Luar', modality: 'in_person', startsAt: '2030-06-01T09:00', endsAt: '2030-06-01T10:00', capacity: 5, moduleIds: [foreignModule.id], trainerIds: [trainerB.userId] })
      ).json() as { id: string },
    };
    const records = {
      unknownSession: record(crypto.randomUUID(), s.p1),
      notAUuid: record('sesi-1', s.p1),
      cancelled: record(s.s4.id, s.p1),
      notYours: record(s.s3.id, s.p1),
      otherProgramme: record(foreign.s1.id, foreign.p1),
      outsider: record(s.s1.id, s.outsider),
      nobody: record(s.s1.id, crypto.randomUUID()),
      badMethod: record(s.s1.id, s.p1, { method: 'telepati' }),
      badTime: record(s.s1.id, s.p1, { capturedAt: 'kemarin' }),
    };
    const res = (await s.trainerA.post('/api/sync/attendance', { records: Object.values(records) })).json();

    const reasons = Object.fromEntries(res.rejected.map((r: { clientId: string; reason: string }) => [r.clientId, r.reason]));
    expect(res).toMatchObject({ accepted: 0, duplicates: 0 });
    expect(Object.fromEntries(Object.entries(records).map(([name, r]) => [name, reasons[r.clientId]]))).toEqual({
      unknownSession: 'unknown_session',
      notAUuid: 'unknown_session',
      cancelled: 'session_cancelled',
      notYours: 'not_your_session',
      otherProgramme: 'unknown_session',
      outsider: 'unknown_person',
      nobody: 'unknown_person',
      badMethod: 'invalid_record',
      badTime: 'invalid_record',
    });
    // Audited per programme; refusals naming no session the caller may see, under no programme.
    const audit = async (programmeId: string | null) =>
      (
        await t.ctx.database.query<{ details: unknown }>(
          `SELECT details FROM audit_event WHERE action = 'attendance.sync' AND actor_user_id = $1 AND programme_id IS NOT DISTINCT FROM $2::uuid ORDER BY id DESC LIMIT 1`,
          [s.trainerA.userId, programmeId],
        )
      )[0]?.details;
    expect(await audit(s.p.id)).toEqual({ accepted: 0, duplicates: 0, rejected: 6 });
    expect(await audit(null)).toEqual({ accepted: 0, duplicates: 0, rejected: 3 });

    // Kept and shown to the trainer who sent them, in their language; nothing silently dropped.
    const listed = (await s.trainerA.get('/api/sync/rejections')).json().items;
    expect(listed).toHaveLength(9);
    const cancelled = listed.find((r: { clientId: string }) => r.clientId === records.cancelled.clientId);
    expect(cancelled).toMatchObject({ reason: 'session_cancelled', message: 'Sesi sudah dibatalkan', session: { id: s.s4.id, title: 'S4' }, person: { name: 'Sri Wahyuni' }, attempts: 1, resolvedAt: null });
    expect(cancelled.record).toEqual(records.cancelled);
    expect((await s.trainerB.get('/api/sync/rejections')).json().items).toEqual([]);
    const en = (await s.trainerA.get('/api/sync/rejections', { 'accept-language': 'en' })).json().items;
    expect(en.find((r: { reason: string }) => r.reason === 'not_your_session').message).toBe('You are not a trainer of this session');

    // Sending them again does not add rows; it counts the attempt.
    await s.trainerA.post('/api/sync/attendance', { records: Object.values(records) });
    expect(await t.ctx.db.select().from(syncRejection).where(eq(syncRejection.submittedBy, s.trainerA.userId))).toHaveLength(9);
    expect((await t.ctx.db.select().from(syncRejection).where(eq(syncRejection.clientId, records.cancelled.clientId)))[0]?.attempts).toBe(2);

    // The session is reinstated: the same record is accepted and its refusal resolved.
    await admin.patch(`/api/sessions/${s.s4.id}`, { status: 'planned' });
    expect((await s.trainerA.post('/api/sync/attendance', { records: [records.cancelled] })).json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    expect((await s.trainerA.get('/api/sync/rejections')).json().items).toHaveLength(8);
    const all = (await s.trainerA.get('/api/sync/rejections?includeResolved=true')).json().items;
    expect(all.find((r: { clientId: string }) => r.clientId === records.cancelled.clientId).resolvedAt).not.toBeNull();

    // Cancelled after it was accepted: a resend is still a duplicate, not a refusal.
    await admin.patch(`/api/sessions/${s.s4.id}`, { status: 'cancelled' });
    expect((await s.trainerA.post('/api/sync/attendance', { records: [records.cancelled] })).json()).toEqual({ accepted: 0, duplicates: 1, rejected: [] });

    // Organisers see every refusal of their programme; trainers may not.
    const programmeWide = (await s.coordinator.get(`/api/sync/rejections?programmeId=${s.p.id}`)).json().items;
    expect(programmeWide.map((r: { reason: string }) => r.reason).sort()).toEqual(['invalid_record', 'invalid_record', 'not_your_session', 'unknown_person', 'unknown_person']);
    expect((await s.trainerA.get(`/api/sync/rejections?programmeId=${s.p.id}`)).statusCode).toBe(403);
  });

  it('lets only people who take attendance sync, and validates the batch shape', async () => {
    const s = await setup();
    const viewer = await t.signIn({ role: 'viewer' });
    expect((await viewer.post('/api/sync/attendance', { records: [record(s.s1.id, s.p1)] })).statusCode).toBe(403);
    expect((await t.anonymous.post('/api/sync/attendance', { records: [] })).statusCode).toBe(401);
    const missing = await s.trainerA.post('/api/sync/attendance', { records: [{ sessionId: s.s1.id }] });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toHaveProperty(['records.0.clientId']);
    // Organisers may record attendance for any session of their programme.
    expect((await s.coordinator.post('/api/sync/attendance', { records: [record(s.s3.id, s.p2)] })).json().accepted).toBe(1);
  });
});

describe('QR check-in', () => {
  it('verifies the personal signed token, refuses a tampered or foreign one, and is idempotent', async () => {
    const s = await setup();
    const code = (await admin.get(`/api/programs/${s.p.id}/check-in-codes/${s.p1}`)).json();
    expect(code.svg).toContain('<svg');
    expect(code).toMatchObject({ personId: s.p1, programmeId: s.p.id });
    const first = (await s.trainerA.post(`/api/sessions/${s.s2.id}/check-in`, { token: code.token, clientId: clientId() })).json();
    expect(first).toEqual({ outcome: 'accepted', reason: null, message: 'Sri Wahyuni tercatat hadir', person: { id: s.p1, name: 'Sri Wahyuni' } });
    const again = (await s.trainerA.post(`/api/sessions/${s.s2.id}/check-in`, { token: code.token, clientId: clientId() })).json();
    expect(again).toMatchObject({ outcome: 'duplicate', message: 'Sri Wahyuni sudah tercatat hadir sebelumnya' });

    const [payload, signature] = code.token.split('.');
    const tampered = `${payload.slice(0, -2)}${payload.endsWith('A') ? 'B' : 'A'}${payload.slice(-1)}.${signature}`;
    const bad = await s.trainerA.post(`/api/sessions/${s.s2.id}/check-in`, { token: tampered, clientId: clientId() });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({ token: 'Kode QR tidak valid' });
    const foreign = await setup();
    const foreignCode = (await admin.get(`/api/programs/${foreign.p.id}/check-in-codes/${foreign.p1}`)).json();
    expect((await s.trainerA.post(`/api/sessions/${s.s2.id}/check-in`, { token: foreignCode.token, clientId: clientId() })).json().error.fields).toEqual({ token: 'Kode QR ini untuk program lain' });
    expect((await s.trainerB.post(`/api/sessions/${s.s2.id}/check-in`, { token: code.token, clientId: clientId() })).statusCode).toBe(404);
    const cancelled = (await s.trainerA.post(`/api/sessions/${s.s4.id}/check-in`, { token: code.token, clientId: clientId() })).json();
    expect(cancelled).toMatchObject({ outcome: 'rejected', reason: 'session_cancelled' });
    expect((await admin.get(`/api/programs/${s.p.id}/check-in-codes/${s.outsider}`)).statusCode).toBe(404);
    expect((await s.trainerA.get(`/api/programs/${s.p.id}/check-in-codes/${s.p1}`)).statusCode).toBe(403);
  });
});

describe('walk-ins', () => {
  it('registers a walk-in with the registry validation, puts them on the roster even when full, and marks them present once', async () => {
    const s = await setup();
    const small = (await admin.post(`/api/programs/${s.p.id}/sessions`, { siteId: s.site.id, title: 'Kecil', modality: 'in_person', startsAt: '2030-06-09T09:00', endsAt: '2030-06-09T10:00', capacity: 1, moduleIds: [s.m1.id], trainerIds: [s.trainerA.userId] })).json();
    await admin.post(`/api/sessions/${small.id}/participants`, { personIds: [s.p1] });
    const walkIn = { businessName: 'Kopi Flores', ownerName: 'Maria Goreti', phone: '0813 5555 0101', regency: 'Manggarai Barat', gender: 'female', clientId: clientId() };
    const invalid = await s.trainerA.post(`/api/sessions/${small.id}/walk-ins`, { ...walkIn, phone: '021-555' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.fields).toEqual({ phone: 'Bukan nomor seluler Indonesia (contoh: 0812… atau +62812…)' });

    const res = await s.trainerA.post(`/api/sessions/${small.id}/walk-ins`, walkIn);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ existed: false, overCapacity: true, attendance: 'accepted' });
    const replay = (await s.trainerA.post(`/api/sessions/${small.id}/walk-ins`, walkIn)).json();
    expect(replay).toMatchObject({ personId: res.json().personId, existed: true, attendance: 'duplicate' });
    expect(await t.ctx.db.select().from(person).where(eq(person.phoneHash, phoneHash('+6281355550101')))).toHaveLength(1);
    const roster = (await s.trainerA.get(`/api/sessions/${small.id}`)).json().roster;
    expect(roster.map((r: { name: string; source: string; attendance: unknown }) => [r.name, r.source, r.attendance !== null])).toEqual([
      ['Maria Goreti', 'walk_in', true],
      ['Sri Wahyuni', 'manual', false],
    ]);
    expect((await s.trainerB.post(`/api/sessions/${small.id}/walk-ins`, walkIn)).statusCode).toBe(404);
  });
});

describe('attendance rates and completion', () => {
  it('computes hours attended over path hours per participant and the completion flag per the learning-path rule', async () => {
    const s = await setup();
    await s.trainerA.post('/api/sync/attendance', { records: [record(s.s1.id, s.p1), record(s.s1.id, s.p2), record(s.s2.id, s.p1)] });
    await admin.post(`/api/sessions/${s.s2.id}/participants`, { personIds: [s.p3] });
    // Attending the same module twice counts once.
    await s.trainerB.post('/api/sync/attendance', { records: [record(s.s3.id, s.p2)] });

    const progress = (await s.coordinator.get(`/api/programs/${s.p.id}/progress`)).json();
    expect(progress).toMatchObject({ completionMinPercent: 80, pathMinutes: 240 });
    const byName = Object.fromEntries(progress.items.map((i: { name: string }) => [i.name, i]));
    expect(byName['Sri Wahyuni']).toMatchObject({ attendedMinutes: 240, percent: 100, completed: true, sessionsAttended: 2 });
    expect(byName['Budi Santoso']).toMatchObject({ attendedMinutes: 180, percent: 75, completed: false, sessionsAttended: 2 });
    expect(byName['Dewi Lestari']).toMatchObject({ attendedMinutes: 0, percent: 0, completed: false });
    expect((await s.coordinator.get(`/api/programs/${s.p.id}/progress?completed=true`)).json().items.map((i: { name: string }) => i.name)).toEqual(['Sri Wahyuni']);

    await admin.put(`/api/programs/${s.p.id}/learning-path`, { moduleIds: [s.m1.id, s.m2.id, s.m3.id], completionMinPercent: 75 });
    const budi = (await s.coordinator.get(`/api/programs/${s.p.id}/progress/${s.p2}`)).json();
    expect(budi).toMatchObject({ name: 'Budi Santoso', percent: 75, completed: true });
    expect(budi.sessions.map((x: { title: string; attended: boolean }) => [x.title, x.attended])).toEqual([
      ['S1', true],
      ['S3', true],
    ]);
    // Per session: attended share of the roster.
    expect((await admin.get(`/api/sessions/${s.s2.id}`)).json()).toMatchObject({ rosterCount: 2, attendedCount: 1, attendanceRate: 0.5 });
    const viewer = await t.signIn({ role: 'viewer' });
    expect((await viewer.get(`/api/programs/${s.p.id}/progress`)).statusCode).toBe(403);
    expect((await s.trainerA.get(`/api/programs/${s.p.id}/progress`)).statusCode).toBe(403);
  });
});

describe('offline participant edits', () => {
  it('applies an edit made on the current version, keeps a stale one as a conflict with both versions, and lets a coordinator decide', async () => {
    const s = await setup();
    await admin.post(`/api/sessions/${s.s1.id}/participants`, { personIds: [s.p1, s.p2] });
    const roster = (await s.trainerA.get(`/api/sessions/${s.s1.id}`)).json().roster;
    const version = roster.find((r: { personId: string }) => r.personId === s.p1).version;
    const edit = (values: Record<string, unknown>, baseVersion = version, personId = s.p1, sessionId = s.s1.id) => ({ clientId: clientId(), sessionId, personId, baseVersion, values, editedAt: '2030-06-01T10:00:00+08:00' });

    const first = edit({ email: 'sri@contoh.id' });
    const applied = (await s.trainerA.post('/api/sync/participants', { edits: [first] })).json().results[0];
    expect(applied).toMatchObject({ outcome: 'applied', conflictId: null });
    expect(applied.version).not.toBe(version);
    expect((await s.trainerA.post('/api/sync/participants', { edits: [first] })).json().results[0].outcome).toBe('duplicate');

    // Meanwhile the office edits her too; the phone's next edit still carries the old version.
    await admin.patch(`/api/participants/${s.p1}`, { email: 'kantor@contoh.id' });
    const stale = edit({ email: 'sri.lain@contoh.id', businessName: 'Warung Sri Baru' }, applied.version);
    const conflict = (await s.trainerA.post('/api/sync/participants', { edits: [stale] })).json().results[0];
    expect(conflict).toMatchObject({ outcome: 'conflict' });
    const [now] = await t.ctx.db.select().from(person).where(eq(person.id, s.p1));
    expect(now?.email).toBe('kantor@contoh.id');

    const listed = (await s.coordinator.get(`/api/programs/${s.p.id}/participant-conflicts`)).json().items;
    expect(listed).toEqual([
      expect.objectContaining({
        id: conflict.conflictId,
        person: { id: s.p1, name: 'Sri Wahyuni' },
        session: { id: s.s1.id, title: 'S1' },
        submittedBy: expect.objectContaining({ id: s.trainerA.userId }),
        status: 'conflict',
        clientValues: { email: 'sri.lain@contoh.id', businessName: 'Warung Sri Baru' },
        serverValues: { email: 'kantor@contoh.id', businessName: expect.any(String) },
      }),
    ]);
    const resolved = await s.coordinator.post(`/api/programs/${s.p.id}/participant-conflicts/${conflict.conflictId}/resolve`, { keep: 'client' });
    expect(resolved.json()).toMatchObject({ status: 'applied_client' });
    const [after] = await t.ctx.db.select().from(person).where(eq(person.id, s.p1));
    expect(after?.email).toBe('sri.lain@contoh.id');
    expect((await s.coordinator.post(`/api/programs/${s.p.id}/participant-conflicts/${conflict.conflictId}/resolve`, { keep: 'server' })).statusCode).toBe(409);
    expect((await s.coordinator.get(`/api/programs/${s.p.id}/participant-conflicts`)).json().items).toEqual([]);
    expect((await s.trainerA.get(`/api/programs/${s.p.id}/participant-conflicts`)).statusCode).toBe(403);

    const results = (
      await s.trainerA.post('/api/sync/participants', {
        edits: [edit({ phone: '021-555' }, after?.updatedAt.toISOString()), edit({ email: 'x@contoh.id' }, version, s.p3), edit({ email: 'y@contoh.id' }, version, s.p1, s.s3.id)],
      })
    ).json().results;
    expect(results.map((r: { outcome: string; reason: string | null }) => [r.outcome, r.reason])).toEqual([
      ['rejected', 'invalid_values'],
      ['rejected', 'unknown_person'],
      ['rejected', 'not_your_session'],
    ]);
    expect(results[0].fields).toEqual({ phone: 'Bukan nomor seluler Indonesia (contoh: 0812… atau +62812…)' });
  });
});
