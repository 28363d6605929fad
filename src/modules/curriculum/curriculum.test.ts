import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEvent, curriculumModule, programme } from '../../db/schema/index.ts';
import { makeOrganisation, makePartnership, makeProgramme } from '../../../test/support/factories.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { loadDemo } from '../demo/load-demo.ts';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn({ role: 'admin' });
});
afterAll(() => t.close());

const moduleBody = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  title: { id: `Modul ${code}`, en: `Module ${code}` },
  topic: 'pemasaran_digital',
  durationMinutes: 90,
  ...extra,
});

function multipart(fields: Record<string, string>, file: { name: string; content: Buffer; type: string }) {
  const boundary = '----berdaya-materi';
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(parts.join('') + head), file.content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('curriculum modules', () => {
  it('adds modules with a code unique per programme, the six topics, materials as links and files', async () => {
    const p = await makeProgramme(t.ctx.db);
    const res = await admin.post(`/api/programs/${p.id}/modules`, moduleBody('jn-pem', { materials: [{ title: 'Panduan', url: 'https://contoh.id/panduan.pdf' }] }));
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ code: 'JN-PEM', title: { id: 'Modul jn-pem' }, topic: 'pemasaran_digital', durationMinutes: 90, pathPosition: null });
    expect(created.materials).toEqual([expect.objectContaining({ kind: 'link', title: 'Panduan', url: 'https://contoh.id/panduan.pdf', file: null })]);

    const dup = await admin.post(`/api/programs/${p.id}/modules`, moduleBody('JN-PEM'));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields).toEqual({ code: 'Kode modul sudah dipakai dalam program ini' });
    const other = await makeProgramme(t.ctx.db);
    expect((await admin.post(`/api/programs/${other.id}/modules`, moduleBody('JN-PEM'))).statusCode).toBe(201);

    const bad = await admin.post(`/api/programs/${p.id}/modules`, moduleBody('A B', { topic: 'memasak', durationMinutes: 0, materials: [{ title: 'x', url: 'ftp://contoh.id' }] }));
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['code', 'durationMinutes', 'materials.0.url', 'topic']);

    const pdf = Buffer.from('%PDF-1.4 materi');
    const upload = await admin.inject({ method: 'POST', url: `/api/programs/${p.id}/modules/${created.id}/materials/file`, ...multipart({ title: 'Lembar kerja' }, { name: 'lembar kerja.pdf', content: pdf, type: 'application/pdf' }) });
    expect(upload.statusCode).toBe(201);
    const file = upload.json().materials.find((m: { kind: string }) => m.kind === 'file');
    expect(file).toMatchObject({ title: 'Lembar kerja', file: { filename: 'lembar kerja.pdf', contentType: 'application/pdf', size: pdf.length } });
    const viewer = await t.signIn({ role: 'viewer' });
    const download = await viewer.get(`/api/programs/${p.id}/modules/${created.id}/materials/${file.id}/file`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);

    const removed = await admin.inject({ method: 'DELETE', url: `/api/programs/${p.id}/modules/${created.id}/materials/${file.id}` });
    expect(removed.json().materials).toHaveLength(1);
    const audit = await t.ctx.db.select().from(auditEvent).where(eq(auditEvent.entityId, created.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['module.create', 'module.material_add', 'module.material_remove']);
  });

  it('lets managers edit the curriculum; coordinators and viewers only read; other programmes are not found', async () => {
    const owner = await makeOrganisation(t.ctx.db);
    const partner = await makeOrganisation(t.ctx.db, { kind: 'ngo' });
    const p = await makeProgramme(t.ctx.db, { ownerOrganisationId: owner.id });
    await makePartnership(t.ctx.db, p.id, partner.id);
    const manager = await t.signIn({ role: 'program_manager', organisationId: owner.id });
    const coordinator = await t.signIn({ role: 'partner_coordinator', organisationId: partner.id });
    const viewer = await t.signIn({ role: 'viewer' });
    const stranger = await t.signIn({ role: 'program_manager', organisationId: (await makeOrganisation(t.ctx.db)).id });
    expect((await manager.post(`/api/programs/${p.id}/modules`, moduleBody('M1'))).statusCode).toBe(201);
    expect((await coordinator.post(`/api/programs/${p.id}/modules`, moduleBody('M2'))).statusCode).toBe(403);
    expect((await viewer.post(`/api/programs/${p.id}/modules`, moduleBody('M2'))).statusCode).toBe(403);
    expect((await stranger.post(`/api/programs/${p.id}/modules`, moduleBody('M2'))).statusCode).toBe(404);
    expect((await stranger.get(`/api/programs/${p.id}/modules`)).statusCode).toBe(404);
    expect((await coordinator.get(`/api/programs/${p.id}/modules`)).json().total).toBe(1);
    expect((await viewer.get(`/api/programs/${p.id}/learning-path`)).statusCode).toBe(200);
  });
});

