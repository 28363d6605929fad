import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProgramme, makeSite } from '../../../test/support/factories.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { enrolPeople, makeModule } from '../../../test/support/training.ts';
import { drainFactRefresh } from '../monitoring/facts.ts';

/**
 * Eleven MSMEs with a baseline (15 Jan 2024) and an endline (1 Mar 2024) maturity assessment:
 *
 * Trained (completed the one-module path at X1 on 1 Feb, before their endline), levels 0→1, 1→3, 1→4, 0→2, 1→3:
 *   changes 1, 2, 3, 2, 2 (mean 2, variance 0.5). T1–T3 in Jaksel (31.74), T4–T5 in Labuan Bajo.
 * Comparison (attended nothing before their endline; C1 attends the later cohort X2 in April), 1→1, 2→3, 2→1, 1→1, 0→0:
 *   changes 0, 1, −1, 0, 0 (mean 0, variance 0.5). C1–C2 in Jaksel, C3–C5 in Labuan Bajo. Sector `fesyen`, the trained `kuliner`.
 * Partly trained P (attended X3, whose module is not on the path, before the endline), 1→2: in neither group.
 *
 * Maturity DiD = 2 − 0 = 2; se = √(0.5/5 + 0.5/5) = 0.44721; Welch df = 0.04 / (0.01²/4 · 2) = 8; t₈ = 2.3060 (table);
 *   half-width 1.03127 → [0.96873, 3.03127].
 * First online sale (verified): T1, T2, T3 reached it between baseline and endline, T4 before the baseline, T5 never;
 *   C1 and C2 between. Changes treated 1, 1, 1, 0, 0 (mean 0.6, var 0.3); comparison 1, 1, 0, 0, 0 (mean 0.4, var 0.3).
 *   DiD 0.2 = 20 pp; se = √(0.06 + 0.06) = 0.34641; df 8 → half-width 0.79882 → [−59.882, 99.882] pp.
 * Maturity before–after over all 11: changes 1, 2, 3, 2, 2, 0, 1, −1, 0, 0, 1: mean 1, variance 14/10 = 1.4,
 *   se = √(1.4/11) = 0.35675, df 10, t₁₀ = 2.2281 → [0.20512, 1.79488].
 * Tests, five people pre → post: 40→80, 50→70, 60→60, 30→70, 50→80: changes 40, 20, 0, 40, 30: mean 26, variance 280,
 *   se = √(280/5) = 7.48331, t₄ = 2.7764 → [5.223, 46.777].
 */
let t: TestApp;
let admin: Client;
let viewer: Client;
let programmeId: string;

