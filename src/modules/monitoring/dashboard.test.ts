import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganisation, makeProgramme, makeSite, makeUser } from '../../../test/support/factories.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { clientId, enrolPeople, makeModule, runQueuedJobs } from '../../../test/support/training.ts';
import { dashboardNumbers } from './dashboard.ts';
import type { IndicatorFilters } from './indicators.ts';
import { comparable, naiveDashboardNumbers } from './naive.ts';

/**
 * A programme counted by hand. Path: M1 60 min + M2 60 min, 80 % needed → both modules.
 * X1: Jaksel (31.74), M1+M2, trainer A, 10 Jan 2024. X2: Labuan Bajo (53.15), M1+M2, trainer B
 * (certified through ToT), 15 Feb 2024. Everyone enrolled on 5 Jan 2024, sector kuliner.
 *   P1–P4 (F, Jaksel), P5 (M, Jaksel): attend X1 → complete in January.
 *   P6 (F, Jaksel): on X1's roster, absent.   P7 (F, Labuan): attends X2 → completes in February.
 *   P8 (M, Labuan): nothing.
 * P1's MSME is at maturity 3 with a verified first online sale; P7's at maturity 2.
 */
let t: TestApp;
let admin: Client;
let viewer: Client;
let programmeId: string;
let x1: string;
const p: string[] = [];

