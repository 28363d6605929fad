import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolment, maturityAssessment, msme, person, referral } from '../../db/schema/index.ts';
import { makeOrganisation, makePartnership, makeProgramme, makeSite } from '../../../test/support/factories.ts';
import { attend, makeSession } from '../../../test/support/outcomes.ts';
import { createTestApp, nextAddress, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { enrolPeople, makeModule } from '../../../test/support/training.ts';
import { storedKey } from '../../../test/support/personal-data.ts';

let t: TestApp;
let admin: Client;
let coordinator: Client;
let viewer: Client;
let trainer: Client;
let partnerId: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn({ role: 'admin' });
  viewer = await t.signIn({ role: 'viewer' });
  partnerId = (await makeOrganisation(t.ctx.db, { kind: 'ngo' })).id;
  coordinator = await t.signIn({ role: 'partner_coordinator', organisationId: partnerId });
});
afterAll(() => t.close());

let phones = 0;
const phone = () => `0812${String(77_000_000 + ++phones)}`;

/** A public call from an address of its own (the public routes are rate-limited per address). */
function publicCall(method: 'GET' | 'POST', url: string, options: { body?: object; headers?: Record<string, string>; address?: string } = {}) {
  return t.app.inject({ method, url, payload: options.body, headers: options.headers, remoteAddress: options.address ?? nextAddress() });
}

const registration = (token: string, extra: Record<string, unknown> = {}) => ({ token, businessName: 'Keripik Sagu Mama Ros', ownerName: 'Rosalina Wenda', phone: phone(), regency: 'Kabupaten Jayapura', ...extra });

async function setup() {
  const p = await makeProgramme(t.ctx.db, { name: 'Duta Digital Papua' });
  await makePartnership(t.ctx.db, p.id, partnerId);
  trainer = await t.signIn({ role: 'trainer', programmeIds: [p.id] });
  const youth = await coordinator.post(`/api/programs/${p.id}/champions`, { category: 'youth', person: { name: 'Yulius Karoba', phone: phone() } });
  expect(youth.statusCode, youth.body).toBe(201);
  const ustadz = await coordinator.post(`/api/programs/${p.id}/champions`, { category: 'religious_leader', person: { name: 'Ustaz Harun', phone: phone() } });
  const link = async (id: string) => (await coordinator.get(`/api/programs/${p.id}/champions/${id}/referral-link`)).json() as { token: string; url: string; svg: string };
  return { p, youth: youth.json(), ustadz: ustadz.json(), youthLink: await link(youth.json().id), ustadzLink: await link(ustadz.json().id) };
}

