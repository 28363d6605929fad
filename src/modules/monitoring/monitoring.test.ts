import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganisation, makeProgramme, makeSite, makeUser } from '../../../test/support/factories.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { enrolPeople, makeModule } from '../../../test/support/training.ts';
import { drainFactRefresh, factsPending } from './facts.ts';

/**
 * A small programme whose every standard indicator is counted by hand below.
 *
 * Learning path: M1 60 min, M2 60 min, M3 120 min = 240 min; completing needs 80 % = 192 min.
 * Sessions: X1 (Jaksel, M1+M2, trainer of org A, Jan 2024), X2 (Jaksel, M3, org A, Feb 2024),
 *           X3 (Manggarai Barat, M1–M3, certified trainer of org B, Feb 2024), X4 (future, planned).
 * People:   Ana (F, Jaksel) attends X1+X2 → 240 min, completes in Feb.
 *           Budi (M, Jaksel) attends X1 → 120 min, does not complete.
 *           Citra (F, Manggarai Barat) attends X3 → completes in Feb.
 *           Dewi (F, Manggarai Barat) is on X1's roster but never attends.
 *           Eka (F, Jaksel) nothing.
 */
let t: TestApp;
let admin: Client;
let viewer: Client;
let programmeId: string;
const people: Record<string, string> = {};