const q = (text: string, params: unknown[] = []) => t.ctx.database.query(text, params);
const msmeOf = async (personId: string) => ((await q('SELECT msme_id FROM enrolment WHERE person_id = $1', [personId]))[0] as { msme_id: string }).msme_id;
const refresh = () => runQueuedJobs(t.ctx);

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn({ role: 'admin' });
  viewer = await t.signIn({ role: 'viewer' });
  const orgA = await makeOrganisation(t.ctx.db, { name: 'LSM A', kind: 'ngo' });
  const orgB = await makeOrganisation(t.ctx.db, { name: 'LSM B', kind: 'ngo' });
  programmeId = (await makeProgramme(t.ctx.db, { startDate: '2024-01-01', endDate: '2024-12-31' })).id;
  const jaksel = await makeSite(t.ctx.db, programmeId, { name: 'Jaksel', regionCode: '31.74' });
  const labuan = await makeSite(t.ctx.db, programmeId, { name: 'Labuan Bajo', regionCode: '53.15' });
  const trainerA = await makeUser(t.ctx.db, { role: 'trainer', organisationId: orgA.id, programmeIds: [programmeId] });
  const trainerB = await makeUser(t.ctx.db, { role: 'trainer', organisationId: orgB.id, programmeIds: [programmeId] });
  const jakarta = { regencyCode: '31.74', sector: 'kuliner' };
  const labuanBajo = { regencyCode: '53.15', sector: 'kuliner' };
  p.push(
    ...(await enrolPeople(t.ctx.db, programmeId, [
      { ...jakarta, gender: 'female' },
      { ...jakarta, gender: 'female' },
      { ...jakarta, gender: 'female' },
      { ...jakarta, gender: 'female' },
      { ...jakarta, gender: 'male' },
      { ...jakarta, gender: 'female' },
      { ...labuanBajo, gender: 'female' },
      { ...labuanBajo, gender: 'male' },
    ])),
  );
  await q(`UPDATE enrolment SET created_at = '2024-01-05T10:00:00+07:00' WHERE programme_id = $1`, [programmeId]);
  const m1 = await makeModule(t.ctx.db, programmeId, { durationMinutes: 60 });
  const m2 = await makeModule(t.ctx.db, programmeId, { durationMinutes: 60 });
  await q('INSERT INTO learning_path (programme_id, completion_min_percent) VALUES ($1, 80)', [programmeId]);
  await q('INSERT INTO learning_path_module (programme_id, module_id, position) VALUES ($1, $2, 1), ($1, $3, 2)', [programmeId, m1.id, m2.id]);
  const session = async (siteId: string, start: string, trainer: string) => {
    const [row] = await q(
      `INSERT INTO training_session (programme_id, site_id, title, modality, starts_at, ends_at, capacity, status)
       VALUES ($1, $2, 'Sesi', 'in_person', $3::timestamptz, $3::timestamptz + interval '3 hours', 30, 'done') RETURNING id`,
      [programmeId, siteId, start],
    );
    const id = (row as { id: string }).id;
    await q('INSERT INTO session_module (session_id, module_id) VALUES ($1, $2), ($1, $3)', [id, m1.id, m2.id]);
    await q('INSERT INTO session_trainer (session_id, user_id, programme_id) VALUES ($1, $2, $3)', [id, trainer, programmeId]);
    return id;
  };
  x1 = await session(jaksel.id, '2024-01-10T09:00:00+07:00', trainerA.id);
  const x2 = await session(labuan.id, '2024-02-15T09:00:00+08:00', trainerB.id);
  const roster = async (sessionId: string, personId: string) =>
    q(`INSERT INTO session_participant (programme_id, session_id, person_id, source) VALUES ($1, $2, $3, 'manual')`, [programmeId, sessionId, personId]);
  const present = async (sessionId: string, personId: string, at: string) => {
    await roster(sessionId, personId);
    await q(`INSERT INTO attendance (programme_id, session_id, person_id, method, client_id, captured_at) VALUES ($1, $2, $3, 'manual', gen_random_uuid()::text, $4)`, [programmeId, sessionId, personId, at]);
  };
  for (const person of p.slice(0, 5)) await present(x1, person, '2024-01-10T10:00:00+07:00');
  await roster(x1, p[5] as string);
  await present(x2, p[6] as string, '2024-02-15T10:00:00+08:00');
  await q('UPDATE msme SET maturity_level = 3 WHERE id = $1', [await msmeOf(p[0] as string)]);
  await q('UPDATE msme SET maturity_level = 2 WHERE id = $1', [await msmeOf(p[6] as string)]);
  await q(`INSERT INTO msme_milestone (programme_id, msme_id, kind, reached_on, submitted_by, status) VALUES ($1, $2, 'first_online_sale', '2024-03-05', $3, 'verified')`, [programmeId, await msmeOf(p[0] as string), trainerA.id]);
  const [certified] = await q(`INSERT INTO person (key, name, kind) VALUES ('phone:+6281300099999', 'Pelatih B', 'trainer') RETURNING id`);
  await q(`INSERT INTO trainer_certification (programme_id, person_id, user_id, organisation_id, certified_on) VALUES ($1, $2, $3, $4, '2024-01-05')`, [programmeId, (certified as { id: string }).id, trainerB.id, orgB.id]);
  await admin.post(`/api/programs/${programmeId}/targets`, { indicator: 'msme_trained', value: 10, periodStart: '2024-01-01', periodEnd: '2024-12-31' });
  await refresh();
});
afterAll(() => t.close());

async function dashboard(client: Client, query = '') {
  const res = await client.get(`/api/programs/${programmeId}/dashboard${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const indicator = (body: { indicators: { code: string }[] }, code: string) => body.indicators.find((i) => i.code === code) as Record<string, unknown>;

/** regency_reach, kept incrementally, holds what counting the facts from scratch gives. */
async function expectReachAsFromScratch() {
  const kept = await q(`SELECT dim, dim_value, regency_code, msmes FROM regency_reach WHERE programme_id = $1 ORDER BY 1, 2, 3`, [programmeId]);
  const scratch = await q(
    `SELECT d.dim, d.value AS dim_value, f.regency_code, count(*)::int AS msmes
     FROM participant_fact f CROSS JOIN LATERAL (VALUES ('', ''), ('province', coalesce(f.province_code, '')), ('regency', coalesce(f.regency_code, '')),
       ('site', coalesce(f.site_id::text, '')), ('sector', coalesce(f.sector, '')), ('gender', coalesce(f.gender, '')), ('age_band', coalesce(f.age_band, '')),
       ('trainee_type', coalesce(f.person_kind, '')), ('partner', coalesce(f.partner_id::text, ''))) AS d(dim, value)
     WHERE f.programme_id = $1 AND f.completed AND f.msme_id IS NOT NULL AND f.regency_code IS NOT NULL
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [programmeId],
  );
  expect(kept.length).toBeGreaterThan(0);
  expect(kept).toEqual(scratch);
}

