import { PNG } from 'pngjs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent, mentoringVisit } from '../../db/schema/index.ts';
import { makeOrganisation, makePartnership, makeProgramme } from '../../../test/support/factories.ts';
import { msmeOf } from '../../../test/support/outcomes.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { clientId, enrolPeople } from '../../../test/support/training.ts';

let t: TestApp;
let coordinator: Client;
let mentor: Client;
let otherMentor: Client;
let partnerId: string;

beforeAll(async () => {
  t = await createTestApp();
  partnerId = (await makeOrganisation(t.ctx.db, { kind: 'ngo' })).id;
  coordinator = await t.signIn({ role: 'partner_coordinator', organisationId: partnerId });
  mentor = await t.signIn({ role: 'trainer' });
  otherMentor = await t.signIn({ role: 'trainer' });
});
afterAll(() => t.close());

function png(width = 4, height = 4): Buffer {
  const image = new PNG({ width, height });
  image.data.fill(200);
  return PNG.sync.write(image);
}

function multipart(fields: Record<string, string>, file: { name: string; type: string; content: Buffer }) {
  const boundary = `----berdaya-uji-${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(parts.join('') + head), file.content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function upload(client: Client, method: 'POST' | 'PUT', url: string, fields: Record<string, string>, file: { name: string; type: string; content: Buffer }) {
  const body = multipart(fields, file);
  return client.inject({ method, url, payload: body.payload, headers: body.headers });
}

/** A programme (the coordinator's organisation a partner) with three MSMEs; the mentor has the first two in their caseload. */
async function setup() {
  const p = await makeProgramme(t.ctx.db);
  await makePartnership(t.ctx.db, p.id, partnerId);
  const people = await enrolPeople(t.ctx.db, p.id, [{ businessName: 'Tenun Ikat Sumba' }, { businessName: 'Kopi Wamena' }, { businessName: 'Sagu Papeda' }]);
  const [m1, m2, m3] = (await Promise.all(people.map((id) => msmeOf(t.ctx.db, p.id, id)))) as [string, string, string];
  const assigned = await coordinator.post(`/api/programs/${p.id}/caseloads`, { mentorUserId: mentor.userId, msmeIds: [m1, m2, m2] });
  expect(assigned.statusCode, assigned.body).toBe(200);
  expect(assigned.json()).toEqual({ added: [m1, m2], already: [], notEnrolled: [] });
  return { p, m1, m2, m3 };
}

const visit = (programmeId: string, msmeId: string, extra: Record<string, unknown> = {}) => ({
  clientId: clientId(),
  programmeId,
  msmeId,
  visitedOn: '2031-03-04',
  mode: 'on_site',
  notes: 'Membantu membuat akun TikTok Shop',
  agreedActions: ['Unggah 5 foto produk', 'Aktifkan QRIS'],
  capturedAt: '2031-03-04T10:00:00+09:00',
  ...extra,
});

describe('mentoring caseloads and visits', () => {
  it("lists the mentor's caseload with the owners' contacts, across programmes", async () => {
    const s = await setup();
    const mine = (await mentor.get('/api/me/caseload')).json().items.filter((i: { programme: { id: string } }) => i.programme.id === s.p.id);
    expect(mine.map((i: { businessName: string }) => i.businessName).sort()).toEqual(['Kopi Wamena', 'Tenun Ikat Sumba']);
    expect(mine[0]).toMatchObject({ phone: expect.stringMatching(/^\+62/), lastVisitOn: null, milestones: [] });
    expect((await otherMentor.get('/api/me/caseload')).json().items.filter((i: { programme: { id: string } }) => i.programme.id === s.p.id)).toEqual([]);
    const list = (await coordinator.get(`/api/programs/${s.p.id}/caseloads`)).json();
    expect(list.items).toHaveLength(2);
    expect((await coordinator.post(`/api/programs/${s.p.id}/caseloads/end`, { mentorUserId: mentor.userId, msmeIds: [s.m2] })).json()).toEqual({ ended: 1 });
    expect((await coordinator.get(`/api/programs/${s.p.id}/caseloads`)).json().items).toHaveLength(1);
  });

  it('syncs visits exactly once each, in any order, and keeps refused ones with a reason until they are accepted', async () => {
    const s = await setup();
    const v1 = visit(s.p.id, s.m1);
    const v2 = visit(s.p.id, s.m2, { mode: 'whatsapp', agreedActions: [] });
    const notMine = visit(s.p.id, s.m3);
    const unknownMsme = visit(s.p.id, crypto.randomUUID());
    const otherProgramme = visit((await makeProgramme(t.ctx.db)).id, s.m1);
    const badMode = visit(s.p.id, s.m1, { mode: 'telepati' });
    const badDate = visit(s.p.id, s.m1, { visitedOn: 'kemarin' });

    const first = await mentor.post('/api/sync/visits', { records: [v1, v2, { ...v1 }, notMine, unknownMsme, otherProgramme, badMode, badDate] });
    expect(first.statusCode, first.body).toBe(200);
    const body = first.json();
    expect(body).toMatchObject({ accepted: 2, duplicates: 1 });
    expect(Object.fromEntries(body.rejected.map((r: { clientId: string; reason: string }) => [r.clientId, r.reason]))).toEqual({
      [notMine.clientId]: 'not_your_caseload',
      [unknownMsme.clientId]: 'unknown_msme',
      [otherProgramme.clientId]: 'unknown_programme',
      [badMode.clientId]: 'invalid_record',
      [badDate.clientId]: 'invalid_record',
    });
    expect(Object.keys(body.visitIds).sort()).toEqual([v1.clientId, v2.clientId].sort());

    const again = (await mentor.post('/api/sync/visits', { records: [v2, v1, v2] })).json();
    expect(again).toMatchObject({ accepted: 0, duplicates: 3, rejected: [] });
    expect(again.visitIds).toEqual(body.visitIds);
    const stored = await t.ctx.db.select().from(mentoringVisit).where(eq(mentoringVisit.programmeId, s.p.id));
    expect(stored).toHaveLength(2);
    expect(stored.find((v) => v.clientId === v1.clientId)).toMatchObject({ mentorUserId: mentor.userId, visitedOn: '2031-03-04', mode: 'on_site', agreedActions: ['Unggah 5 foto produk', 'Aktifkan QRIS'], capturedAt: new Date('2031-03-04T01:00:00Z') });

    const rejections = (await mentor.get('/api/sync/visit-rejections')).json().items;
    expect(rejections.find((r: { clientId: string }) => r.clientId === notMine.clientId)).toMatchObject({ reason: 'not_your_caseload', message: 'Usaha ini bukan dampingan Anda', attempts: 1 });
    // Once the MSME is assigned to the mentor, the same record goes through and its rejection is resolved.
    await coordinator.post(`/api/programs/${s.p.id}/caseloads`, { mentorUserId: mentor.userId, msmeIds: [s.m3] });
    expect((await mentor.post('/api/sync/visits', { records: [notMine] })).json()).toMatchObject({ accepted: 1, rejected: [] });
    expect((await mentor.get('/api/sync/visit-rejections')).json().items.map((r: { clientId: string }) => r.clientId)).not.toContain(notMine.clientId);
    // Another mentor cannot see or add to these MSMEs.
    expect((await otherMentor.get(`/api/programs/${s.p.id}/msmes/${s.m1}/visits`)).statusCode).toBe(404);
    const audit = await t.ctx.db.select().from(auditEvent).where(eq(auditEvent.action, 'visit.sync'));
    expect(audit.length).toBeGreaterThan(0);
  });

  it('records a visit online with photos: sniffed type, size limit, the same photo once', async () => {
    const s = await setup();
    const created = await mentor.post(`/api/programs/${s.p.id}/msmes/${s.m1}/visits`, { visitedOn: '2031-03-05', mode: 'phone', notes: 'Telepon tindak lanjut', agreedActions: ['Daftar Shopee'] });
    expect(created.statusCode, created.body).toBe(201);
    const visitId = created.json().id;
    const photo = png();
    const added = await upload(mentor, 'POST', `/api/visits/${visitId}/photos`, { clientId: 'foto-1' }, { name: 'foto.png', type: 'image/png', content: photo });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ duplicate: false, contentType: 'image/png', size: photo.length });
    const again = await upload(mentor, 'POST', `/api/visits/${visitId}/photos`, { clientId: 'foto-1' }, { name: 'foto.png', type: 'image/png', content: photo });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ photoId: added.json().photoId, duplicate: true });
    // A PDF claiming to be a JPEG is refused; so is a photo over 2 MB.
    const fake = await upload(mentor, 'POST', `/api/visits/${visitId}/photos`, { clientId: 'foto-2' }, { name: 'foto.jpg', type: 'image/jpeg', content: Buffer.from('%PDF-1.4\n%%EOF\n') });
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error.message).toBe('Berkas ini bukan foto JPEG, PNG atau WebP');
    const huge = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2 * 1024 * 1024 + 10)]);
    const tooLarge = await upload(mentor, 'POST', `/api/visits/${visitId}/photos`, { clientId: 'foto-3' }, { name: 'besar.jpg', type: 'image/jpeg', content: huge });
    expect(tooLarge.statusCode).toBe(413);
    const read = await mentor.get(`/api/visits/${visitId}/photos/${added.json().photoId}`);
    expect(read.statusCode).toBe(200);
    expect(read.headers['content-type']).toBe('image/png');
    expect(read.rawPayload.equals(photo)).toBe(true);
    expect((await otherMentor.get(`/api/visits/${visitId}/photos/${added.json().photoId}`)).statusCode).toBe(404);
    const visits = (await coordinator.get(`/api/programs/${s.p.id}/msmes/${s.m1}/visits`)).json().items;
    expect(visits[0]).toMatchObject({ mode: 'phone', agreedActions: ['Daftar Shopee'], photos: [{ clientId: 'foto-1', contentType: 'image/png' }] });
  });
});

describe('milestones', () => {
  it('takes evidence from the mentor and a verification (who, when) or a rejection with a reason from a coordinator', async () => {
    const s = await setup();
    const base = `/api/programs/${s.p.id}/msmes/${s.m1}/milestones`;
    const listing = await mentor.put(`${base}/marketplace_listing`, { reachedOn: '2031-03-01', evidenceUrl: 'https://shopee.co.id/tenun-ikat-sumba' });
    expect(listing.statusCode, listing.body).toBe(200);
    expect(listing.json()).toMatchObject({ kind: 'marketplace_listing', status: 'pending', reachedOn: '2031-03-01', verifiedBy: null });
    expect((await mentor.post(`${base}/marketplace_listing/verify`, { decision: 'verified' })).statusCode).toBe(403);
    const verified = await coordinator.post(`${base}/marketplace_listing/verify`, { decision: 'verified' });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({ status: 'verified', verifiedBy: { id: coordinator.userId }, verifiedAt: expect.any(String) });
    expect((await mentor.put(`${base}/marketplace_listing`, { reachedOn: '2031-03-02' })).statusCode).toBe(409);

    // No evidence yet: cannot be verified; a photo makes it verifiable; a rejection needs a reason.
    await mentor.put(`${base}/first_online_sale`, { reachedOn: '2031-03-10' });
    const noEvidence = await coordinator.post(`${base}/first_online_sale/verify`, { decision: 'verified' });
    expect(noEvidence.statusCode).toBe(409);
    expect(noEvidence.json().error.message).toBe('Capaian ini belum punya bukti (tautan atau foto)');
    const photo = await upload(mentor, 'PUT', `${base}/first_online_sale/photo`, {}, { name: 'nota.png', type: 'image/png', content: png() });
    expect(photo.statusCode, photo.body).toBe(200);
    expect(photo.json().evidencePhoto).toMatchObject({ contentType: 'image/png' });
    expect((await coordinator.post(`${base}/first_online_sale/verify`, { decision: 'rejected' })).json().error.fields).toEqual({ reason: 'Wajib diisi' });
    const rejected = await coordinator.post(`${base}/first_online_sale/verify`, { decision: 'rejected', reason: 'Foto nota tidak terbaca' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectionReason: 'Foto nota tidak terbaca' });
    expect((await mentor.put(`${base}/first_online_sale`, { reachedOn: '2031-03-11', evidenceUrl: 'https://contoh.id/nota' })).json()).toMatchObject({ status: 'pending', rejectionReason: null });
    expect((await mentor.get(`${base}/first_online_sale/photo`)).headers['content-type']).toBe('image/png');

    const pending = (await coordinator.get(`/api/programs/${s.p.id}/milestones?status=pending`)).json().items;
    expect(pending.map((m: { kind: string; businessName: string }) => [m.kind, m.businessName])).toEqual([['first_online_sale', 'Tenun Ikat Sumba']]);
    expect((await otherMentor.put(`${base}/qris_payments`, { reachedOn: '2031-03-01', evidenceUrl: 'https://contoh.id' })).statusCode).toBe(404);
    const mine = (await mentor.get('/api/me/caseload')).json().items.find((i: { msmeId: string }) => i.msmeId === s.m1);
    expect(mine.milestones).toEqual(expect.arrayContaining([{ kind: 'marketplace_listing', status: 'verified' }]));
    const audit = await t.ctx.db.select({ action: auditEvent.action }).from(auditEvent).where(eq(auditEvent.entityType, 'milestone'));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['milestone.submit', 'milestone.verify', 'milestone.reject', 'milestone.resubmit', 'milestone.evidence']));
  });
});
