import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProgramme } from '../../../test/support/factories.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { enrolPeople } from '../../../test/support/training.ts';
import { createSurveyToken } from '../../core/outcome-survey.ts';
import { enrolment, outboxMessage, outcomeInvite, outcomeResponse } from '../../db/schema/index.ts';
import { drainFactRefresh } from '../monitoring/facts.ts';
import { nationalReport } from '../monitoring/service.ts';
import { INVITE_KEY_PREFIX, surveyPersonaliser } from './service.ts';

/**
 * Outcome surveys of four MSMEs (A, B, C, D) in programme P, and A again in programme Q.
 *
 *            baseline (band, online %, workers paid+unpaid)   endline / 6 months after
 *   P  A     5m_15m, 10 %, 2+1 = 3   (link)                    15m_50m, 40 %, 3+2 = 5  → grew, +2
 *      B     lt_5m,   0 %, 1+0 = 1   (mentor)                  lt_5m,   20 %, 1+0 = 1  → same,  0
 *      C     15m_50m, 50 %, 4+0 = 4  (link)                    — no answer
 *      D     — no answer                                       5m_15m, 30 %, 2+0 = 2 (endline only)
 *   Q  A     5m_15m, 10 %, 3 (baseline, after P's)            followup: 15m_50m, 40 %, 5
 *
 * P: revenue growth 1 of 2 paired MSMEs; online share at the latest answers (40 + 20 + 50 + 30) / 4
 * = 35.0 %; jobs created +2 + 0 = 2 over 2 paired MSMEs of 4 enrolled (response rate 50 %): C and D
 * are not counted as zero. Q: jobs 2. National, each MSME once: A 5 − 3 = 2 (first baseline
 * anywhere to the latest later answer), B 0 → 2, not 2 + 2 + 0 = 4.
 */
let t: TestApp;
let admin: Client;
let viewer: Client;
let programmeId: string;
let otherId: string;
const msme: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };
const tokens: Record<string, string> = {};

const answer = (band: string, share: number, paid: number, unpaid: number, women = 0, extra: Record<string, unknown> = {}) => ({
  revenueBand: band,
  onlineSharePercent: share,
  workersPaid: paid,
  workersUnpaid: unpaid,
  workersWomen: women,
  platforms: ['shopee', 'tiktok_shop'],
  ...extra,
});

/** Sends a round and reads each MSME's personal link the way the outbox worker would sign it in. */
async function sendRound(phase: string): Promise<void> {
  const res = await admin.post(`/api/programs/${programmeId}/outcome-surveys`, { phase, channel: 'log', expiresOn: '2099-12-31' });
  expect(res.statusCode, res.body).toBe(201);
  const personalise = surveyPersonaliser(t.ctx.secret, async () => {
    throw new Error('not a survey message');
  });
  const rows = await t.ctx.db.select().from(outboxMessage).where(sql`${outboxMessage.idempotencyKey} LIKE ${`${INVITE_KEY_PREFIX}%`}`);
  for (const row of rows) {
    const [invite] = await t.ctx.db.select().from(outcomeInvite).where(eq(outcomeInvite.id, row.recipientId as string));
    const { body } = await personalise(t.ctx.db, row);
    const token = /\/survei#([\w.-]+)/.exec(body)?.[1];
    if (invite && token && invite.surveyId === res.json().id) tokens[`${phase}:${invite.msmeId}`] = token;
  }
}

const submit = (token: string | undefined, body: unknown, headers: Record<string, string> = {}) => t.anonymous.post('/api/outcome-survey/answer', { token, answer: body }, headers);
const responses = async () => (await t.ctx.db.select({ n: sql<number>`count(*)::int` }).from(outcomeResponse))[0]?.n;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn({ role: 'admin' });
  viewer = await t.signIn({ role: 'viewer' });
  programmeId = (await makeProgramme(t.ctx.db)).id;
  otherId = (await makeProgramme(t.ctx.db)).id;
  const people = await enrolPeople(t.ctx.db, programmeId, [{ businessName: 'Tenun A' }, { businessName: 'Kopi B' }, { businessName: 'Kriya C' }, { businessName: 'Kuliner D' }]);
  const rows = await t.ctx.db.select({ personId: enrolment.personId, msmeId: enrolment.msmeId }).from(enrolment).where(eq(enrolment.programmeId, programmeId));
  (['A', 'B', 'C', 'D'] as const).forEach((k, i) => (msme[k] = rows.find((r) => r.personId === people[i])?.msmeId as string));
  // A is in Q too (the registry is national: one MSME, two enrolments).
  await t.ctx.db.insert(enrolment).values({ programmeId: otherId, personId: people[0] as string, msmeId: msme.A, source: 'import', active: true, willing: true });
}, 120_000);
afterAll(() => t?.close());