async function q(text: string, params: unknown[] = []) {
  return t.ctx.database.query(text, params);
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn({ role: 'admin' });
  viewer = await t.signIn({ role: 'viewer' });
  const p = await makeProgramme(t.ctx.db, { startDate: '2024-01-01', endDate: '2024-12-31' });
  programmeId = p.id;
  const site = await makeSite(t.ctx.db, programmeId);
  const onPath = await makeModule(t.ctx.db, programmeId, { durationMinutes: 60 });
  const offPath = await makeModule(t.ctx.db, programmeId, { durationMinutes: 60 });
  await q('INSERT INTO learning_path (programme_id, completion_min_percent) VALUES ($1, 80)', [programmeId]);
  await q('INSERT INTO learning_path_module (programme_id, module_id, position) VALUES ($1, $2, 1)', [programmeId, onPath.id]);
  const session = async (day: string, moduleId: string) => {
    const [row] = await q(
      `INSERT INTO training_session (programme_id, site_id, title, modality, starts_at, ends_at, capacity, status) VALUES ($1, $2, 'Sesi', 'in_person', $3::timestamptz, $3::timestamptz + interval '2 hours', 40, 'done') RETURNING id`,
      [programmeId, site.id, `${day}T09:00+07`],
    );
    const sessionId = (row as { id: string }).id;
    await q('INSERT INTO session_module (session_id, module_id) VALUES ($1, $2)', [sessionId, moduleId]);
    return { sessionId, day };
  };
  const x1 = await session('2024-02-01', onPath.id);
  const x2 = await session('2024-04-01', onPath.id);
  const x3 = await session('2024-02-01', offPath.id);

  type Unit = { levels: [number, number]; regency: string; sector: string; attends?: { sessionId: string; day: string }; saleOn?: string; test?: [number, number] };
  const units: Unit[] = [
    { levels: [0, 1], regency: '31.74', sector: 'kuliner', attends: x1, saleOn: '2024-02-10', test: [40, 80] },
    { levels: [1, 3], regency: '31.74', sector: 'kuliner', attends: x1, saleOn: '2024-02-20', test: [50, 70] },
    { levels: [1, 4], regency: '31.74', sector: 'kuliner', attends: x1, saleOn: '2024-03-01', test: [60, 60] },
    { levels: [0, 2], regency: '53.15', sector: 'kuliner', attends: x1, saleOn: '2023-12-01', test: [30, 70] },
    { levels: [1, 3], regency: '53.15', sector: 'kuliner', attends: x1, test: [50, 80] },
    { levels: [1, 1], regency: '31.74', sector: 'fesyen', attends: x2, saleOn: '2024-02-15' },
    { levels: [2, 3], regency: '31.74', sector: 'fesyen', saleOn: '2024-01-20' },
    { levels: [2, 1], regency: '53.15', sector: 'fesyen' },
    { levels: [1, 1], regency: '53.15', sector: 'fesyen' },
    { levels: [0, 0], regency: '53.15', sector: 'fesyen' },
    { levels: [1, 2], regency: '53.15', sector: 'jasa', attends: x3 },
  ];
  const persons = await enrolPeople(t.ctx.db, programmeId, units.map((u) => ({ regencyCode: u.regency, sector: u.sector })));
  for (const [i, u] of units.entries()) {
    const personId = persons[i] as string;
    const [{ msme_id: msmeId }] = (await q('SELECT msme_id FROM enrolment WHERE person_id = $1', [personId])) as [{ msme_id: string }];
    await q(
      `INSERT INTO maturity_assessment (programme_id, msme_id, phase, answers, level, assessed_on, source) VALUES ($1, $2, 'baseline', '{}', $3, '2024-01-15', 'staff'), ($1, $2, 'endline', '{}', $4, '2024-03-01', 'staff')`,
      [programmeId, msmeId, u.levels[0], u.levels[1]],
    );
    if (u.attends) await q(`INSERT INTO attendance (programme_id, session_id, person_id, method, client_id, captured_at) VALUES ($1, $2, $3, 'manual', gen_random_uuid()::text, $4)`, [programmeId, u.attends.sessionId, personId, `${u.attends.day}T09:30+07`]);
    if (u.saleOn) await q(`INSERT INTO msme_milestone (programme_id, msme_id, kind, reached_on, evidence_url, submitted_by, status) VALUES ($1, $2, 'first_online_sale', $3, 'https://contoh.id/bukti', $4, 'verified')`, [programmeId, msmeId, u.saleOn, admin.userId]);
    if (u.test) {
      for (const [phase, score] of [['pre', u.test[0]], ['post', u.test[1]]] as const) {
        await q(`INSERT INTO test_attempt (programme_id, module_id, person_id, phase, points, max_points, score, source, client_id, taken_at) VALUES ($1, $2, $3, $4, 0, 10, $5, 'staff', gen_random_uuid()::text, now())`, [
          programmeId,
          onPath.id,
          personId,
          phase,
          score,
        ]);
      }
    }
  }
  await drainFactRefresh(t.ctx.database, programmeId);
}, 60_000);
afterAll(() => t.close());