describe('learning path', () => {
  it('orders modules, sums their minutes, keeps the completion rule and refuses unknown or repeated modules', async () => {
    const p = await makeProgramme(t.ctx.db);
    const a = (await admin.post(`/api/programs/${p.id}/modules`, moduleBody('A', { durationMinutes: 60 }))).json();
    const b = (await admin.post(`/api/programs/${p.id}/modules`, moduleBody('B', { durationMinutes: 120 }))).json();
    const empty = (await admin.get(`/api/programs/${p.id}/learning-path`)).json();
    expect(empty).toMatchObject({ completionMinPercent: 80, totalMinutes: 0, modules: [] });

    const set = await admin.put(`/api/programs/${p.id}/learning-path`, { moduleIds: [b.id, a.id], completionMinPercent: 75 });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ completionMinPercent: 75, totalMinutes: 180 });
    expect(set.json().modules.map((m: { position: number; module: { code: string } }) => [m.position, m.module.code])).toEqual([
      [1, 'B'],
      [2, 'A'],
    ]);
    const defaulted = await admin.put(`/api/programs/${p.id}/learning-path`, { moduleIds: [a.id] });
    expect(defaulted.json().completionMinPercent).toBe(80);

    const foreign = (await admin.post(`/api/programs/${(await makeProgramme(t.ctx.db)).id}/modules`, moduleBody('X'))).json();
    const unknown = await admin.put(`/api/programs/${p.id}/learning-path`, { moduleIds: [a.id, foreign.id] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toEqual({ 'moduleIds.1': 'Modul tidak dikenal dalam program ini' });
    const repeated = await admin.put(`/api/programs/${p.id}/learning-path`, { moduleIds: [a.id, a.id], completionMinPercent: 101 });
    expect(Object.keys(repeated.json().error.fields).sort()).toEqual(['completionMinPercent', 'moduleIds']);

    const archive = await admin.patch(`/api/programs/${p.id}/modules/${a.id}`, { archived: true });
    expect(archive.statusCode).toBe(409);
    expect((await admin.patch(`/api/programs/${p.id}/modules/${b.id}`, { archived: true })).json().archivedAt).not.toBeNull();
    expect((await admin.get(`/api/programs/${p.id}/modules`)).json().items.map((m: { code: string }) => m.code)).toEqual(['A']);
  });
});

describe('demo data and replication', () => {
  it('gives Jalin Nusantara its six modules and a learning path, and a replicated programme copies both', async () => {
    await loadDemo(t.ctx.db);
    const [jalin] = await t.ctx.db.select().from(programme).where(eq(programme.code, 'JALIN-NUSANTARA-2024'));
    const path = (await admin.get(`/api/programs/${jalin?.id}/learning-path`)).json();
    expect(path.modules.map((m: { module: { topic: string } }) => m.module.topic)).toEqual([
      'literasi_digital',
      'bisnis',
      'keuangan_dasar',
      'pembuatan_konten',
      'pemasaran_digital',
      'praktik_ecommerce',
    ]);
    expect(path).toMatchObject({ completionMinPercent: 80, totalMinutes: 630 });

    const copy = await admin.post(`/api/programs/${jalin?.id}/replicate`, { code: 'JALIN-REPLIKA-UJI', name: 'Jalin Replika', regionCodes: ['91.71'] });
    expect(copy.statusCode).toBe(201);
    const copied = (await admin.get(`/api/programs/${copy.json().id}/learning-path`)).json();
    expect(copied.modules.map((m: { module: { code: string } }) => m.module.code)).toEqual(path.modules.map((m: { module: { code: string } }) => m.module.code));
    expect(copied.modules[0].module.id).not.toBe(path.modules[0].module.id);
    expect(await t.ctx.db.select().from(curriculumModule).where(eq(curriculumModule.programmeId, copy.json().id))).toHaveLength(6);
  });
});