async function q(text: string, params: unknown[] = []) {
  return t.ctx.database.query(text, params);
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn({ role: 'admin' });
  viewer = await t.signIn({ role: 'viewer' });
  const orgA = await makeOrganisation(t.ctx.db, { name: 'LSM A', kind: 'ngo' });
  const orgB = await makeOrganisation(t.ctx.db, { name: 'LSM B', kind: 'ngo' });
  const p = await makeProgramme(t.ctx.db, { startDate: '2024-01-01', endDate: '2024-12-31' });
  programmeId = p.id;
  const jaksel = await makeSite(t.ctx.db, programmeId, { name: 'Jaksel', regionCode: '31.74' });
  const labuan = await makeSite(t.ctx.db, programmeId, { name: 'Labuan Bajo', regionCode: '53.15' });
  const trainerA = await makeUser(t.ctx.db, { role: 'trainer', organisationId: orgA.id, programmeIds: [programmeId] });
  const trainerB = await makeUser(t.ctx.db, { role: 'trainer', organisationId: orgB.id, programmeIds: [programmeId] });

  const [ana, budi, citra, dewi, eka] = await enrolPeople(t.ctx.db, programmeId, [
    { name: 'Ana', gender: 'female', regencyCode: '31.74', sector: 'kuliner' },
    { name: 'Budi', gender: 'male', regencyCode: '31.74', sector: 'fesyen' },
    { name: 'Citra', gender: 'female', regencyCode: '53.15', sector: 'kuliner' },
    { name: 'Dewi', gender: 'female', regencyCode: '53.15', sector: 'kriya' },
    { name: 'Eka', gender: 'female', regencyCode: '31.74', sector: 'jasa' },
  ]);
  Object.assign(people, { ana, budi, citra, dewi, eka });

  const m1 = await makeModule(t.ctx.db, programmeId, { durationMinutes: 60 });
  const m2 = await makeModule(t.ctx.db, programmeId, { durationMinutes: 60 });
  const m3 = await makeModule(t.ctx.db, programmeId, { durationMinutes: 120 });
  await q('INSERT INTO learning_path (programme_id, completion_min_percent) VALUES ($1, 80)', [programmeId]);
  await q('INSERT INTO learning_path_module (programme_id, module_id, position) VALUES ($1, $2, 1), ($1, $3, 2), ($1, $4, 3)', [programmeId, m1.id, m2.id, m3.id]);

  const session = async (siteId: string, start: string, status: string, modules: string[], trainer: string) => {
    const [row] = await q(
      `INSERT INTO training_session (programme_id, site_id, title, modality, starts_at, ends_at, capacity, status)
       VALUES ($1, $2, 'Sesi', 'in_person', $3::timestamptz, $3::timestamptz + interval '3 hours', 30, $4) RETURNING id`,
      [programmeId, siteId, start, status],
    );
    const id = (row as { id: string }).id;
    for (const m of modules) await q('INSERT INTO session_module (session_id, module_id) VALUES ($1, $2)', [id, m]);
    await q('INSERT INTO session_trainer (session_id, user_id, programme_id) VALUES ($1, $2, $3)', [id, trainer, programmeId]);
    return id;
  };
  const x1 = await session(jaksel.id, '2024-01-10T09:00:00+07:00', 'done', [m1.id, m2.id], trainerA.id);
  const x2 = await session(jaksel.id, '2024-02-10T09:00:00+07:00', 'done', [m3.id], trainerA.id);
  const x3 = await session(labuan.id, '2024-02-15T09:00:00+08:00', 'done', [m1.id, m2.id, m3.id], trainerB.id);
  await session(labuan.id, '2099-01-01T09:00:00+08:00', 'planned', [m1.id], trainerB.id);

  const present = async (sessionId: string, personId: string, at: string) => {
    await q(`INSERT INTO session_participant (programme_id, session_id, person_id, source) VALUES ($1, $2, $3, 'manual') ON CONFLICT DO NOTHING`, [programmeId, sessionId, personId]);
    await q(`INSERT INTO attendance (programme_id, session_id, person_id, method, client_id, captured_at) VALUES ($1, $2, $3, 'manual', gen_random_uuid()::text, $4)`, [programmeId, sessionId, personId, at]);
  };
  await present(x1, ana as string, '2024-01-10T10:00:00+07:00');
  await present(x1, budi as string, '2024-01-10T10:00:00+07:00');
  await present(x2, ana as string, '2024-02-10T10:00:00+07:00');
  await present(x3, citra as string, '2024-02-15T10:00:00+08:00');
  await q(`INSERT INTO session_participant (programme_id, session_id, person_id, source) VALUES ($1, $2, $3, 'manual')`, [programmeId, x1, dewi]);

  const msmeOf = async (personId: string) => ((await q('SELECT msme_id FROM enrolment WHERE person_id = $1', [personId]))[0] as { msme_id: string }).msme_id;
  const assess = async (personId: string, phase: string, level: number) => {
    await q(`INSERT INTO maturity_assessment (programme_id, msme_id, phase, answers, level, assessed_on, source) VALUES ($1, $2, $3, '{}', $4, '2024-03-01', 'staff')`, [programmeId, await msmeOf(personId), phase, level]);
  };
  await assess(ana as string, 'baseline', 1);
  await assess(ana as string, 'endline', 3);
  await assess(citra as string, 'baseline', 0);
  await assess(citra as string, 'endline', 2);
  await q('UPDATE msme SET maturity_level = 3 WHERE id = $1', [await msmeOf(ana as string)]);
  await q('UPDATE msme SET maturity_level = 2 WHERE id = $1', [await msmeOf(citra as string)]);
  await q(`INSERT INTO msme_milestone (programme_id, msme_id, kind, reached_on, submitted_by, status) VALUES ($1, $2, 'first_online_sale', '2024-03-05', $3, 'verified')`, [programmeId, await msmeOf(ana as string), trainerA.id]);
  await q(`INSERT INTO msme_milestone (programme_id, msme_id, kind, reached_on, submitted_by, status) VALUES ($1, $2, 'first_online_sale', '2024-03-05', $3, 'pending')`, [programmeId, await msmeOf(citra as string), trainerB.id]);
  await q(`INSERT INTO mentoring_visit (programme_id, msme_id, mentor_user_id, client_id, visited_on, mode, captured_at) VALUES ($1, $2, $3, 'v1', '2024-03-01', 'phone', now())`, [programmeId, await msmeOf(budi as string), trainerA.id]);

  const attempt = async (personId: string, phase: string, score: number) => {
    await q(`INSERT INTO test_attempt (programme_id, module_id, person_id, phase, points, max_points, score, source, client_id, taken_at) VALUES ($1, $2, $3, $4, 0, 10, $5, 'staff', gen_random_uuid()::text, now())`, [programmeId, m1.id, personId, phase, score]);
  };
  await attempt(ana as string, 'pre', 40);
  await attempt(ana as string, 'post', 80);
  await attempt(ana as string, 'post', 60); // the best post attempt counts
  await attempt(citra as string, 'pre', 50);
  await attempt(citra as string, 'post', 70);

  const feedback = async (sessionId: string, rating: number, recommend: number) => {
    await q(`INSERT INTO session_feedback (programme_id, session_id, rating, recommend, source, client_id, submitted_at) VALUES ($1, $2, $3, $4, 'staff', gen_random_uuid()::text, now())`, [programmeId, sessionId, rating, recommend]);
  };
  await feedback(x1, 4, 9);
  await feedback(x1, 5, 6);
  await feedback(x3, 3, 10);

  await q(`INSERT INTO trainer_certification (programme_id, person_id, user_id, organisation_id, certified_on) VALUES ($1, $2, $3, $4, '2024-01-05')`, [programmeId, citra, trainerB.id, orgB.id]);
  await admin.post(`/api/programs/${programmeId}/targets`, { indicator: 'msme_trained', value: 4, periodStart: '2024-01-01', periodEnd: '2024-12-31' });
  await admin.post(`/api/programs/${programmeId}/targets`, { indicator: 'msme_trained', value: 2, regionCode: '53' });
});
afterAll(() => t.close());