describe('sending a survey round', () => {
  it('writes one outbox message per enrolled MSME with the link left to be signed in at sending time', async () => {
    await sendRound('baseline');
    const rounds = (await admin.get(`/api/programs/${programmeId}/outcome-surveys`)).json().items;
    expect(rounds).toEqual([expect.objectContaining({ phase: 'baseline', invited: 4, skipped: 0, answered: 0, responseRate: 0 })]);
    const messages = await t.ctx.db.select().from(outboxMessage).where(eq(outboxMessage.programmeId, programmeId));
    expect(messages).toHaveLength(4);
    expect(messages.every((m) => m.body.includes('{{tautan}}') && !m.body.includes('/survei#'))).toBe(true);
    expect(Object.keys(tokens)).toHaveLength(4);
    // Sending the phase again reaches nobody twice.
    await sendRound('baseline');
    expect(await t.ctx.db.select().from(outboxMessage).where(eq(outboxMessage.programmeId, programmeId))).toHaveLength(4);
    expect((await admin.post(`/api/programs/${programmeId}/outcome-surveys`, { phase: 'endline', channel: 'log', expiresOn: '2020-01-01' })).json().error.fields).toEqual({
      expiresOn: 'Tanggal kedaluwarsa harus setelah hari ini',
    });
  });
});

