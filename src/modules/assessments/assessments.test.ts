import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maturityHistory, msme, testAttempt } from '../../db/schema/index.ts';
import { makeOrganisation, makePartnership, makeProgramme, makeSite } from '../../../test/support/factories.ts';
import { attend, makeSession, msmeOf } from '../../../test/support/outcomes.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { clientId, enrolPeople, makeModule } from '../../../test/support/training.ts';

let t: TestApp;
let admin: Client;
let coordinator: Client;
let viewer: Client;
let mentor: Client;
let partnerId: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn({ role: 'admin' });
  viewer = await t.signIn({ role: 'viewer' });
  mentor = await t.signIn({ role: 'trainer' });
  partnerId = (await makeOrganisation(t.ctx.db, { kind: 'ngo' })).id;
  coordinator = await t.signIn({ role: 'partner_coordinator', organisationId: partnerId });
});
afterAll(() => t.close());

async function setup() {
  const p = await makeProgramme(t.ctx.db);
  await makePartnership(t.ctx.db, p.id, partnerId);
  const site = await makeSite(t.ctx.db, p.id);
  const module = await makeModule(t.ctx.db, p.id, { titleId: 'Pembayaran Digital' });
  const people = (await enrolPeople(t.ctx.db, p.id, [{ name: 'Maria' }, { name: 'Yosef' }, { name: 'Lukas' }])) as [string, string, string];
  const msmeIds = await Promise.all(people.map((id) => msmeOf(t.ctx.db, p.id, id)));
  return { p, site, module, people, msmeIds };
}

describe('digital maturity', () => {
  it('derives the level from the answers and keeps the current level with its history', async () => {
    const s = await setup();
    const [first, second] = s.msmeIds as [string, string];
    await coordinator.post(`/api/programs/${s.p.id}/caseloads`, { mentorUserId: mentor.userId, msmeIds: [first] });
    const url = `/api/programs/${s.p.id}/msmes/${first}/maturity`;
    const baseline = await mentor.post(url, { phase: 'baseline', answers: { has_social_account: true }, assessedOn: '2031-01-10' });
    expect(baseline.statusCode, baseline.body).toBe(200);
    expect(baseline.json()).toMatchObject({ phase: 'baseline', level: 1, currentLevel: 1 });
    const endline = await mentor.post(url, { phase: 'endline', answers: { has_social_account: true, listed_on_marketplace: true, receives_online_orders: true, accepts_digital_payments: true }, assessedOn: '2031-04-10' });
    expect(endline.json()).toMatchObject({ level: 3, currentLevel: 3 });
    // The same endline again changes nothing in the history.
    await mentor.post(url, { phase: 'endline', answers: { has_social_account: true, listed_on_marketplace: true, receives_online_orders: true, accepts_digital_payments: true }, assessedOn: '2031-04-10' });
    const history = await t.ctx.db.select().from(maturityHistory).where(eq(maturityHistory.msmeId, first));
    expect(history.map((h) => [h.previousLevel, h.level])).toEqual([
      [null, 1],
      [1, 3],
    ]);
    expect((await t.ctx.db.select({ level: msme.maturityLevel }).from(msme).where(eq(msme.id, first)))[0]?.level).toBe(3);
    const view = (await coordinator.get(url)).json();
    expect(view).toMatchObject({ currentLevel: 3, assessments: [{ phase: 'baseline', level: 1 }, { phase: 'endline', level: 3 }] });
    expect(view.history).toHaveLength(2);

    expect((await mentor.post(`/api/programs/${s.p.id}/msmes/${second}/maturity`, { phase: 'baseline', answers: {} })).statusCode).toBe(404);
    const unknownQuestion = await coordinator.post(url, { phase: 'baseline', answers: { punya_toko_fisik: true } });
    expect(unknownQuestion.statusCode).toBe(400);
    await coordinator.post(`/api/programs/${s.p.id}/msmes/${second}/maturity`, { phase: 'baseline', answers: {} });
    const summary = (await viewer.get(`/api/programs/${s.p.id}/maturity/summary`)).json();
    expect(summary).toEqual({
      baseline: { assessed: 2, levels: { '0': 1, '1': 1, '2': 0, '3': 0, '4': 0 }, onboarded: 0 },
      endline: { assessed: 1, levels: { '0': 0, '1': 0, '2': 0, '3': 1, '4': 0 }, onboarded: 1 },
      paired: 1,
      improved: 1,
      newlyOnboarded: 1,
    });
    const questionnaire = (await t.anonymous.get('/api/maturity/questionnaire')).json();
    expect(questionnaire.questions).toHaveLength(9);
    expect(questionnaire.levels.map((l: { label: string }) => l.label)).toEqual(['Belum daring', 'Hadir di media sosial', 'Berjualan daring', 'Bertransaksi digital', 'Tumbuh digital']);
  });
});

