import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvent, trainingSession, userProgramme } from '../../db/schema/index.ts';
import { makeOrganisation, makePartnership, makeProgramme, makeSite, makeUser } from '../../../test/support/factories.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { enrolPeople, makeModule } from '../../../test/support/training.ts';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn({ role: 'admin' });
});
afterAll(() => t.close());

/** A programme with a site in Labuan Bajo (WITA), one in Jayapura (WIT) and two modules. */
async function setup() {
  const owner = await makeOrganisation(t.ctx.db);
  const p = await makeProgramme(t.ctx.db, { ownerOrganisationId: owner.id });
  const bajo = await makeSite(t.ctx.db, p.id, { name: 'Labuan Bajo', regionCode: '53.15' });
  const jayapura = await makeSite(t.ctx.db, p.id, { name: 'Jayapura', regionCode: '91.71' });
  const m1 = await makeModule(t.ctx.db, p.id, { durationMinutes: 90 });
  const m2 = await makeModule(t.ctx.db, p.id, { durationMinutes: 90 });
  return { owner, p, bajo, jayapura, m1, m2 };
}

type Setup = Awaited<ReturnType<typeof setup>>;

const sessionBody = (s: Setup, extra: Record<string, unknown> = {}) => ({
  siteId: s.bajo.id,
  title: 'Pemasaran Digital',
  modality: 'in_person',
  startsAt: '2030-03-05T09:00',
  endsAt: '2030-03-05T12:00',
  capacity: 30,
  moduleIds: [s.m1.id],
  ...extra,
});