describe('participant facts', () => {
  it('are queued for refresh by the database whenever their sources change, and refreshed from them', async () => {
    expect(await factsPending(t.ctx.db, programmeId)).toBe(true);
    await drainFactRefresh(t.ctx.database, programmeId);
    expect(await factsPending(t.ctx.db, programmeId)).toBe(false);
    const rows = await q('SELECT person_id, completed, covered_minutes, path_minutes, site_id IS NOT NULL AS has_site, maturity_current, first_sale, pre_score, post_score FROM participant_fact WHERE programme_id = $1', [programmeId]);
    const byId = Object.fromEntries(rows.map((r) => [(r as { person_id: string }).person_id, r]));
    expect(byId[people.ana as string]).toMatchObject({ completed: true, covered_minutes: 240, path_minutes: 240, has_site: true, maturity_current: 3, first_sale: true });
    expect(Number((byId[people.ana as string] as { post_score: string }).post_score)).toBe(80);
    expect(byId[people.budi as string]).toMatchObject({ completed: false, covered_minutes: 120 });
    expect(byId[people.dewi as string]).toMatchObject({ completed: false, covered_minutes: 0, has_site: false });

    // An attendance arriving later is queued by the trigger and counted after the next refresh.
    const [x2] = await q(`SELECT id FROM training_session WHERE programme_id = $1 AND starts_at = '2024-02-10T02:00:00Z'`, [programmeId]);
    await q(`INSERT INTO attendance (programme_id, session_id, person_id, method, client_id, captured_at) VALUES ($1, $2, $3, 'offline', 'late-1', '2024-02-10T04:00:00Z')`, [programmeId, (x2 as { id: string }).id, people.budi]);
    expect(await factsPending(t.ctx.db, programmeId)).toBe(true);
    await drainFactRefresh(t.ctx.database, programmeId);
    const [budi] = await q('SELECT completed FROM participant_fact WHERE programme_id = $1 AND person_id = $2', [programmeId, people.budi]);
    expect(budi).toEqual({ completed: true });
    await q(`DELETE FROM attendance WHERE client_id = 'late-1'`);
    await drainFactRefresh(t.ctx.database, programmeId);
  });
});