describe('programme impact', () => {
  it('estimates before–after changes with 95 % paired-t intervals', async () => {
    const res = await admin.get(`/api/programs/${programmeId}/impact`);
    expect(res.statusCode, res.body).toBe(200);
    const { prePost, factsPending } = res.json();
    expect(factsPending).toBe(false);
    expect(prePost.maturity).toMatchObject({ n: 11, meanChange: 1, df: 10, suppressed: false });
    expect(prePost.maturity.low).toBeCloseTo(0.20512, 2);
    expect(prePost.maturity.high).toBeCloseTo(1.79488, 2);
    expect(prePost.testScore).toMatchObject({ n: 5, meanBefore: 46, meanAfter: 72, meanChange: 26, df: 4 });
    expect(prePost.testScore.low).toBeCloseTo(5.223, 1);
    expect(prePost.testScore.high).toBeCloseTo(46.777, 1);
    expect(prePost.method.en).toContain('t distribution');
  });

  it('estimates difference-in-differences on maturity and first online sale, with samples, method and caveats', async () => {
    const did = (await admin.get(`/api/programs/${programmeId}/impact`)).json().differenceInDifferences;
    expect(did.available).toBe(true);
    expect(did.samples).toEqual({ treated: { baseline: 5, endline: 5 }, comparison: { baseline: 5, endline: 5 }, partlyTrainedExcluded: 1 });
    expect(did.maturity).toMatchObject({ estimate: 2, df: 8, treated: { n: 5, meanBefore: 0.6, meanAfter: 2.6, meanChange: 2 }, comparison: { n: 5, meanBefore: 1.2, meanAfter: 1.2, meanChange: 0 } });
    expect(did.maturity.se).toBeCloseTo(0.44721, 3);
    expect(did.maturity.low).toBeCloseTo(0.96873, 2);
    expect(did.maturity.high).toBeCloseTo(3.03127, 2);
    expect(did.firstOnlineSale).toMatchObject({ estimate: 20, df: 8, treated: { meanBefore: 20, meanAfter: 80 }, comparison: { meanBefore: 0, meanAfter: 40 } });
    expect(did.firstOnlineSale.low).toBeCloseTo(-59.882, 0);
    expect(did.firstOnlineSale.high).toBeCloseTo(99.882, 0);
    expect(did.caveats.map((c: { code: string }) => c.code)).toEqual(['parallel_trends', 'selection', 'small_sample', 'partial_excluded']);
    expect(did.method.id).toContain('Selisih-dalam-selisih');
    expect(did.method.en).toContain('Welch');
  });

  it('says so instead of a number when there is no comparison group', async () => {
    const did = (await admin.get(`/api/programs/${programmeId}/impact?sector=kuliner`)).json().differenceInDifferences;
    expect(did).toMatchObject({ available: false, maturity: null, firstOnlineSale: null, unavailableReason: { code: 'no_comparison_group' } });
    expect(did.samples.comparison).toEqual({ baseline: 0, endline: 0 });
  });

  it('hides groups of fewer than 5 from viewers only', async () => {
    // Jaksel: trained T1–T3, comparison C1–C2.
    const shown = (await admin.get(`/api/programs/${programmeId}/impact?regency=31.74`)).json();
    expect(shown.differenceInDifferences.maturity).toMatchObject({ suppressed: false, treated: { n: 3 }, comparison: { n: 2 } });
    const hidden = (await viewer.get(`/api/programs/${programmeId}/impact?regency=31.74`)).json();
    expect(hidden.differenceInDifferences.maturity).toMatchObject({ suppressed: true, estimate: null, low: null, treated: { n: null } });
    expect(hidden.differenceInDifferences.samples).toEqual({ treated: { baseline: null, endline: null }, comparison: { baseline: null, endline: null }, partlyTrainedExcluded: 0 });
    expect(hidden.prePost.testScore).toMatchObject({ suppressed: true, n: null, meanChange: null });
    const whole = (await viewer.get(`/api/programs/${programmeId}/impact`)).json();
    expect(whole.differenceInDifferences.maturity).toMatchObject({ suppressed: false, estimate: 2 });
    expect(whole.differenceInDifferences.samples.partlyTrainedExcluded).toBeNull();
  });
});