describe('knowledge tests and feedback', () => {
  it('scores participants\' attempts (single and all-or-nothing multiple choice), stored once each, offline batches included', async () => {
    const s = await setup();
    const base = `/api/programs/${s.p.id}/modules/${s.module.id}/questions`;
    const single = await admin.post(base, {
      kind: 'single',
      prompt: { id: 'QRIS adalah…', en: 'QRIS is…' },
      options: [
        { key: 'a', id: 'standar QR pembayaran', en: 'a QR payment standard' },
        { key: 'b', id: 'lokapasar', en: 'a marketplace' },
      ],
      correct: ['a'],
    });
    expect(single.statusCode, single.body).toBe(201);
    const multiple = await admin.post(base, {
      kind: 'multiple',
      prompt: { id: 'Mana yang dompet digital?', en: 'Which are e-wallets?' },
      options: [
        { key: 'a', id: 'GoPay', en: 'GoPay' },
        { key: 'b', id: 'Tokopedia', en: 'Tokopedia' },
        { key: 'c', id: 'OVO', en: 'OVO' },
      ],
      correct: ['a', 'c'],
    });
    expect((await admin.post(base, { kind: 'single', prompt: { id: 'x', en: 'x' }, options: [{ key: 'a', id: 'a', en: 'a' }, { key: 'b', id: 'b', en: 'b' }], correct: ['a', 'b'] })).json().error.fields).toEqual({ correct: 'Soal pilihan tunggal harus punya tepat satu jawaban benar' });
    expect((await admin.post(base, { kind: 'multiple', prompt: { id: 'x', en: 'x' }, options: [{ key: 'a', id: 'a', en: 'a' }, { key: 'b', id: 'b', en: 'b' }], correct: ['z'] })).statusCode).toBe(400);
    expect((await coordinator.get(base)).json().items.map((q: { correct: string[] }) => q.correct)).toEqual([['a'], ['a', 'c']]);

    const [maria] = s.people;
    const link = (await coordinator.get(`/api/programs/${s.p.id}/participant-links/${maria}`)).json();
    const headers = { 'x-participant-token': link.token };
    const home = await t.anonymous.get('/api/participant', headers);
    expect(home.statusCode, home.body).toBe(200);
    expect(home.json().tests[0].questions).toHaveLength(2);
    expect(home.body).not.toContain('"correct"');

    const q1 = single.json().id;
    const q2 = multiple.json().id;
    const pre = { clientId: clientId(), moduleId: s.module.id, phase: 'pre', answers: { [q1]: ['a'], [q2]: ['a'] }, takenAt: '2031-01-10T09:00:00+09:00' };
    const post = { clientId: clientId(), moduleId: s.module.id, phase: 'post', answers: { [q1]: ['a'], [q2]: ['c', 'a'] }, takenAt: '2031-01-10T12:00:00+09:00' };
    const unknown = { clientId: clientId(), moduleId: (await makeModule(t.ctx.db, s.p.id)).id, phase: 'post', answers: {}, takenAt: '2031-01-10T12:00:00+09:00' };
    const first = (await t.anonymous.post('/api/participant/test-attempts', { attempts: [pre, post, pre, unknown] }, headers)).json();
    expect(first).toMatchObject({ accepted: 2, duplicates: 1, rejected: [{ clientId: unknown.clientId, reason: 'unknown_module' }] });
    expect(first.scores.map((x: { clientId: string; score: number }) => [x.clientId, x.score])).toEqual([
      [pre.clientId, 50],
      [post.clientId, 100],
    ]);
    expect((await t.anonymous.post('/api/participant/test-attempts', { attempts: [post, pre] }, headers)).json()).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(await t.ctx.db.select().from(testAttempt).where(eq(testAttempt.personId, maria))).toHaveLength(2);
    expect((await t.anonymous.get('/api/participant', { 'x-participant-token': 'palsu.token' })).statusCode).toBe(400);

    // Paper results: a trainer only for people of the sessions they run.
    const trainer = await t.signIn({ role: 'trainer', programmeIds: [s.p.id] });
    const session = await makeSession(admin, s.p.id, { siteId: s.site.id, moduleIds: [s.module.id], trainerIds: [trainer.userId] });
    const [, yosef, lukas] = s.people;
    await attend(admin, session, [yosef]);
    const paper = (id: string) => ({ clientId: clientId(), programmeId: s.p.id, personId: id, moduleId: s.module.id, phase: 'post', score: { points: 1, maxPoints: 2 }, takenAt: '2031-01-11T12:00:00+09:00' });
    const onRoster = paper(yosef);
    const offRoster = paper(lukas);
    expect((await trainer.post('/api/sync/test-attempts', { attempts: [onRoster, offRoster] })).json()).toMatchObject({ accepted: 1, rejected: [{ clientId: offRoster.clientId, reason: 'unknown_person' }], scores: [{ score: 50 }] });
    const summary = (await viewer.get(`/api/programs/${s.p.id}/tests/summary`)).json();
    expect(summary.modules.find((m: { module: { id: string } }) => m.module.id === s.module.id)).toMatchObject({ questions: 2, pre: { people: 1, averageScore: 50 }, post: { people: 2, averageScore: 75, passed: null } });

    // Feedback: from the participant's link (once per session), or paper forms typed in by the trainer.
    await attend(admin, session, [maria]);
    const feedback = { clientId: clientId(), sessionId: session, rating: 5, recommend: 10, comment: 'Sangat bermanfaat' };
    expect((await t.anonymous.post('/api/participant/feedback', feedback, headers)).json()).toMatchObject({ outcome: 'accepted' });
    expect((await t.anonymous.post('/api/participant/feedback', { ...feedback, clientId: clientId(), rating: 1 }, headers)).json()).toMatchObject({ outcome: 'duplicate' });
    const elsewhere = await makeSession(admin, s.p.id, { siteId: s.site.id, moduleIds: [s.module.id] });
    expect((await t.anonymous.post('/api/participant/feedback', { ...feedback, clientId: clientId(), sessionId: elsewhere }, headers)).statusCode).toBe(404);
    expect((await trainer.post(`/api/sessions/${session}/feedback`, { clientId: 'kertas-1', rating: 3, recommend: 6 })).json()).toMatchObject({ outcome: 'accepted' });
    expect((await trainer.post(`/api/sessions/${session}/feedback`, { clientId: 'kertas-1', rating: 3, recommend: 6 })).json()).toMatchObject({ outcome: 'duplicate' });
    expect((await trainer.post(`/api/sessions/${session}/feedback`, { clientId: 'kertas-2' })).statusCode).toBe(400);
    const seen = (await trainer.get(`/api/sessions/${session}/feedback`)).json();
    expect(seen.summary).toMatchObject({ responses: 2, averageRating: 4, promoters: 1, detractors: 1, nps: 0 });
    expect(seen.comments).toEqual([expect.objectContaining({ comment: 'Sangat bermanfaat' })]);
    expect((await viewer.get(`/api/sessions/${session}/feedback`)).json().comments).toBeNull();
    expect((await viewer.get(`/api/programs/${s.p.id}/feedback/summary`)).json()).toMatchObject({ overall: { responses: 2 }, sessions: [{ id: session, summary: { nps: 0 } }] });
  });
});