describe('standard indicators', () => {
  it('match the hand count', async () => {
    const res = await admin.get(`/api/programs/${programmeId}/indicators`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.factsPending).toBe(false);
    const value = (code: string) => body.items.find((i: { code: string }) => i.code === code)?.value;
    expect({
      msme_enrolled: value('msme_enrolled'),
      msme_trained: value('msme_trained'),
      msme_mentored: value('msme_mentored'),
      people_trained: value('people_trained'),
      government_staff_trained: value('government_staff_trained'),
      women_share: value('women_share'),
      sessions_held: value('sessions_held'),
      attendance_rate: value('attendance_rate'),
      trainers_certified: value('trainers_certified'),
      cascade_reach: value('cascade_reach'),
      msme_onboarded: value('msme_onboarded'),
      first_online_sale: value('first_online_sale'),
      maturity_gain: value('maturity_gain'),
      test_gain: value('test_gain'),
      satisfaction: value('satisfaction'),
      nps: value('nps'),
      regencies_reached: value('regencies_reached'),
      sites_active: value('sites_active'),
    }).toEqual({
      msme_enrolled: 5,
      msme_trained: 2, // Ana, Citra
      msme_mentored: 1, // Budi's business
      people_trained: 2,
      government_staff_trained: 0,
      women_share: 100, // Ana and Citra of 2 trained with a known gender
      sessions_held: 3, // X4 is in the future
      attendance_rate: 80, // 4 attendances of 5 roster places (Dewi never came)
      trainers_certified: 1,
      cascade_reach: 1, // Citra, at X3 run by the certified trainer
      msme_onboarded: 2, // levels 3 and 2
      first_online_sale: 1, // Citra's is not verified yet
      maturity_gain: 2, // (3−1 + 2−0) / 2
      test_gain: 30, // (80−40 + 70−50) / 2, best post attempt
      satisfaction: 4, // (4 + 5 + 3) / 3
      nps: 33.3, // (2 promoters − 1 detractor) / 3
      regencies_reached: 2, // 31.74 and 53.15
      sites_active: 2,
    });
    const share = body.items.find((i: { code: string }) => i.code === 'women_share');
    expect(share).toMatchObject({ numerator: 2, denominator: 2, version: 1, unit: 'percent' });
  });

  it('compares targets with actuals for their narrowing and period, with progress and projection', async () => {
    const trained = (await admin.get(`/api/programs/${programmeId}/indicators`)).json().items.find((i: { code: string }) => i.code === 'msme_trained');
    const [whole, ntt] = [...trained.targets].sort((a: { value: number }, b: { value: number }) => b.value - a.value);
    // The programme ran in 2024 and is over: the projection is the final value.
    expect(whole).toMatchObject({ value: 4, actual: 2, progress: 50, projected: 2, elapsed: 100 });
    expect(ntt).toMatchObject({ value: 2, actual: 1, progress: 50, narrowedBy: { regionCode: '53' } });
  });

  it('breaks down by one or two dimensions and by period', async () => {
    const byProvince = (await admin.get(`/api/programs/${programmeId}/indicators/msme_trained?by=province`)).json();
    expect(byProvince.cells.map((c: { dims: { province: string }; value: number }) => [c.dims.province, c.value])).toEqual([
      ['31', 1],
      ['53', 1],
    ]);
    expect(byProvince.labels).toMatchObject({ '31': 'DKI JAKARTA', '53': 'NUSA TENGGARA TIMUR' });
    const two = (await admin.get(`/api/programs/${programmeId}/indicators/msme_enrolled?by=province,gender`)).json();
    expect(two.cells.map((c: { dims: Record<string, string | null>; value: number }) => [c.dims.province, c.dims.gender, c.value])).toEqual([
      ['31', 'female', 2],
      ['31', 'male', 1],
      ['53', 'female', 2],
    ]);
    const byMonth = (await admin.get(`/api/programs/${programmeId}/indicators/people_trained?by=month`)).json();
    expect(byMonth.cells.map((c: { dims: { month: string }; value: number }) => [c.dims.month, c.value])).toEqual([['2024-02', 2]]);
    const byQuarter = (await admin.get(`/api/programs/${programmeId}/indicators/people_trained?by=month&period=quarter`)).json();
    expect(byQuarter.cells.map((c: { dims: { month: string }; value: number }) => [c.dims.month, c.value])).toEqual([['2024-Q1', 2]]);
    const filtered = (await admin.get(`/api/programs/${programmeId}/indicators?sector=kuliner`)).json();
    expect(filtered.items.find((i: { code: string }) => i.code === 'msme_enrolled').value).toBe(2);
    const bad = await admin.get(`/api/programs/${programmeId}/indicators/sessions_held?by=gender`);
    expect(bad.statusCode).toBe(400);
    expect((await admin.get(`/api/programs/${programmeId}/indicators/msme_trained?by=province,gender,sector`)).statusCode).toBe(400);
  });

  it('hides cells of fewer than 5 people from viewers', async () => {
    const shown = (await viewer.get(`/api/programs/${programmeId}/indicators/msme_enrolled?by=province`)).json();
    expect(shown.cells.every((c: { suppressed: boolean; value: number | null }) => c.suppressed && c.value === null)).toBe(true);
    const total = (await viewer.get(`/api/programs/${programmeId}/indicators`)).json().items.find((i: { code: string }) => i.code === 'msme_enrolled');
    expect(total).toMatchObject({ value: 5, suppressed: false });
    const small = (await viewer.get(`/api/programs/${programmeId}/indicators`)).json().items.find((i: { code: string }) => i.code === 'msme_trained');
    expect(small).toMatchObject({ value: null, suppressed: true });
  });
});