async function expectSameAsNaive(filters: IndicatorFilters) {
  const { numbers } = await dashboardNumbers({ db: t.ctx.db, programmeId, filters });
  expect(comparable(numbers)).toEqual(comparable(await naiveDashboardNumbers(t.ctx.db, programmeId, filters)));
}

describe('programme dashboard', () => {
  it('matches the hand count', async () => {
    const body = await dashboard(admin);
    expect(body).toMatchObject({ programmeId, pending: false });
    expect(Date.parse(body.asOf)).toBeGreaterThan(Date.now() - 60_000);
    const values = Object.fromEntries(body.indicators.map((i: { code: string; value: number | null }) => [i.code, i.value]));
    expect(values).toMatchObject({
      msme_enrolled: 8,
      msme_trained: 6,
      people_trained: 6,
      women_share: 83.3, // 5 women of 6 trained
      sessions_held: 2,
      attendance_rate: 85.7, // 6 attendances of 7 roster places
      trainers_certified: 1,
      cascade_reach: 1, // P7, at X2 run by the certified trainer B
      msme_onboarded: 2,
      first_online_sale: 1,
      regencies_reached: 2,
      sites_active: 2,
    });
    expect(indicator(body, 'msme_trained')).toMatchObject({ target: 10, progress: 0.6, projected: 6, suppressed: false, version: 1, unit: 'count' });
    expect(indicator(body, 'msme_enrolled')).toMatchObject({ target: null, progress: null, projected: null });
    expect(body.funnel).toEqual([
      { stage: 'enrolled', count: 8, suppressed: false },
      { stage: 'invited', count: 0, suppressed: false },
      { stage: 'attended', count: 6, suppressed: false },
      { stage: 'completed', count: 6, suppressed: false },
      { stage: 'onboarded', count: 2, suppressed: false },
      { stage: 'first_sale', count: 1, suppressed: false },
    ]);
    expect(body.trend).toEqual([
      { period: '2024-01', enrolled: 8, attended: 5, completed: 5, onboarded: 2 },
      { period: '2024-02', enrolled: 0, attended: 1, completed: 1, onboarded: 0 },
    ]);
    expect(body.byProvince).toEqual([
      { code: '31', name: 'DKI JAKARTA', enrolled: 6, completed: 5, onboarded: 1, suppressed: false },
      { code: '53', name: 'NUSA TENGGARA TIMUR', enrolled: 2, completed: 1, onboarded: 1, suppressed: false },
    ]);
    expect(body.cascade).toEqual({ trainersCertified: 1, reach: 1, suppressed: false });
    await expectSameAsNaive({});
  });

  it('applies filters, from the rollup or the facts, with the same numbers as the naive queries', async () => {
    for (const filters of [{ province: '31' }, { province: '31', gender: 'female' as const }, { from: '2024-02-01', to: '2024-02-20' }, { from: '2024-01-01', to: '2024-01-31' }, { sector: 'kuliner' as const }, { regency: '53.15' }]) {
      await expectSameAsNaive(filters);
    }
    const province = await dashboard(admin, '?province=31'); // one slice of the rollup
    expect(indicator(province, 'msme_enrolled').value).toBe(6);
    expect(indicator(province, 'people_trained').value).toBe(5);
    expect(indicator(province, 'sessions_held').value).toBe(1);
    expect(province.byProvince.map((r: { code: string }) => r.code)).toEqual(['31']);
    const two = await dashboard(admin, '?province=31&gender=female'); // two filters: the facts
    expect(two.funnel.slice(0, 4).map((s: { count: number }) => s.count)).toEqual([5, 0, 4, 4]);
    const days = await dashboard(admin, '?from=2024-02-01&to=2024-02-20'); // not whole months: the facts
    expect(indicator(days, 'people_trained').value).toBe(1);
    expect(days.trend).toEqual([{ period: '2024-02', enrolled: 0, attended: 1, completed: 1, onboarded: 0 }]);
    const february = await dashboard(admin, '?from=2024-02-01&to=2024-02-29'); // whole months: the rollup
    expect(indicator(february, 'people_trained').value).toBe(1);
    expect((await admin.get(`/api/programs/${programmeId}/dashboard?gender=other`)).statusCode).toBe(400);
  });

  it('suppresses cells of fewer than 5 people for viewers', async () => {
    const body = await dashboard(viewer);
    expect(indicator(body, 'msme_enrolled')).toMatchObject({ value: 8, suppressed: false });
    expect(indicator(body, 'first_online_sale')).toMatchObject({ value: null, suppressed: true });
    expect(indicator(body, 'msme_trained')).toMatchObject({ value: 6, target: 10, progress: 0.6 });
    expect(body.funnel.find((s: { stage: string }) => s.stage === 'onboarded')).toEqual({ stage: 'onboarded', count: null, suppressed: true });
    expect(body.trend[0]).toEqual({ period: '2024-01', enrolled: 8, attended: 5, completed: 5, onboarded: null });
    expect(body.byProvince.every((r: { suppressed: boolean; enrolled: number | null }) => r.suppressed && r.enrolled === null)).toBe(true);
    expect(body.cascade).toEqual({ trainersCertified: null, reach: null, suppressed: true });
  });

  it('keeps the rollups right through imports, synced attendance, milestones, withdrawals and shared MSMEs', async () => {
    // More people imported.
    await enrolPeople(t.ctx.db, programmeId, [{ regencyCode: '31.74', gender: 'female' }, { regencyCode: '53.15', gender: 'male' }]);
    // P6 comes to X1 after all, recorded on a phone and synced.
    const sync = await admin.post('/api/sync/attendance', { records: [{ clientId: clientId(), sessionId: x1, personId: p[5], method: 'offline', capturedAt: '2024-01-10T10:30:00+07:00' }] });
    expect(sync.json()).toMatchObject({ accepted: 1 });
    // P2's first online sale, verified.
    await q(`INSERT INTO msme_milestone (programme_id, msme_id, kind, reached_on, submitted_by, status) VALUES ($1, $2, 'first_online_sale', '2024-04-01', $3, 'verified')`, [programmeId, await msmeOf(p[1] as string), (await makeUser(t.ctx.db, { role: 'trainer' })).id]);
    // P5 withdraws.
    await q(`UPDATE enrolment SET status = 'withdrawn' WHERE programme_id = $1 AND person_id = $2`, [programmeId, p[4]]);
    expect((await dashboard(admin)).pending).toBe(true);
    await refresh();
    const body = await dashboard(admin);
    expect(body.pending).toBe(false);
    expect(body.funnel.map((s: { count: number }) => s.count)).toEqual([9, 0, 6, 6, 2, 2]); // 8 + 2 − P5; P6 in, P5 out
    expect(indicator(body, 'women_share').value).toBe(100);
    await expectSameAsNaive({});
    await expectSameAsNaive({ province: '31' });
    await expectSameAsNaive({ sector: 'kuliner' });
    await expectSameAsNaive({ gender: 'male' });
    await expectReachAsFromScratch();

    // A second person of P1's business enrols: MSMEs are then counted from the facts, still once each.
    const [owner] = await q(`INSERT INTO person (key, name, gender) VALUES ('phone:+6281300088888', 'Rekan', 'female') RETURNING id`);
    await q(`INSERT INTO enrolment (programme_id, person_id, msme_id, source, created_at) VALUES ($1, $2, $3, 'manual', '2024-01-06T10:00:00+07:00')`, [programmeId, (owner as { id: string }).id, await msmeOf(p[0] as string)]);
    await refresh();
    const shared = await dashboard(admin);
    expect(shared.funnel[0]).toEqual({ stage: 'enrolled', count: 10, suppressed: false });
    expect(indicator(shared, 'msme_enrolled').value).toBe(9);
    await expectSameAsNaive({});
    await expectSameAsNaive({ gender: 'female' });
    await expectReachAsFromScratch();
  });
});