describe('sessions', () => {
  it("stores times in UTC, entered and shown in the site's zone (WITA, WIT), with modules and trainers who become members", async () => {
    const s = await setup();
    const trainer = await makeUser(t.ctx.db, { role: 'trainer' });
    const res = await admin.post(`/api/programs/${s.p.id}/sessions`, sessionBody(s, { trainerIds: [trainer.id], venue: 'Aula Puncak Waringin' }));
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      startsAt: '2030-03-05T01:00:00.000Z',
      endsAt: '2030-03-05T04:00:00.000Z',
      timeZone: 'Asia/Makassar',
      timeZoneLabel: 'WITA',
      startsAtLocal: '2030-03-05T09:00',
      when: 'Selasa, 5 Maret 2030, 09.00–12.00 WITA',
      status: 'planned',
      modules: [{ id: s.m1.id }],
      trainers: [{ id: trainer.id }],
      rosterCount: 0,
      attendanceRate: null,
      roster: [],
    });
    const [row] = await t.ctx.db.select().from(trainingSession).where(eq(trainingSession.id, created.id));
    expect(row?.startsAt.toISOString()).toBe('2030-03-05T01:00:00.000Z');
    const member = await t.ctx.db.select().from(userProgramme).where(and(eq(userProgramme.userId, trainer.id), eq(userProgramme.programmeId, s.p.id)));
    expect(member).toHaveLength(1);

    const papua = (await admin.post(`/api/programs/${s.p.id}/sessions`, sessionBody(s, { siteId: s.jayapura.id }))).json();
    expect(papua).toMatchObject({ startsAt: '2030-03-05T00:00:00.000Z', timeZoneLabel: 'WIT' });
    // An explicit offset is taken as it is; the English page reads it in English.
    const explicit = (await admin.post(`/api/programs/${s.p.id}/sessions`, sessionBody(s, { startsAt: '2030-03-06T08:00:00+07:00', endsAt: '2030-03-06T10:00:00+07:00' }), { 'accept-language': 'en' })).json();
    expect(explicit).toMatchObject({ startsAtLocal: '2030-03-06T09:00', when: 'Wednesday, 6 March 2030, 09:00–11:00 WITA' });
    expect((await t.ctx.db.select().from(auditEvent).where(eq(auditEvent.entityId, created.id))).map((a) => a.action)).toEqual(['session.create']);
  });

  it('refuses what cannot be a session, naming the field', async () => {
    const s = await setup();
    const other = await setup();
    const notTrainer = await makeUser(t.ctx.db, { role: 'partner_coordinator' });
    const cases: [Record<string, unknown>, string[]][] = [
      [{ modality: 'online' }, ['meetingUrl']],
      [{ modality: 'hybrid', meetingUrl: 'https://meet.contoh.id/x' }, []],
      [{ endsAt: '2030-03-05T08:00' }, ['endsAt']],
      [{ startsAt: '5 Maret 2030', capacity: 0, moduleIds: [] }, ['capacity', 'moduleIds', 'startsAt']],
      [{ siteId: other.bajo.id }, ['siteId']],
      [{ moduleIds: [s.m1.id, other.m1.id] }, ['moduleIds.1']],
      [{ trainerIds: [notTrainer.id] }, ['trainerIds.0']],
      [{ startsAt: '2030-02-30T09:00' }, ['startsAt']],
    ];
    for (const [extra, fields] of cases) {
      const res = await admin.post(`/api/programs/${s.p.id}/sessions`, sessionBody(s, extra));
      if (fields.length === 0) expect(res.statusCode, JSON.stringify(extra)).toBe(201);
      else {
        expect(res.statusCode, JSON.stringify(extra)).toBe(400);
        expect(Object.keys(res.json().error.fields).sort(), JSON.stringify(extra)).toEqual(fields);
      }
    }
    const online = await admin.post(`/api/programs/${s.p.id}/sessions`, sessionBody(s, { modality: 'online' }));
    expect(online.json().error.fields.meetingUrl).toBe('Sesi daring atau hibrida memerlukan tautan pertemuan');
  });

  it('lists by site, status, date range and trainer, and answers calendar range queries', async () => {
    const s = await setup();
    const trainer = await makeUser(t.ctx.db, { role: 'trainer' });
    const mk = async (extra: Record<string, unknown>) => (await admin.post(`/api/programs/${s.p.id}/sessions`, sessionBody(s, extra))).json();
    const a = await mk({ title: 'A', startsAt: '2030-04-01T09:00', endsAt: '2030-04-01T11:00' });
    const b = await mk({ title: 'B', startsAt: '2030-04-10T09:00', endsAt: '2030-04-10T11:00', siteId: s.jayapura.id, trainerIds: [trainer.id] });
    const c = await mk({ title: 'C', startsAt: '2030-05-01T09:00', endsAt: '2030-05-01T11:00', status: 'open' });
    const titles = async (query: string) => (await admin.get(`/api/programs/${s.p.id}/sessions${query}`)).json().items.map((i: { title: string }) => i.title);
    expect(await titles('')).toEqual(['A', 'B', 'C']);
    expect(await titles(`?siteId=${s.jayapura.id}`)).toEqual(['B']);
    expect(await titles('?status=open')).toEqual(['C']);
    expect(await titles(`?trainerId=${trainer.id}`)).toEqual(['B']);
    expect(await titles('?from=2030-04-05&to=2030-04-30')).toEqual(['B']);
    expect(await titles('?from=2030-04-01T02:00:00Z')).toEqual(['A', 'B', 'C']);
    expect(await titles('?from=2030-04-01T03:00:00Z')).toEqual(['B', 'C']);
    const bad = await admin.get(`/api/programs/${s.p.id}/sessions?from=besok`);
    expect(bad.json().error.fields).toHaveProperty('from');

    const calendar = (await admin.get(`/api/programs/${s.p.id}/sessions/calendar?from=2030-04-01&to=2030-04-30`)).json();
    expect(calendar).toMatchObject({ truncated: false });
    expect(calendar.items.map((i: { id: string }) => i.id)).toEqual([a.id, b.id]);
    expect((await admin.get(`/api/programs/${s.p.id}/sessions/calendar?from=2030-04-30&to=2030-04-01`)).statusCode).toBe(400);
    expect(c.status).toBe('open');

    const trainerClient = await t.signIn({ role: 'trainer', email: undefined });
    const mine = await t.signIn({ role: 'trainer' });
    await admin.patch(`/api/sessions/${c.id}`, { trainerIds: [mine.userId] });
    expect((await mine.get('/api/me/sessions')).json().items.map((i: { id: string; programme: { id: string } }) => [i.id, i.programme.id])).toEqual([[c.id, s.p.id]]);
    expect((await trainerClient.get('/api/me/sessions')).json().items).toEqual([]);
  });

  it('shows trainers only the sessions they run, viewers no roster, and other programmes nothing', async () => {
    const s = await setup();
    const partner = await makeOrganisation(t.ctx.db, { kind: 'ngo' });
    await makePartnership(t.ctx.db, s.p.id, partner.id);
    const trainerA = await t.signIn({ role: 'trainer', programmeIds: [s.p.id] });
    const trainerB = await t.signIn({ role: 'trainer', programmeIds: [s.p.id] });
    const viewer = await t.signIn({ role: 'viewer' });
    const coordinator = await t.signIn({ role: 'partner_coordinator', organisationId: partner.id });
    const stranger = await t.signIn({ role: 'partner_coordinator', organisationId: (await makeOrganisation(t.ctx.db)).id });
    const session = (await coordinator.post(`/api/programs/${s.p.id}/sessions`, sessionBody(s, { trainerIds: [trainerA.userId] }))).json();
    await enrolPeople(t.ctx.db, s.p.id, [{ name: 'Sri Wahyuni' }]).then(([id]) => admin.post(`/api/sessions/${session.id}/participants`, { personIds: [id] }));

    expect((await trainerA.get(`/api/programs/${s.p.id}/sessions`)).json().total).toBe(1);
    expect((await trainerB.get(`/api/programs/${s.p.id}/sessions`)).json().total).toBe(0);
    expect((await trainerA.get(`/api/sessions/${session.id}`)).json().roster.map((r: { name: string }) => r.name)).toEqual(['Sri Wahyuni']);
    expect((await trainerB.get(`/api/sessions/${session.id}`)).statusCode).toBe(404);
    expect((await trainerA.patch(`/api/sessions/${session.id}`, { capacity: 5 })).statusCode).toBe(403);

    const seen = (await viewer.get(`/api/sessions/${session.id}`)).json();
    expect(seen).toMatchObject({ rosterCount: 1, roster: null, trainers: [], trainerCount: 1 });
    expect(JSON.stringify(seen)).not.toContain('Sri');
    expect((await viewer.post(`/api/sessions/${session.id}/participants`, { personIds: [session.id] })).statusCode).toBe(403);

    expect((await stranger.get(`/api/sessions/${session.id}`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/programs/${s.p.id}/sessions`)).statusCode).toBe(404);
    expect((await stranger.patch(`/api/sessions/${session.id}`, { title: 'x' })).statusCode).toBe(404);
    const strangerOwn = await makeProgramme(t.ctx.db, { ownerOrganisationId: (await makeOrganisation(t.ctx.db)).id });
    const pm = await t.signIn({ role: 'program_manager', programmeIds: [strangerOwn.id] });
    expect((await pm.patch(`/api/sessions/${session.id}`, { title: 'x' })).statusCode).toBe(404);
  });
});

describe('session enrolment', () => {
  it('enforces capacity with a message naming the session, and reports who was added and who refused', async () => {
    const s = await setup();
    const session = (await admin.post(`/api/programs/${s.p.id}/sessions`, sessionBody(s, { title: 'Kelas Kecil', capacity: 2 }))).json();
    const people = await enrolPeople(t.ctx.db, s.p.id, [{}, {}, {}]);
    const outsider = (await enrolPeople(t.ctx.db, (await makeProgramme(t.ctx.db)).id, [{}]))[0] as string;
    const res = await admin.post(`/api/sessions/${session.id}/participants`, { personIds: [...people, outsider, people[0]] });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.added).toEqual(people.slice(0, 2));
    expect(body.refused).toEqual([
      expect.objectContaining({ personId: people[2], reason: 'full', message: 'Sesi "Kelas Kecil" sudah penuh (kapasitas 2)', session: { id: session.id, title: 'Kelas Kecil' } }),
      expect.objectContaining({ personId: outsider, reason: 'not_enrolled', message: 'Bukan peserta program ini' }),
    ]);
    const again = (await admin.post(`/api/sessions/${session.id}/participants`, { personIds: [people[0]] }, { 'accept-language': 'en' })).json();
    expect(again).toMatchObject({ added: [], alreadyOnRoster: [people[0]], refused: [] });
    const en = (await admin.post(`/api/sessions/${session.id}/participants`, { personIds: [people[2]] }, { 'accept-language': 'en' })).json();
    expect(en.refused[0].message).toBe('Session "Kelas Kecil" is full (capacity 2)');

    expect((await admin.patch(`/api/sessions/${session.id}`, { capacity: 1 })).json().error).toMatchObject({ code: 'conflict', fields: { capacity: 'Kapasitas tidak boleh lebih kecil dari jumlah peserta terdaftar (2)' } });
    expect((await admin.patch(`/api/sessions/${session.id}`, { capacity: 3 })).json().capacity).toBe(3);
    expect((await admin.post(`/api/sessions/${session.id}/participants`, { personIds: [people[2]] })).json().added).toEqual([people[2]]);
    expect((await admin.get(`/api/sessions/${session.id}`)).json().rosterCount).toBe(3);
  });

  it('refuses double-booking (same person, overlapping sessions), naming the other session; cancelled sessions do not count', async () => {
    const s = await setup();
    const morning = (await admin.post(`/api/programs/${s.p.id}/sessions`, sessionBody(s, { title: 'Pagi', startsAt: '2030-03-05T09:00', endsAt: '2030-03-05T12:00' }))).json();
    // 11:00–14:00 WIT in Jayapura is 10:00–13:00 WITA: it overlaps the morning in Labuan Bajo.
    const overlapping = (await admin.post(`/api/programs/${s.p.id}/sessions`, sessionBody(s, { title: 'Siang', siteId: s.jayapura.id, startsAt: '2030-03-05T11:00', endsAt: '2030-03-05T14:00' }))).json();
    const after = (await admin.post(`/api/programs/${s.p.id}/sessions`, sessionBody(s, { title: 'Sore', startsAt: '2030-03-05T13:00', endsAt: '2030-03-05T15:00' }))).json();
    const [sri, budi] = (await enrolPeople(t.ctx.db, s.p.id, [{ name: 'Sri' }, { name: 'Budi' }])) as [string, string];
    await admin.post(`/api/sessions/${morning.id}/participants`, { personIds: [sri] });

    const clash = (await admin.post(`/api/sessions/${overlapping.id}/participants`, { personIds: [sri, budi] })).json();
    expect(clash.added).toEqual([budi]);
    expect(clash.refused).toEqual([
      {
        personId: sri,
        name: 'Sri',
        reason: 'double_booked',
        message: 'Sudah terdaftar di sesi "Pagi" yang waktunya bertabrakan dengan "Siang" (Selasa, 5 Maret 2030, 09.00 WITA)',
        session: { id: overlapping.id, title: 'Siang' },
        conflict: { sessionId: morning.id, title: 'Pagi', startsAt: morning.startsAt },
      },
    ]);
    // Back to back (Siang ends at 13:00 WITA, Sore starts then) is not an overlap.
    expect((await admin.post(`/api/sessions/${after.id}/participants`, { personIds: [budi] })).json().added).toEqual([budi]);
    await admin.patch(`/api/sessions/${morning.id}`, { status: 'cancelled' });
    expect((await admin.post(`/api/sessions/${overlapping.id}/participants`, { personIds: [sri] })).json().added).toEqual([sri]);
    // Moving the cancelled session back would double-book its roster.
    const reinstate = await admin.patch(`/api/sessions/${morning.id}`, { status: 'planned' });
    expect(reinstate.statusCode).toBe(409);

    // A clash in another programme is named without its title.
    const other = await setup();
    await t.ctx.db.insert((await import('../../db/schema/index.ts')).enrolment).values({ programmeId: other.p.id, personId: budi, source: 'manual' });
    const elsewhere = (await admin.post(`/api/programs/${other.p.id}/sessions`, sessionBody(other, { title: 'Lain', startsAt: '2030-03-05T12:30', endsAt: '2030-03-05T13:00' }))).json();
    const refused = (await admin.post(`/api/sessions/${elsewhere.id}/participants`, { personIds: [budi] })).json().refused[0];
    expect(refused).toMatchObject({ reason: 'double_booked', conflict: { sessionId: null, title: null }, message: 'Sudah terdaftar di sesi lain yang waktunya bertabrakan dengan "Lain" (Selasa, 5 Maret 2030, 11.00 WIT)' });
  });

  it('adds by filter (regency, sector, gender, active, willing, not yet trained) up to a limit', async () => {
    const s = await setup();
    const session = (await admin.post(`/api/programs/${s.p.id}/sessions`, sessionBody(s, { capacity: 100 }))).json();
    const [a, , , d] = await enrolPeople(t.ctx.db, s.p.id, [
      { gender: 'female', sector: 'kuliner', regencyCode: '53.15' },
      { gender: 'male', sector: 'kuliner', regencyCode: '53.15' },
      { gender: 'female', sector: 'fashion', regencyCode: '53.15', willing: false },
      { gender: 'female', sector: 'kuliner', regencyCode: '91.71', active: true },
    ]);
    const res = (await admin.post(`/api/sessions/${session.id}/participants`, { filter: { regency: '53.15', gender: 'female', willing: true } })).json();
    expect(res).toMatchObject({ matched: 1, added: [a], refused: [] });
    const byProvince = (await admin.post(`/api/sessions/${session.id}/participants`, { filter: { province: '91', sector: 'kuliner', active: true, notYetTrained: true } })).json();
    expect(byProvince.added).toEqual([d]);
    const limited = (await admin.post(`/api/sessions/${session.id}/participants`, { filter: {}, limit: 2 })).json();
    expect(limited.matched).toBe(2);
    const bad = await admin.post(`/api/sessions/${session.id}/participants`, { filter: { regency: 'Manggarai' }, personIds: [a] });
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['filter.regency', 'personIds']);
  });

  it('adds people to every open session of a cohort, all or nothing per person', async () => {
    const s = await setup();
    const cohort = (await admin.post(`/api/programs/${s.p.id}/cohorts`, { name: 'Angkatan 1' })).json();
    const first = (await admin.post(`/api/programs/${s.p.id}/sessions`, sessionBody(s, { cohortId: cohort.id, title: 'Pertemuan 1', capacity: 5 }))).json();
    const second = (await admin.post(`/api/programs/${s.p.id}/sessions`, sessionBody(s, { cohortId: cohort.id, title: 'Pertemuan 2', capacity: 1, startsAt: '2030-03-12T09:00', endsAt: '2030-03-12T12:00' }))).json();
    const [a, b] = (await enrolPeople(t.ctx.db, s.p.id, [{}, {}])) as [string, string];
    const res = (await admin.post(`/api/programs/${s.p.id}/cohorts/${cohort.id}/participants`, { personIds: [a, b] })).json();
    expect(res.added).toEqual([a]);
    expect(res.refused).toEqual([expect.objectContaining({ personId: b, reason: 'full', session: { id: second.id, title: 'Pertemuan 2' } })]);
    expect((await admin.get(`/api/sessions/${first.id}`)).json().roster.map((r: { personId: string; source: string }) => [r.personId, r.source])).toEqual([[a, 'cohort']]);
    const list = (await admin.get(`/api/programs/${s.p.id}/cohorts`)).json();
    expect(list.items[0]).toMatchObject({ name: 'Angkatan 1', sessionCount: 2, firstStartsAt: first.startsAt, lastEndsAt: second.endsAt });
    const empty = (await admin.post(`/api/programs/${s.p.id}/cohorts`, { name: 'Kosong' })).json();
    expect((await admin.post(`/api/programs/${s.p.id}/cohorts/${empty.id}/participants`, { personIds: [a] })).statusCode).toBe(409);
  });

  it('takes people off the roster unless they attended, and refuses additions to a cancelled session', async () => {
    const s = await setup();
    const session = (await admin.post(`/api/programs/${s.p.id}/sessions`, sessionBody(s))).json();
    const [a] = (await enrolPeople(t.ctx.db, s.p.id, [{}])) as [string];
    await admin.post(`/api/sessions/${session.id}/participants`, { personIds: [a] });
    const removed = await admin.inject({ method: 'DELETE', url: `/api/sessions/${session.id}/participants/${a}` });
    expect(removed.statusCode).toBe(204);
    expect((await admin.inject({ method: 'DELETE', url: `/api/sessions/${session.id}/participants/${a}` })).statusCode).toBe(404);
    await admin.patch(`/api/sessions/${session.id}`, { status: 'cancelled' });
    const closed = await admin.post(`/api/sessions/${session.id}/participants`, { personIds: [a] });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.message).toBe('Sesi "Pemasaran Digital" sudah selesai atau dibatalkan');
  });
});