describe('digital champions and referrals', () => {
  it("attributes a self-registration to the champion whose link it came through, with the roster's validation", async () => {
    const s = await setup();
    expect(s.youthLink.url).toMatch(/\/daftar#/);
    expect(s.youthLink.url.endsWith(s.youthLink.token)).toBe(true);
    expect(s.youthLink.svg).toContain('<svg');
    const page = await publicCall('GET', '/api/register', { headers: { 'x-referral-token': s.youthLink.token } });
    expect(page.json()).toEqual({ programme: { code: s.p.code, name: 'Duta Digital Papua' }, champion: { name: 'Yulius Karoba', category: 'youth' } });

    const body = registration(s.youthLink.token, { maturity: { has_social_account: true, listed_on_marketplace: true } });
    const res = await publicCall('POST', '/api/register', { body });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ registered: true, message: expect.stringContaining('Duta Digital Papua') });
    const [p] = await t.ctx.db.select().from(person).where(eq(person.key, storedKey(`phone:+62${body.phone.slice(1)}`)));
    const [e] = await t.ctx.db.select().from(enrolment).where(and(eq(enrolment.programmeId, s.p.id), eq(enrolment.personId, p?.id ?? '')));
    expect(e).toMatchObject({ source: 'referral', active: true, willing: true });
    expect(await t.ctx.db.select({ championId: referral.championId }).from(referral).where(eq(referral.personId, p?.id ?? ''))).toEqual([{ championId: s.youth.id }]);
    // The baseline questionnaire answered on the form: level 2 (sells online).
    const [baseline] = await t.ctx.db.select().from(maturityAssessment).where(eq(maturityAssessment.msmeId, e?.msmeId ?? ''));
    expect(baseline).toMatchObject({ phase: 'baseline', level: 2, source: 'self' });
    expect((await t.ctx.db.select({ level: msme.maturityLevel }).from(msme).where(eq(msme.id, e?.msmeId ?? '')))[0]?.level).toBe(2);

    // The same person again, through another champion: the same answer, the first champion keeps the credit.
    const again = await publicCall('POST', '/api/register', { body: { ...body, token: s.ustadzLink.token } });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(res.json());
    expect(await t.ctx.db.select({ championId: referral.championId }).from(referral).where(eq(referral.personId, p?.id ?? ''))).toEqual([{ championId: s.youth.id }]);

    // Someone the registry knows (from another programme) is enrolled, not rewritten by a public form.
    const [known] = await enrolPeople(t.ctx.db, (await makeProgramme(t.ctx.db)).id, [{ name: 'Nama Asli', phone: '+6281277999999' }]);
    expect((await publicCall('POST', '/api/register', { body: registration(s.ustadzLink.token, { ownerName: 'Nama Palsu', phone: '081277999999' }) })).statusCode).toBe(201);
    expect((await t.ctx.db.select({ name: person.name }).from(person).where(eq(person.id, known as string)))[0]?.name).toBe('Nama Asli');
    expect(await t.ctx.db.select({ championId: referral.championId }).from(referral).where(eq(referral.personId, known as string))).toEqual([{ championId: s.ustadz.id }]);

    // The roster's validation, field by field; tampered tokens and inactive champions are refused.
    const invalid = await publicCall('POST', '/api/register', { body: registration(s.youthLink.token, { businessName: '', phone: '12345', regency: 'Atlantis' }) });
    expect(invalid.statusCode).toBe(400);
    expect(Object.keys(invalid.json().error.fields).sort()).toEqual(['businessName', 'phone', 'regency']);
    const tampered = await publicCall('POST', '/api/register', { body: registration(`${s.youthLink.token.slice(0, -2)}xx`) });
    expect(tampered.json().error.fields).toEqual({ token: 'Tautan pendaftaran tidak valid atau tidak berlaku lagi' });
    await coordinator.patch(`/api/programs/${s.p.id}/champions/${s.ustadz.id}`, { active: false });
    expect((await publicCall('GET', '/api/register', { headers: { 'x-referral-token': s.ustadzLink.token } })).statusCode).toBe(400);
  });

  it('ranks champions by referrals and by referred people who completed the training', async () => {
    const s = await setup();
    const db = t.ctx.db;
    const site = await makeSite(db, s.p.id);
    const module = await makeModule(db, s.p.id);
    await admin.put(`/api/programs/${s.p.id}/learning-path`, { moduleIds: [module.id], completionMinPercent: 100 });
    const register = async (token: string) => {
      const body = registration(token);
      expect((await publicCall('POST', '/api/register', { body })).statusCode).toBe(201);
      const [p] = await db.select({ id: person.id }).from(person).where(eq(person.key, storedKey(`phone:+62${body.phone.slice(1)}`)));
      return p?.id as string;
    };
    await register(s.youthLink.token);
    await register(s.youthLink.token);
    await register(s.youthLink.token);
    const u1 = await register(s.ustadzLink.token);
    const u2 = await register(s.ustadzLink.token);
    await attend(admin, await makeSession(admin, s.p.id, { siteId: site.id, moduleIds: [module.id] }), [u1, u2]);

    const byReferrals = (await coordinator.get(`/api/programs/${s.p.id}/champions`)).json();
    expect(byReferrals.items.map((c: { name: string; rank: number; referrals: number; trained: number; completed: number }) => [c.name, c.rank, c.referrals, c.trained, c.completed])).toEqual([
      ['Yulius Karoba', 1, 3, 0, 0],
      ['Ustaz Harun', 2, 2, 2, 2],
    ]);
    const byCompleted = (await viewer.get(`/api/programs/${s.p.id}/champions?sort=completed`)).json();
    expect(byCompleted.items.map((c: { name: string | null; category: string; completed: number }) => [c.name, c.category, c.completed])).toEqual([
      [null, 'religious_leader', 2],
      [null, 'youth', 0],
    ]);
    expect((await trainer.get(`/api/programs/${s.p.id}/champions`)).statusCode).toBe(403);
  });

  it('limits self-registrations per address', async () => {
    const s = await setup();
    const address = nextAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await publicCall('POST', '/api/register', { body: registration(s.youthLink.token), address })).statusCode);
    expect(statuses.slice(0, 10).every((code) => code === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