describe('answering on the phone', () => {
  it('opens the survey with the business name and phase only', async () => {
    const res = await t.anonymous.post('/api/outcome-survey/open', { token: tokens[`baseline:${msme.A}`] });
    expect(res.json()).toEqual({ programme: 'Program Uji', businessName: 'Tenun A', phase: 'baseline', answered: false, asksNewHires: false });
  });

  it('refuses impossible values with a message on the field, storing nothing', async () => {
    const token = tokens[`baseline:${msme.A}`];
    const negative = await submit(token, answer('5m_15m', 10, -1, 1));
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.fields).toEqual({ 'answer.workersPaid': 'Tidak boleh kurang dari 0' });
    const band = await submit(token, answer('sekitar_10_juta', 10, 2, 1), { 'accept-language': 'en' });
    expect(band.json().error.fields).toEqual({ 'answer.revenueBand': 'Choose one of the revenue bands offered' });
    const women = await submit(token, answer('5m_15m', 10, 1, 1, 3));
    expect(women.json().error.fields).toEqual({ 'answer.workersWomen': 'Pekerja perempuan tidak boleh lebih banyak dari jumlah pekerja (dibayar + tidak dibayar)' });
    const share = await submit(token, answer('5m_15m', 101, 1, 1));
    expect(share.json().error.fields).toEqual({ 'answer.onlineSharePercent': 'Isi persentase 0 sampai 100' });
    expect(await responses()).toBe(0);
  });

  it('stores an answer once; the same link again says it was already answered', async () => {
    const token = tokens[`baseline:${msme.A}`];
    const first = await submit(token, answer('5m_15m', 10, 2, 1, 1));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ phase: 'baseline', stored: true });
    const again = await submit(token, answer('gte_250m', 100, 50, 0));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields).toEqual({ token: 'Survei ini sudah dijawab. Terima kasih! Jawaban kedua tidak disimpan.' });
    const stored = await t.ctx.db.select().from(outcomeResponse);
    expect(stored.map((r) => [r.msmeId, r.phase, r.revenueBand, r.workersPaid, r.workersUnpaid, r.workersWomen, r.newHires, r.source, r.platforms])).toEqual([
      [msme.A, 'baseline', '5m_15m', 2, 1, 1, null, 'link', ['shopee', 'tiktok_shop']],
    ]);
    expect((await t.anonymous.post('/api/outcome-survey/open', { token })).json()).toMatchObject({ answered: true });
  });

  it('refuses a link whose round was closed earlier than the link says, storing nothing', async () => {
    // C's link was signed with the round's expiry at sending (2099); the round now ends sooner.
    const token = tokens[`baseline:${msme.C}`];
    const [invite] = await t.ctx.db.select().from(outcomeInvite).where(eq(outcomeInvite.msmeId, msme.C));
    const round = `UPDATE outcome_survey SET expires_at = $2 WHERE id = $1`;
    await t.ctx.database.query(round, [invite?.surveyId, new Date(Date.now() - 60_000).toISOString()]);
    const late = await submit(token, answer('15m_50m', 50, 4, 0), { 'accept-language': 'en' });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.fields).toEqual({ token: 'This survey link has expired. Nothing was saved; ask the organisers or your mentor for a new link.' });
    expect((await t.anonymous.post('/api/outcome-survey/open', { token })).statusCode).toBe(400);
    expect(await responses()).toBe(1);
    await t.ctx.database.query(round, [invite?.surveyId, '2099-12-31T16:59:59Z']);
  });

  it('refuses an expired or tampered link, storing nothing', async () => {
    const [invite] = await t.ctx.db.select().from(outcomeInvite).where(eq(outcomeInvite.msmeId, msme.C));
    const expired = createSurveyToken(t.ctx.secret, { inviteId: invite?.id as string, expiresAt: new Date(Date.now() - 60_000) });
    const late = await submit(expired, answer('15m_50m', 50, 4, 0));
    expect(late.statusCode).toBe(400);
    expect(late.json().error.fields).toEqual({ token: 'Tautan survei sudah kedaluwarsa. Jawaban tidak disimpan; mintalah tautan baru kepada penyelenggara atau pendamping Anda.' });
    const token = tokens[`baseline:${msme.C}`] as string;
    const tampered = await submit(`${token.slice(0, -3)}AAA`, answer('15m_50m', 50, 4, 0), { 'accept-language': 'en' });
    expect(tampered.json().error.fields).toEqual({ token: 'This survey link is not valid. Check the link in your message.' });
    expect(await responses()).toBe(1);
    expect((await submit(token, answer('15m_50m', 50, 4, 0))).statusCode).toBe(200);
  });

  it('takes answers entered by a mentor for their caseload; the link for that phase is then spent', async () => {
    const mentor = await t.signIn({ role: 'trainer', programmeIds: [programmeId] });
    const url = `/api/programs/${programmeId}/msmes/${msme.B}/outcome-responses`;
    expect((await mentor.post(url, { phase: 'baseline', answer: answer('lt_5m', 0, 1, 0) })).statusCode).toBe(404);
    expect((await admin.post(`/api/programs/${programmeId}/caseloads`, { mentorUserId: mentor.userId, msmeIds: [msme.B] })).statusCode).toBe(200);
    const entered = await mentor.post(url, { phase: 'baseline', answer: answer('lt_5m', 0, 1, 0) });
    expect(entered.statusCode, entered.body).toBe(201);
    expect((await mentor.post(url, { phase: 'baseline', answer: answer('lt_5m', 0, 1, 0) })).json().error.fields).toEqual({ phase: 'Usaha ini sudah punya jawaban untuk tahap ini' });
    expect((await submit(tokens[`baseline:${msme.B}`], answer('lt_5m', 0, 9, 0))).statusCode).toBe(409);
    expect((await viewer.post(url, { phase: 'endline', answer: answer('lt_5m', 0, 1, 0) })).statusCode).toBe(403);
    // The mentor can show the owner the personal link again (signed afresh); it is already answered here.
    const link = await mentor.get(`/api/programs/${programmeId}/msmes/${msme.B}/outcome-link?phase=baseline`);
    expect(link.json()).toMatchObject({ answered: true, url: expect.stringMatching(/\/survei#[\w-]+\.[\w-]+$/) });
    expect((await mentor.get(`/api/programs/${programmeId}/msmes/${msme.A}/outcome-link?phase=baseline`)).statusCode).toBe(404);
  });
});

describe('outcome indicators', () => {
  it('has no jobs value (not zero) while no MSME has a later answer, and shows the response rate', async () => {
    const res = (await viewer.get(`/api/programs/${programmeId}/outcomes`)).json();
    expect(res).toMatchObject({ eligible: 4, answered: 3, responseRate: 75 });
    const jobs = res.indicators.find((i: { code: string }) => i.code === 'jobs_created');
    expect(jobs).toMatchObject({ value: null, respondents: 0, eligible: 4, responseRate: 0 });
  });

  it('computes revenue growth, online share and jobs created by hand-counted values', async () => {
    await sendRound('endline');
    expect((await t.anonymous.post('/api/outcome-survey/open', { token: tokens[`endline:${msme.A}`] })).json()).toMatchObject({ phase: 'endline', asksNewHires: true });
    expect((await submit(tokens[`endline:${msme.A}`], answer('15m_50m', 40, 3, 2, 2, { newHires: 2 }))).statusCode).toBe(200);
    expect((await submit(tokens[`endline:${msme.B}`], answer('lt_5m', 20, 1, 0))).statusCode).toBe(200);
    expect((await submit(tokens[`endline:${msme.D}`], answer('5m_15m', 30, 2, 0))).statusCode).toBe(200);

    const res = (await admin.get(`/api/programs/${programmeId}/outcomes`)).json();
    const byCode = Object.fromEntries(res.indicators.map((i: { code: string }) => [i.code, i]));
    expect(byCode.msme_revenue_growth).toMatchObject({ value: 1, respondents: 2, responseRate: 50 });
    expect(byCode.online_sales_share).toMatchObject({ value: 35, respondents: 4, responseRate: 100 });
    expect(byCode.jobs_created).toMatchObject({ value: 2, respondents: 2, eligible: 4, responseRate: 50 });
    expect(res.byPhase).toEqual(
      expect.arrayContaining([
        { phase: 'baseline', answered: 3, byLink: 2, byMentor: 1, responseRate: 75 },
        { phase: 'endline', answered: 3, byLink: 3, byMentor: 0, responseRate: 75 },
      ]),
    );
    // Nobody attended training: no treated group, no difference-in-differences, and the reason why.
    expect(res.differenceInDifferences).toMatchObject({ available: false, workers: null, unavailableReason: { code: 'no_treated_group' }, caveats: [] });
    // The same numbers in the monitoring framework, with their breakdown by regency.
    const indicators = (await admin.get(`/api/programs/${programmeId}/indicators`)).json().items;
    expect(indicators.find((i: { code: string }) => i.code === 'jobs_created')).toMatchObject({ value: 2, numerator: 2, denominator: 2 });
    const byRegency = (await admin.get(`/api/programs/${programmeId}/indicators/online_sales_share?by=regency`)).json();
    expect(byRegency.cells).toEqual([{ dims: { regency: '53.15' }, value: 35, numerator: 140, denominator: 4, people: 4, suppressed: false }]);
  });

  it('estimates difference-in-differences when a trained and a comparison group exist (hand-computed)', async () => {
    // A's owner completed the learning path (treated); B's attended nothing (comparison); C has no
    // later answer and D no baseline, so they are left out.
    //   workers:      A 3 → 5 (+2), B 1 → 1 (0)      → DiD = 2 − 0 = 2
    //   online share: A 10 → 40 (+30), B 0 → 20 (+20) → DiD = 30 − 20 = 10 points
    //   revenue band: A 5m_15m (rank 1) → 15m_50m (2) (+1), B lt_5m (0) → lt_5m (0) (0) → DiD = 1 band
    // One MSME per group: no spread, so no interval; nobody partly trained.
    await drainFactRefresh(t.ctx.database, programmeId);
    await t.ctx.database.query(`UPDATE participant_fact SET completed_at = '2024-01-01T00:00:00Z', first_attended_at = '2023-12-01T00:00:00Z' WHERE programme_id = $1 AND msme_id = $2`, [programmeId, msme.A]);
    const did = (await admin.get(`/api/programs/${programmeId}/outcomes`)).json().differenceInDifferences;
    expect(did).toMatchObject({ available: true, treated: 1, comparison: 1 });
    expect(did.workers).toEqual({ estimate: 2, low: null, high: null, treatedChange: 2, comparisonChange: 0 });
    expect(did.onlineShare).toEqual({ estimate: 10, low: null, high: null, treatedChange: 30, comparisonChange: 20 });
    expect(did.revenueBand).toEqual({ estimate: 1, low: null, high: null, treatedChange: 1, comparisonChange: 0 });
    // With the impact report's method sentence and caveats: 1 per group is small and has no interval.
    expect(did).toMatchObject({ unavailableReason: null, partlyTrainedExcluded: 0 });
    expect(did.caveats.map((c: { code: string }) => c.code)).toEqual(['parallel_trends', 'selection', 'small_sample', 'no_interval']);
    expect(did.caveats[0].en).toContain('Parallel trends');
    expect(did.method.id).toContain('Selisih-dalam-selisih');
    expect(did.method.id).toContain('galat baku Welch');
    expect(did.method.en).toContain('not counted as zero');
    // Groups below five are hidden from viewers.
    expect((await viewer.get(`/api/programs/${programmeId}/outcomes`)).json().differenceInDifferences).toMatchObject({ treated: null, comparison: null, workers: null, revenueBand: null, partlyTrainedExcluded: 0 });
  });

  it('leaves a partly trained MSME out of both groups and counts it', async () => {
    // B's owner attended a session before B's endline answer but did not complete: partly
    // trained, so in neither group. A alone is left: 1 treated, 0 comparison, 1 left out.
    const setB = (firstAttended: string | null) =>
      t.ctx.database.query(`UPDATE participant_fact SET first_attended_at = $3, completed_at = NULL WHERE programme_id = $1 AND msme_id = $2`, [programmeId, msme.B, firstAttended]);
    await setB('2024-01-01T00:00:00Z');
    try {
      const did = (await admin.get(`/api/programs/${programmeId}/outcomes`)).json().differenceInDifferences;
      expect(did).toMatchObject({ available: false, treated: 1, comparison: 0, partlyTrainedExcluded: 1, workers: null, revenueBand: null, caveats: [] });
      expect(did.unavailableReason).toMatchObject({ code: 'no_comparison_group', en: expect.stringContaining('No comparison group') });
      // 1 left out is a small cell: hidden from viewers.
      expect((await viewer.get(`/api/programs/${programmeId}/outcomes`)).json().differenceInDifferences).toMatchObject({ partlyTrainedExcluded: null });
    } finally {
      await setB(null);
    }
  });

  it('rolls jobs up nationally once per MSME, beside the 4.4 million goal', async () => {
    // A answers again in Q: a baseline after P's, and six months after.
    expect((await admin.post(`/api/programs/${otherId}/msmes/${msme.A}/outcome-responses`, { phase: 'baseline', answer: answer('5m_15m', 10, 2, 1) })).statusCode).toBe(201);
    expect((await admin.post(`/api/programs/${otherId}/msmes/${msme.A}/outcome-responses`, { phase: 'followup', answer: answer('15m_50m', 40, 3, 2, 0, { newHires: 2 }) })).statusCode).toBe(201);
    await t.ctx.database.query(`UPDATE outcome_response SET answered_at = '2024-01-10T02:00:00Z' WHERE programme_id = $1 AND phase = 'baseline'`, [programmeId]);
    await t.ctx.database.query(`UPDATE outcome_response SET answered_at = '2024-06-10T02:00:00Z' WHERE programme_id = $1 AND phase = 'endline'`, [programmeId]);
    await t.ctx.database.query(`UPDATE outcome_response SET answered_at = '2024-02-01T02:00:00Z' WHERE programme_id = $1 AND phase = 'baseline'`, [otherId]);
    await t.ctx.database.query(`UPDATE outcome_response SET answered_at = '2024-06-01T02:00:00Z' WHERE programme_id = $1 AND phase = 'followup'`, [otherId]);
    const q = (await admin.get(`/api/programs/${otherId}/outcomes`)).json();
    expect(q.indicators.find((i: { code: string }) => i.code === 'jobs_created')).toMatchObject({ value: 2, respondents: 1 });
    const national = await viewer.get('/api/national');
    expect(national.json()).toMatchObject({ jobsCreated: 2, jobsMsmesMeasured: 2, jobsGoal: 4_400_000, goal: 30_000_000 });
    expect(await nationalReport(t.ctx.db)).toMatchObject({ jobsCreated: 2 });
  });
});
