import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent, msme, trainerCertification } from '../../db/schema/index.ts';
import { makeOrganisation, makeProgramme, makeSite, makeUser } from '../../../test/support/factories.ts';
import { attend, makeSession, msmeOf } from '../../../test/support/outcomes.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { enrolPeople, makeModule } from '../../../test/support/training.ts';

let t: TestApp;
let admin: Client;
let viewer: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn({ role: 'admin' });
  viewer = await t.signIn({ role: 'viewer' });
});
afterAll(() => t.close());

type Reach = { trainersCertified: number; sessions: number; participants: number; completed: number; onboarded: number };
type Node = { id: string; trainer: { personId: string; name: string | null }; depth: number; own: { sessions: number; participants: number }; reach: Reach; children: Node[] };

function flatten(nodes: Node[]): Node[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

async function registerTrainer(programmeId: string, name: string, phone: string): Promise<string> {
  const res = await admin.post(`/api/programs/${programmeId}/people`, { kind: 'trainer', name, phone });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().personId;
}

describe('training of trainers: a four-level cascade', () => {
  /**
   * T0 (master) trains T1a and T1b in a ToT session; T1a trains T2; T2 trains T3.
   * Regular sessions (module M1 is the whole learning path, so attending one completes it):
   *   T0: A            T1b: A, B          T2: B, C          T3 (module outside the path): D, E
   * Maturity: A 2, B 1, C 3, D 4, E unknown → on-boarded A, C, D. A cancelled session of T3 counts nowhere.
   */
  it('rolls reach up every level, counting each participant once where branches meet', async () => {
    const db = t.ctx.db;
    const ngo = await makeOrganisation(db, { kind: 'ngo', name: `LSM Kaskade ${Date.now()}` });
    const p = await makeProgramme(db);
    const site = await makeSite(db, p.id, { regionCode: '91.03' });
    const m1 = await makeModule(db, p.id, { durationMinutes: 120 });
    const m2 = await makeModule(db, p.id, { durationMinutes: 60 });
    const tot = await makeModule(db, p.id, { durationMinutes: 240 });
    expect((await admin.put(`/api/programs/${p.id}/learning-path`, { moduleIds: [m1.id], completionMinPercent: 80 })).statusCode).toBe(200);

    const users = Object.fromEntries(await Promise.all(['t0', 't1a', 't1b', 't2', 't3'].map(async (k) => [k, (await makeUser(db, { role: 'trainer' })).id] as const))) as Record<string, string>;
    const t0 = await registerTrainer(p.id, 'Master Trainer Yohana', '081300000100');
    const t1a = await registerTrainer(p.id, 'Pelatih Markus', '081300000101');
    const t1b = await registerTrainer(p.id, 'Pelatih Ruth', '081300000102');
    const t2 = await registerTrainer(p.id, 'Pelatih Daniel', '081300000103');
    const t3 = await registerTrainer(p.id, 'Pelatih Sarah', '081300000104');

    const master = await admin.post(`/api/programs/${p.id}/trainer-certifications`, { personId: t0, userId: users.t0, organisationId: ngo.id, certifiedOn: '2031-01-01' });
    expect(master.statusCode, master.body).toBe(201);

    const certify = async (trainer: string, trainees: string[], accounts: Record<string, string>) => {
      const session = await makeSession(admin, p.id, { siteId: site.id, moduleIds: [tot.id], trainerIds: [trainer], kind: 'tot', title: 'ToT' });
      await attend(admin, session, trainees);
      const res = await admin.post(`/api/sessions/${session}/certify-trainers`, { personIds: trainees, accounts: Object.entries(accounts).map(([personId, userId]) => ({ personId, userId })) });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().certified).toHaveLength(trainees.length);
      return res.json();
    };
    const first = await certify(users.t0 as string, [t1a, t1b], { [t1a]: users.t1a as string, [t1b]: users.t1b as string });
    expect(first.parentId).toBe(master.json().id);
    await certify(users.t1a as string, [t2], { [t2]: users.t2 as string });
    await certify(users.t2 as string, [t3], { [t3]: users.t3 as string });

    const [a, b, c, d, e] = (await enrolPeople(db, p.id, [{ name: 'A' }, { name: 'B' }, { name: 'C' }, { name: 'D' }, { name: 'E' }])) as [string, string, string, string, string];
    const run = async (trainer: string, moduleId: string, people: string[]) => attend(admin, await makeSession(admin, p.id, { siteId: site.id, moduleIds: [moduleId], trainerIds: [trainer] }), people);
    await run(users.t0 as string, m1.id, [a]);
    await run(users.t1b as string, m1.id, [a, b]);
    await run(users.t2 as string, m1.id, [b, c]);
    await run(users.t3 as string, m2.id, [d, e]);
    const cancelled = await makeSession(admin, p.id, { siteId: site.id, moduleIds: [m1.id], trainerIds: [users.t3 as string] });
    await admin.patch(`/api/sessions/${cancelled}`, { status: 'cancelled' });
    for (const [person, level] of [[a, 2], [b, 1], [c, 3], [d, 4]] as const) {
      await db.update(msme).set({ maturityLevel: level }).where(eq(msme.id, await msmeOf(db, p.id, person)));
    }

    const res = await admin.get(`/api/programs/${p.id}/cascade`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { roots: Node[]; totals: Reach };
    expect(body.roots).toHaveLength(1);
    const byPerson = new Map(flatten(body.roots).map((n) => [n.trainer.personId, n]));
    const figures = (personId: string) => {
      const n = byPerson.get(personId);
      return n && { depth: n.depth, own: n.own, reach: n.reach };
    };
    expect(figures(t0)).toEqual({ depth: 0, own: { sessions: 2, participants: 1 }, reach: { trainersCertified: 4, sessions: 7, participants: 5, completed: 3, onboarded: 3 } });
    expect(figures(t1a)).toEqual({ depth: 1, own: { sessions: 1, participants: 0 }, reach: { trainersCertified: 2, sessions: 4, participants: 4, completed: 2, onboarded: 2 } });
    expect(figures(t1b)).toEqual({ depth: 1, own: { sessions: 1, participants: 2 }, reach: { trainersCertified: 0, sessions: 1, participants: 2, completed: 2, onboarded: 1 } });
    expect(figures(t2)).toEqual({ depth: 2, own: { sessions: 2, participants: 2 }, reach: { trainersCertified: 1, sessions: 3, participants: 4, completed: 2, onboarded: 2 } });
    expect(figures(t3)).toEqual({ depth: 3, own: { sessions: 1, participants: 2 }, reach: { trainersCertified: 0, sessions: 1, participants: 2, completed: 0, onboarded: 1 } });
    expect(body.totals).toEqual({ trainersCertified: 5, sessions: 7, participants: 5, completed: 3, onboarded: 3 });
    expect(byPerson.get(t0)?.trainer.name).toBe('Master Trainer Yohana');

    // Viewers see the same figures without names; a trainer sees their own branch only.
    const seen = (await viewer.get(`/api/programs/${p.id}/cascade`)).json() as { roots: Node[] };
    expect(flatten(seen.roots).map((n) => n.trainer.name)).toEqual([null, null, null, null, null]);
    expect(flatten(seen.roots).find((n) => n.trainer.personId === t0)?.reach).toEqual(byPerson.get(t0)?.reach);
    const trainerT2 = await t.signIn({ role: 'trainer', programmeIds: [p.id] });
    await db.update(trainerCertification).set({ userId: trainerT2.userId }).where(eq(trainerCertification.personId, t2));
    const branch = (await trainerT2.get(`/api/programs/${p.id}/cascade`)).json() as { roots: Node[] };
    expect(branch.roots.map((n) => n.trainer.personId)).toEqual([t2]);
    expect(flatten(branch.roots).map((n) => n.trainer.personId)).toEqual([t2, t3]);

    const audit = await db.select({ action: auditEvent.action }).from(auditEvent).where(inArray(auditEvent.action, ['trainer.certify', 'trainer.certify_tot']));
    expect(audit.length).toBeGreaterThanOrEqual(4);
  });

  it('certifies only attendees of a ToT session, once, and refuses regular sessions', async () => {
    const db = t.ctx.db;
    const p = await makeProgramme(db);
    const site = await makeSite(db, p.id);
    const module = await makeModule(db, p.id);
    const trainer = await makeUser(db, { role: 'trainer' });
    const [present, absent] = await Promise.all([registerTrainer(p.id, 'Hadir', '081300000201'), registerTrainer(p.id, 'Absen', '081300000202')]);
    const session = await makeSession(admin, p.id, { siteId: site.id, moduleIds: [module.id], trainerIds: [trainer.id], kind: 'tot' });
    await attend(admin, session, [present]);
    const outsider = (await enrolPeople(db, (await makeProgramme(db)).id, [{}]))[0] as string;
    const res = await admin.post(`/api/sessions/${session}/certify-trainers`, { personIds: [present, absent, outsider] });
    expect(res.json()).toMatchObject({ certified: [{ personId: present }], parentId: null, alreadyCertified: [] });
    expect(res.json().refused).toEqual([
      { personId: absent, reason: 'not_attended', message: expect.stringContaining('Tidak tercatat hadir') },
      { personId: outsider, reason: 'not_enrolled', message: 'Bukan peserta program ini' },
    ]);
    expect((await admin.post(`/api/sessions/${session}/certify-trainers`, { personIds: [present] })).json()).toMatchObject({ certified: [], alreadyCertified: [present] });
    const regular = await makeSession(admin, p.id, { siteId: site.id, moduleIds: [module.id] });
    const refused = await admin.post(`/api/sessions/${regular}/certify-trainers`, { personIds: [present] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('bukan sesi pelatihan untuk pelatih');
    const pm = await t.signIn({ role: 'program_manager', programmeIds: [(await makeProgramme(db)).id] });
    expect((await pm.get(`/api/programs/${p.id}/cascade`)).statusCode).toBe(404);
  });
});

describe('people trained by type', () => {
  it('counts government staff, trainers, champions and MSME owners separately, with institutions', async () => {
    const db = t.ctx.db;
    const p = await makeProgramme(db);
    const site = await makeSite(db, p.id);
    const module = await makeModule(db, p.id);
    await admin.put(`/api/programs/${p.id}/learning-path`, { moduleIds: [module.id], completionMinPercent: 100 });
    const humas = await admin.post(`/api/programs/${p.id}/people`, { kind: 'government_staff', name: 'Agustina Wamafma', phone: '0813 0000 0301', gender: 'female', institution: 'Pemerintah Kabupaten Jayapura', unit: 'Bagian Humas', position: 'Kepala Subbagian' });
    expect(humas.statusCode, humas.body).toBe(201);
    expect(humas.json()).toMatchObject({ kind: 'government_staff', existed: false, alreadyEnrolled: false });
    const staff2 = (await admin.post(`/api/programs/${p.id}/people`, { kind: 'government_staff', name: 'Yakob Ondi', phone: '081300000302', institution: 'Pemerintah Kabupaten Jayapura' })).json().personId;
    const trainer = (await admin.post(`/api/programs/${p.id}/people`, { kind: 'trainer', name: 'Pelatih', phone: '081300000303' })).json().personId;
    const [owner] = await enrolPeople(db, p.id, [{}]);
    // The form names every problem, and government staff need an institution.
    const noInstitution = await admin.post(`/api/programs/${p.id}/people`, { kind: 'government_staff', name: 'Tanpa Instansi', phone: '081300000309' });
    expect(noInstitution.json().error.fields).toEqual({ institution: 'Wajib diisi' });
    const bad = await admin.post(`/api/programs/${p.id}/people`, { kind: 'trainer', name: 'Tanpa Identitas', nik: '123' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({ nik: expect.stringContaining('NIK tidak valid') });
    // The same phone again is the same person.
    expect((await admin.post(`/api/programs/${p.id}/people`, { kind: 'government_staff', name: 'Agustina W.', phone: '+6281300000301', institution: 'Pemerintah Kabupaten Jayapura' })).json()).toMatchObject({ personId: humas.json().personId, existed: true, alreadyEnrolled: true });

    const session = await makeSession(admin, p.id, { siteId: site.id, moduleIds: [module.id] });
    await attend(admin, session, [humas.json().personId, trainer, owner as string]);
    const summary = await viewer.get(`/api/programs/${p.id}/trainees/summary`);
    expect(summary.statusCode).toBe(200);
    const byKind = Object.fromEntries(summary.json().byKind.map((k: { kind: string }) => [k.kind, k]));
    expect(byKind.government_staff).toEqual({ kind: 'government_staff', registered: 2, trained: 1, completed: 1 });
    expect(byKind.trainer).toMatchObject({ registered: 1, trained: 1, completed: 1 });
    expect(byKind.msme_owner).toMatchObject({ registered: 1, trained: 1 });
    expect(byKind.champion).toMatchObject({ registered: 0 });
    expect(summary.json().governmentInstitutions).toEqual([{ institution: 'Pemerintah Kabupaten Jayapura', registered: 2, trained: 1, completed: 1 }]);
    expect(staff2).toBeTruthy();
  });
});
