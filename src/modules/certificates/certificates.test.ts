import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent, certificate } from '../../db/schema/index.ts';
import { makeOrganisation, makePartnership, makeProgramme, makeSite } from '../../../test/support/factories.ts';
import { attend, makeSession } from '../../../test/support/outcomes.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { clientId, enrolPeople, makeModule } from '../../../test/support/training.ts';

// jsqr is CommonJS with a default export: under Node's ESM interop the function may sit on `.default`.
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ?? jsQRModule) as unknown as (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const run = promisify(execFile);

let t: TestApp;
let admin: Client;
let manager: Client;
let coordinator: Client;
let partnerId: string;
let dir: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn({ role: 'admin' });
  partnerId = (await makeOrganisation(t.ctx.db, { kind: 'ngo', name: `Asosiasi Pendamping Perempuan Usaha Kecil ${Date.now()}` })).id;
  coordinator = await t.signIn({ role: 'partner_coordinator', organisationId: partnerId });
  dir = await mkdtemp(path.join(os.tmpdir(), 'berdaya-sertifikat-'));
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

let setups = 0;

/** Modules of 90 and 60 minutes (complete at 80 %); complete: attended both; partial: only the first. */
async function setup() {
  const db = t.ctx.db;
  const owner = await makeOrganisation(db, { kind: 'government', name: `Kementerian Uji Sertifikat ${Date.now()}` });
  const p = await makeProgramme(db, { ownerOrganisationId: owner.id, name: 'Pendampingan UMKM Go Digital' });
  await makePartnership(db, p.id, partnerId);
  await makePartnership(db, p.id, owner.id, { role: 'lead' });
  manager = await t.signIn({ role: 'program_manager', programmeIds: [p.id] });
  const site = await makeSite(db, p.id);
  const m1 = await makeModule(db, p.id, { durationMinutes: 90, titleId: 'Literasi Digital', titleEn: 'Digital literacy' });
  const m2 = await makeModule(db, p.id, { durationMinutes: 60, titleId: 'Pemasaran Digital', titleEn: 'Digital marketing' });
  await admin.put(`/api/programs/${p.id}/learning-path`, { moduleIds: [m1.id, m2.id], completionMinPercent: 80 });
  setups += 1;
  const phone = `+62813999${String(setups).padStart(5, '0')}`;
  const [complete, partial, third] = (await enrolPeople(db, p.id, [{ name: 'Siti Nurhaliza', phone }, { name: 'Budi Partial' }, { name: 'Dewi Ketiga' }])) as [string, string, string];
  const s1 = await makeSession(admin, p.id, { siteId: site.id, moduleIds: [m1.id] });
  const s2 = await makeSession(admin, p.id, { siteId: site.id, moduleIds: [m2.id] });
  await attend(admin, s1, [complete, partial, third]);
  await attend(admin, s2, [complete, third]);
  return { p, m1, m2, complete, partial, third, phone };
}

async function pdfToPng(pdf: Buffer, name: string): Promise<PNG> {
  const file = path.join(dir, `${name}.pdf`);
  await writeFile(file, pdf);
  await run('pdftoppm', ['-r', '150', '-png', '-singlefile', file, path.join(dir, name)]);
  return PNG.sync.read(await readFile(path.join(dir, `${name}.png`)));
}

describe('certificates', () => {
  it('refuses a participant who has not met the completion rule, saying why', async () => {
    const s = await setup();
    const res = await coordinator.post(`/api/programs/${s.p.id}/certificates`, { personId: s.partial });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({ code: 'conflict', message: 'Belum memenuhi syarat sertifikat: kehadiran baru 60% dari alur belajar, syaratnya 80%' });
    const en = await coordinator.post(`/api/programs/${s.p.id}/certificates`, { personId: s.partial }, { 'accept-language': 'en' });
    expect(en.json().error.message).toBe('Not eligible for a certificate yet: attended 60% of the learning path, 80% required');
    expect((await coordinator.get(`/api/programs/${s.p.id}/certificates/eligibility/${s.partial}`)).json()).toMatchObject({ eligible: false, percent: 60, completionMinPercent: 80 });
    expect(await t.ctx.db.select().from(certificate).where(eq(certificate.programmeId, s.p.id))).toEqual([]);
  });

  it('issues once: asking again (even at the same moment) gives the same serial and code', async () => {
    const s = await setup();
    const first = await coordinator.post(`/api/programs/${s.p.id}/certificates`, { personId: s.complete });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ serial: `${s.p.code}-00001`, holderName: 'Siti Nurhaliza', revokedAt: null });
    const again = await admin.post(`/api/programs/${s.p.id}/certificates`, { personId: s.complete });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const racing = await Promise.all([1, 2, 3].map(() => coordinator.post(`/api/programs/${s.p.id}/certificates`, { personId: s.third })));
    expect(racing.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(racing.map((r) => r.json().serial))).toEqual(new Set([`${s.p.code}-00002`]));
    const rows = await t.ctx.db.select().from(certificate).where(eq(certificate.programmeId, s.p.id));
    expect(rows.map((r) => r.serial).sort()).toEqual([`${s.p.code}-00001`, `${s.p.code}-00002`]);
    const audit = await t.ctx.db.select().from(auditEvent).where(eq(auditEvent.action, 'certificate.issue'));
    expect(audit.filter((a) => a.programmeId === s.p.id)).toHaveLength(2);
  });

  it('requires a passed post-test when the programme sets a pass mark', async () => {
    const s = await setup();
    expect((await manager.put(`/api/programs/${s.p.id}/certificate-settings`, { postTestPassPercent: 70, includeEnglish: false, signatoryName: 'Dr. Rina Kusuma', signatoryTitle: 'Direktur Program' })).statusCode).toBe(200);
    const q = await manager.post(`/api/programs/${s.p.id}/modules/${s.m1.id}/questions`, {
      kind: 'single',
      prompt: { id: 'Apa itu QRIS?', en: 'What is QRIS?' },
      options: [
        { key: 'a', id: 'Standar kode QR pembayaran nasional', en: 'The national QR payment standard' },
        { key: 'b', id: 'Aplikasi media sosial', en: 'A social-media app' },
      ],
      correct: ['a'],
    });
    expect(q.statusCode, q.body).toBe(201);
    const refused = await coordinator.post(`/api/programs/${s.p.id}/certificates`, { personId: s.complete });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe(`Belum memenuhi syarat sertifikat: belum lulus tes akhir modul ${s.m1.code} (nilai lulus 70%)`);
    const link = (await coordinator.get(`/api/programs/${s.p.id}/participant-links/${s.complete}`)).json();
    const headers = { 'x-participant-token': link.token };
    const attempt = (answer: string) => ({ clientId: clientId(), moduleId: s.m1.id, phase: 'post', answers: { [q.json().id]: [answer] }, takenAt: '2031-02-01T10:00:00+07:00' });
    const failed = await t.anonymous.post('/api/participant/test-attempts', { attempts: [attempt('b')] }, headers);
    expect(failed.json().scores).toEqual([expect.objectContaining({ points: 0, maxPoints: 1, score: 0, passed: false })]);
    expect((await coordinator.post(`/api/programs/${s.p.id}/certificates`, { personId: s.complete })).statusCode).toBe(409);
    const passed = await t.anonymous.post('/api/participant/test-attempts', { attempts: [attempt('a')] }, headers);
    expect(passed.json().scores).toEqual([expect.objectContaining({ points: 1, score: 100, passed: true })]);
    expect((await coordinator.post(`/api/programs/${s.p.id}/certificates`, { personId: s.complete })).statusCode).toBe(201);
  });

  it('renders a PDF that is not blank, whose QR code opens the verification page; verification shows revocation', async () => {
    const s = await setup();
    const issued = (await coordinator.post(`/api/programs/${s.p.id}/certificates`, { personId: s.complete })).json();
    const pdf = await coordinator.get(`/api/certificates/${issued.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const png = await pdfToPng(pdf.rawPayload, 'sertifikat');
    expect(png.width).toBeGreaterThan(png.height);
    let ink = 0;
    for (let i = 0; i < png.data.length; i += 4) if ((png.data[i] ?? 255) < 128) ink += 1;
    // Text, border and QR code: far from blank, far from black.
    expect(ink / (png.width * png.height)).toBeGreaterThan(0.01);
    expect(ink / (png.width * png.height)).toBeLessThan(0.5);
    const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(qr?.data).toBe(issued.verifyUrl);
    expect(issued.verifyUrl).toMatch(new RegExp(`/verify/${issued.verificationCode}$`));
    const text = pdf.rawPayload.toString('latin1');
    expect(text).not.toContain(s.phone.slice(3));

    const verified = await t.anonymous.get(`/api/verify/${issued.verificationCode.toLowerCase()}`);
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({
      valid: true,
      status: 'valid',
      serial: issued.serial,
      holderName: 'Siti Nurhaliza',
      programme: { code: s.p.code, name: 'Pendampingan UMKM Go Digital' },
      modules: [{ id: 'Literasi Digital', en: 'Digital literacy' }, { id: 'Pemasaran Digital', en: 'Digital marketing' }],
      revokedAt: null,
    });
    expect(verified.json().partners[0]).toMatch(/^Kementerian Uji Sertifikat/);
    expect(verified.body).not.toContain(s.phone.slice(3));
    expect(verified.body).not.toMatch(/nik|phone/i);

    expect((await coordinator.post(`/api/certificates/${issued.id}/revoke`, { reason: 'Data kehadiran dipalsukan' })).statusCode).toBe(403);
    const revoked = await manager.post(`/api/certificates/${issued.id}/revoke`, { reason: 'Data kehadiran dipalsukan' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const after = (await t.anonymous.get(`/api/verify/${issued.verificationCode}`)).json();
    expect(after).toMatchObject({ valid: false, status: 'revoked', revokedAt: expect.any(String), message: `Sertifikat ${issued.serial} sudah DICABUT dan tidak berlaku lagi.` });
    const reissue = await coordinator.post(`/api/programs/${s.p.id}/certificates`, { personId: s.complete });
    expect(reissue.statusCode).toBe(409);
    expect(reissue.json().error.message).toContain('sudah dicabut');
    expect((await manager.post(`/api/certificates/${issued.id}/revoke`, { reason: 'lagi' })).statusCode).toBe(409);
    const unknown = await t.anonymous.get('/api/verify/ZZZZZZZZZZZZ');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe('Kode verifikasi tidak dikenal. Periksa kembali kode pada sertifikat.');
    const audit = await t.ctx.db.select().from(auditEvent).where(eq(auditEvent.entityId, issued.id));
    expect(audit.map((a) => a.action)).toEqual(['certificate.issue', 'certificate.revoke']);
  });
});