describe('definitions', () => {
  it('are versioned: a revision is a new version and values say which one they used', async () => {
    const current = (await admin.get('/api/indicators')).json().items.find((d: { code: string }) => d.code === 'msme_trained');
    const revised = await admin.put('/api/indicators/msme_trained', {
      name: { id: 'UMKM terlatih (hadir)', en: 'MSMEs trained (attended)' },
      description: current.description,
      unit: 'count',
      spec: { source: 'participants', measure: 'count_msmes', where: ['has_msme', 'attended'] },
    });
    expect(revised.statusCode).toBe(200);
    expect(revised.json()).toMatchObject({ version: current.version + 1 });
    const item = (await admin.get(`/api/programs/${programmeId}/indicators`)).json().items.find((i: { code: string }) => i.code === 'msme_trained');
    expect(item).toMatchObject({ version: current.version + 1, value: 3 });
    expect((await admin.get('/api/indicators/msme_trained/versions')).json().items.map((d: { version: number }) => d.version)).toEqual([current.version + 1, current.version]);
    const bad = await admin.put('/api/indicators/msme_trained', { ...current, spec: { source: 'participants', measure: 'count_msmes', where: ['DROP TABLE'] } });
    expect(bad.statusCode).toBe(400);
    expect((await viewer.put('/api/indicators/msme_trained', current)).statusCode).toBe(403);
  });
});

describe('national reach', () => {
  it('counts every MSME and person once across programmes', async () => {
    const other = await makeProgramme(t.ctx.db);
    await q(`INSERT INTO enrolment (programme_id, person_id, msme_id, source) SELECT $1, person_id, msme_id, 'manual' FROM enrolment WHERE programme_id = $2 AND person_id = $3`, [other.id, programmeId, people.ana]);
    const res = await viewer.get('/api/national');
    expect(res.statusCode).toBe(200);
    const national = res.json();
    const [{ msmes, persons }] = (await q('SELECT count(DISTINCT msme_id)::int AS msmes, count(DISTINCT person_id)::int AS persons FROM enrolment')) as [{ msmes: number; persons: number }];
    expect(national).toMatchObject({ uniqueMsmes: msmes, uniquePersons: persons, onboardedMsmes: 2, goal: 30_000_000, enrolledInSeveral: 1 });
    // No outcome answers here: nobody measured (the web page then says "belum ada data", not 0).
    expect(national).toMatchObject({ jobsCreated: 0, jobsMsmesMeasured: 0, jobsGoal: 4_400_000 });
  });
});
