import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganisation, makePartnership, makeProgramme, makeSite } from '../../../test/support/factories.ts';
import { importRoster, rosterFile } from '../../../test/support/import.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { clientId, enrolPeople, runQueuedJobs } from '../../../test/support/training.ts';
import { qualityRunQueued } from './service.ts';

/**
 * One programme with one instance of every data-quality problem, each counted by hand:
 *
 * X1  Jaksel   1 Mar 2024 09:00–11:00 WIB, capacity 2, trainer T1: Ana, Budi, Citra attend → over capacity (3 > 2).
 * X2  Bandung  1 Mar 2024 10:00–12:00 WIB, trainer T2: Ana attends, record arriving after X1's → Ana in two places, to T2.
 * X3  Jaksel   5 Mar 2024 09:00–11:00 WIB, trainer T1: Budi at 14:00 (3 h after the end) → outside the window;
 *              Citra at 11:30 is inside the 60-minute grace.
 * X4  Jaksel  10 Mar 2024, trainer T1: Dewi.
 * X5  Bandung 12 Mar 2024 09:00–09:05 WIB, trainer T2 checks in 12 people by QR → 12 > 5 min × 2/min = 10: implausible,
 *              to T2's partner coordinator (PC-B). Days: 1 Mar 4 records, 5 Mar 2, 10 Mar 1, 12 Mar 12 → 12 Mar is a spike
 *              (median of the other days 2, 12 > 3 × 2 and ≥ 10), to T2 who recorded them; 1 Mar (others 2, 1, 12 → 2) is not (4 ≤ 6).
 * Eka has no gender, Fajar's business has no sector (`lainnya`): one missing-field task for the enrolment source.
 * A first online sale without evidence submitted by T1; another with a link (no task).
 */
let t: TestApp;
let admin: Client;
let trainer1: Client;
let trainer2: Client;
let coordinatorB: Client;
let viewer: Client;
let programmeId: string;
const id: Record<string, string> = {};

async function q(text: string, params: unknown[] = []) {
  return t.ctx.database.query(text, params);
}

type Task = { id: string; check: string; subjectKey: string; details: Record<string, unknown>; status: string; assigneeUserId: string | null; autoClosed: boolean; resolutionComment: string | null };

async function tasks(client: Client, query = ''): Promise<{ items: Task[]; total: number; openByCheck: Record<string, number> }> {
  const res = await client.get(`/api/programs/${programmeId}/quality/tasks?pageSize=100${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn({ role: 'admin' });
  viewer = await t.signIn({ role: 'viewer' });
  const orgA = await makeOrganisation(t.ctx.db, { kind: 'ngo' });
  const orgB = await makeOrganisation(t.ctx.db, { kind: 'ngo' });
  const p = await makeProgramme(t.ctx.db, { startDate: '2024-01-01', endDate: '2024-12-31' });
  programmeId = p.id;
  await makePartnership(t.ctx.db, programmeId, orgA.id);
  await makePartnership(t.ctx.db, programmeId, orgB.id);
  trainer1 = await t.signIn({ role: 'trainer', organisationId: orgA.id, programmeIds: [programmeId] });
  trainer2 = await t.signIn({ role: 'trainer', organisationId: orgB.id, programmeIds: [programmeId] });
  coordinatorB = await t.signIn({ role: 'partner_coordinator', organisationId: orgB.id });
  const jaksel = await makeSite(t.ctx.db, programmeId, { name: 'Jaksel', regionCode: '31.74' });
  const bandung = await makeSite(t.ctx.db, programmeId, { name: 'Bandung', regionCode: '32.73' });

  const named = ['ana', 'budi', 'citra', 'dewi', 'eka', 'fajar'];
  const persons = await enrolPeople(t.ctx.db, programmeId, [
    { name: 'Ana' },
    { name: 'Budi', gender: 'male' },
    { name: 'Citra' },
    { name: 'Dewi' },
    { name: 'Eka' },
    { name: 'Fajar', gender: 'male', sector: 'lainnya' },
    ...Array.from({ length: 6 }, (_, i) => ({ name: `Peserta ${i}` })),
  ]);
  named.forEach((n, i) => (id[n] = persons[i] as string));
  await q('UPDATE person SET gender = NULL WHERE id = $1', [id.eka]);

  const session = async (siteId: string, start: string, end: string, capacity: number, trainerId: string) => {
    const [row] = await q(
      `INSERT INTO training_session (programme_id, site_id, title, modality, starts_at, ends_at, capacity, status) VALUES ($1, $2, 'Sesi', 'in_person', $3, $4, $5, 'done') RETURNING id`,
      [programmeId, siteId, start, end, capacity],
    );
    const sessionId = (row as { id: string }).id;
    await q('INSERT INTO session_trainer (session_id, user_id, programme_id) VALUES ($1, $2, $3)', [sessionId, trainerId, programmeId]);
    return sessionId;
  };
  id.x1 = await session(jaksel.id, '2024-03-01T09:00+07', '2024-03-01T11:00+07', 2, trainer1.userId);
  id.x2 = await session(bandung.id, '2024-03-01T10:00+07', '2024-03-01T12:00+07', 30, trainer2.userId);
  id.x3 = await session(jaksel.id, '2024-03-05T09:00+07', '2024-03-05T11:00+07', 30, trainer1.userId);
  id.x4 = await session(jaksel.id, '2024-03-10T09:00+07', '2024-03-10T11:00+07', 30, trainer1.userId);
  id.x5 = await session(bandung.id, '2024-03-12T09:00+07', '2024-03-12T09:05+07', 30, trainer2.userId);
  const attend = async (sessionId: string, personId: string, at: string, options: { recordedBy?: string; receivedAt?: string } = {}) => {
    await q(
      `INSERT INTO attendance (programme_id, session_id, person_id, method, client_id, captured_at, recorded_by, received_at) VALUES ($1, $2, $3, $4, gen_random_uuid()::text, $5, $6, $7)`,
      [programmeId, sessionId, personId, options.recordedBy ? 'qr' : 'manual', at, options.recordedBy ?? null, options.receivedAt ?? '2024-03-20T00:00Z'],
    );
  };
  for (const n of ['ana', 'budi', 'citra']) await attend(id.x1, id[n] as string, '2024-03-01T09:30+07');
  await attend(id.x2, id.ana as string, '2024-03-01T10:30+07', { receivedAt: '2024-03-21T00:00Z' });
  await attend(id.x3, id.budi as string, '2024-03-05T14:00+07');
  await attend(id.x3, id.citra as string, '2024-03-05T11:30+07');
  await attend(id.x4, id.dewi as string, '2024-03-10T09:30+07');
  for (const personId of persons) await attend(id.x5, personId, '2024-03-12T09:01+07', { recordedBy: trainer2.userId });

  const msmeOf = async (personId: string) => ((await q('SELECT msme_id FROM enrolment WHERE person_id = $1', [personId]))[0] as { msme_id: string }).msme_id;
  const [bare] = await q(
    `INSERT INTO msme_milestone (programme_id, msme_id, kind, reached_on, submitted_by) VALUES ($1, $2, 'first_online_sale', '2024-03-15', $3) RETURNING id`,
    [programmeId, await msmeOf(id.ana as string), trainer1.userId],
  );
  id.milestone = (bare as { id: string }).id;
  await q(`INSERT INTO msme_milestone (programme_id, msme_id, kind, reached_on, evidence_url, submitted_by) VALUES ($1, $2, 'first_online_sale', '2024-03-15', 'https://toko.contoh.id/pesanan/1', $3)`, [
    programmeId,
    await msmeOf(id.citra as string),
    trainer1.userId,
  ]);
}, 60_000);
afterAll(() => t.close());

describe('data-quality checks', () => {
  it('find each planted problem once, with its numbers, routed to who can fix it', async () => {
    const run = await admin.post(`/api/programs/${programmeId}/quality/run`);
    expect(run.statusCode, run.body).toBe(200);
    const found = Object.fromEntries(run.json().checks.map((c: { check: string; found: number; opened: number }) => [c.check, [c.found, c.opened]]));
    expect(found).toEqual({
      session_over_capacity: [1, 1],
      attendance_outside_window: [1, 1],
      participant_two_places: [1, 1],
      attendance_spike: [1, 1],
      missing_gender_sector: [1, 1],
      milestone_without_evidence: [1, 1],
      trainer_implausible_roster: [1, 1],
    });
    const { items } = await tasks(admin);
    const by = Object.fromEntries(items.map((i) => [i.check, i]));
    expect(by.session_over_capacity).toMatchObject({ subjectKey: id.x1, assigneeUserId: trainer1.userId, status: 'open', details: { capacity: 2, attended: 3 } });
    expect(by.attendance_outside_window).toMatchObject({ subjectKey: id.x3, assigneeUserId: trainer1.userId, details: { outside: 1, graceMinutes: 60 } });
    expect(by.participant_two_places).toMatchObject({ assigneeUserId: trainer2.userId, details: { personId: id.ana } });
    expect([...(by.participant_two_places?.details.sessionIds as string[])].sort()).toEqual([id.x1, id.x2].sort());
    expect(by.attendance_spike).toMatchObject({ subjectKey: '2024-03-12', assigneeUserId: trainer2.userId, details: { attended: 12, usual: 2 } });
    expect(by.missing_gender_sector).toMatchObject({ subjectKey: 'source:import', assigneeUserId: null, details: { missingGender: 1, missingSector: 1 } });
    expect([...(by.missing_gender_sector?.details.personIds as string[])].sort()).toEqual([id.eka, id.fajar].sort());
    expect(by.milestone_without_evidence).toMatchObject({ subjectKey: id.milestone, assigneeUserId: trainer1.userId });
    expect(by.trainer_implausible_roster).toMatchObject({ subjectKey: `${id.x5}:${trainer2.userId}`, assigneeUserId: coordinatorB.userId, details: { checkIns: 12, plausible: 10 } });
  });

  it('do not duplicate open tasks when run again', async () => {
    const again = (await admin.post(`/api/programs/${programmeId}/quality/run`)).json();
    expect(again.checks.every((c: { found: number; opened: number; updated: number }) => c.opened === 0 && c.updated === c.found)).toBe(true);
    const all = await tasks(admin);
    expect(all.total).toBe(7);
    expect(Object.values(all.openByCheck).reduce((s, n) => s + n, 0)).toBe(7);
  });

  it('filter by status, check and assignee; trainers see only their own tasks; viewers none', async () => {
    expect((await tasks(admin, '&check=attendance_spike')).items.map((i) => i.subjectKey)).toEqual(['2024-03-12']);
    expect((await tasks(admin, '&assignee=none')).items.map((i) => i.check)).toEqual(['missing_gender_sector']);
    expect((await tasks(trainer1)).items.map((i) => i.check).sort()).toEqual(['attendance_outside_window', 'milestone_without_evidence', 'session_over_capacity']);
    expect((await tasks(coordinatorB, '&assignee=me')).items.map((i) => i.check)).toEqual(['trainer_implausible_roster']);
    expect((await tasks(admin, '&status=resolved')).total).toBe(0);
    expect((await viewer.get(`/api/programs/${programmeId}/quality/tasks`)).statusCode).toBe(403);
    expect((await trainer1.post(`/api/programs/${programmeId}/quality/run`)).statusCode).toBe(403);
  });

  it('resolve with a comment into the history; a person’s resolution holds until the problem changes', async () => {
    const mine = (await tasks(trainer1, '&check=session_over_capacity')).items[0] as Task;
    const others = (await tasks(admin, '&check=attendance_spike')).items[0] as Task;
    expect((await trainer1.post(`/api/programs/${programmeId}/quality/tasks/${others.id}/resolve`, { comment: 'Bukan tugas saya' })).statusCode).toBe(404);
    expect((await trainer1.post(`/api/programs/${programmeId}/quality/tasks/${mine.id}/resolve`, { comment: '  ' })).statusCode).toBe(400);
    const resolved = await trainer1.post(`/api/programs/${programmeId}/quality/tasks/${mine.id}/resolve`, { comment: 'Ruangan diperluas, kapasitas nyata 40' });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect((await trainer1.post(`/api/programs/${programmeId}/quality/tasks/${mine.id}/resolve`, { comment: 'lagi' })).statusCode).toBe(409);

    await admin.post(`/api/programs/${programmeId}/quality/run`);
    const history = (await tasks(admin, '&check=session_over_capacity')).items;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ status: 'resolved', autoClosed: false, resolutionComment: 'Ruangan diperluas, kapasitas nyata 40' });

    // A fourth attendee changes the problem: a new open task, the resolved one stays in history.
    await q(`INSERT INTO attendance (programme_id, session_id, person_id, method, client_id, captured_at) VALUES ($1, $2, $3, 'manual', 'late-x1', '2024-03-01T09:40+07')`, [programmeId, id.x1, id.dewi]);
    await admin.post(`/api/programs/${programmeId}/quality/run`);
    const after = (await tasks(admin, '&check=session_over_capacity')).items;
    expect(after.map((i) => [i.status, i.details.attended])).toEqual(
      expect.arrayContaining([
        ['open', 4],
        ['resolved', 3],
      ]),
    );
    expect(after).toHaveLength(2);
  });

  it('close an open task by themselves when its problem is fixed', async () => {
    await q(`UPDATE person SET gender = 'female' WHERE id = $1`, [id.eka]);
    await q(`UPDATE msme SET sector = 'kuliner' WHERE owner_person_id = $1`, [id.fajar]);
    const run = (await admin.post(`/api/programs/${programmeId}/quality/run`)).json();
    expect(run.checks.find((c: { check: string }) => c.check === 'missing_gender_sector')).toMatchObject({ found: 0, closed: 1 });
    const [closed] = (await tasks(admin, '&check=missing_gender_sector')).items;
    expect(closed).toMatchObject({ status: 'resolved', autoClosed: true, resolutionComment: null });
  });

  it('are queued after an attendance sync and after an import, and run as a durable job', async () => {
    await runQueuedJobs(t.ctx);
    expect(await qualityRunQueued(t.ctx.db, programmeId)).toBe(false);
    const sync = await trainer1.post('/api/sync/attendance', { records: [{ clientId: clientId(), sessionId: id.x4, personId: id.eka, method: 'offline', capturedAt: '2024-03-10T09:45:00+07:00' }] });
    expect(sync.statusCode, sync.body).toBe(200);
    expect(sync.json().accepted).toBe(1);
    expect(await qualityRunQueued(t.ctx.db, programmeId)).toBe(true);
    // Two syncs before the run: still one queued run.
    await trainer1.post('/api/sync/attendance', { records: [{ clientId: clientId(), sessionId: id.x4, personId: id.fajar, method: 'offline', capturedAt: '2024-03-10T09:46:00+07:00' }] });
    const queued = await q(`SELECT count(*)::int AS n FROM job WHERE kind = 'quality.run_checks' AND programme_id = $1 AND status = 'queued'`, [programmeId]);
    expect(queued).toEqual([{ n: 1 }]);
    await runQueuedJobs(t.ctx);
    expect(await qualityRunQueued(t.ctx.db, programmeId)).toBe(false);

    const roster = rosterFile('Nama Usaha,Nama Pemilik,No. HP,Kabupaten/Kota\nWarung Tanpa Jenis Kelamin,Sri Impor,081298765432,31.74\n');
    const imported = await importRoster(t.ctx, { programmeId, file: roster });
    expect(await qualityRunQueued(t.ctx.db, programmeId)).toBe(true);
    await runQueuedJobs(t.ctx);
    const fromImport = (await tasks(admin, '&check=missing_gender_sector&status=open')).items;
    expect(fromImport).toHaveLength(1);
    expect(fromImport[0]).toMatchObject({ subjectKey: `import:${imported.jobId}`, details: { missingGender: 1, importJobId: imported.jobId } });
  });
});
