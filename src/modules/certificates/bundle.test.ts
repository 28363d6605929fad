import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificate, certificateBundleFile, job } from '../../db/schema/index.ts';
import { runJob, type JobHandler } from '../jobs/runner.ts';
import { claimNextJob } from '../jobs/service.ts';
import { JOB_HANDLERS } from '../../server/app.ts';
import { makeProgramme, makeSite } from '../../../test/support/factories.ts';
import { attend, makeSession } from '../../../test/support/outcomes.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { enrolPeople, makeModule, runQueuedJobs } from '../../../test/support/training.ts';
import { readStoredZip } from '../../../test/support/stored-zip.ts';
import { CERTIFICATE_BUNDLE, runCertificateBundle } from './bundle-job.ts';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn({ role: 'admin' });
});
afterAll(() => t.close());

/** Crashes (as a killed process would) right after the second PDF of the bundle is committed. */
const crashingHandler: JobHandler = (context) =>
  runCertificateBundle({
    ...context,
    async progress(progress) {
      await context.progress(progress);
      if (progress.unit === 'certificates' && progress.done === 2) throw new Error('simulated crash between two files');
    },
  });

describe('bulk certificate generation', () => {
  it('makes one ZIP with one PDF per eligible participant of a cohort, and survives a crash between files', async () => {
    const db = t.ctx.db;
    const p = await makeProgramme(db);
    const site = await makeSite(db, p.id);
    const module = await makeModule(db, p.id, { durationMinutes: 120 });
    await admin.put(`/api/programs/${p.id}/learning-path`, { moduleIds: [module.id], completionMinPercent: 100 });
    const cohort = (await admin.post(`/api/programs/${p.id}/cohorts`, { name: 'Kelas Sentani' })).json().id as string;
    const people = await enrolPeople(db, p.id, [{ name: 'Ani' }, { name: 'Beni' }, { name: 'Citra' }, { name: 'Dodi' }, { name: 'Eka Tidak Hadir' }, { name: 'Fajar Kelas Lain' }]);
    const [ani, beni, citra, dodi, eka, fajar] = people as [string, string, string, string, string, string];
    const session = await makeSession(admin, p.id, { siteId: site.id, moduleIds: [module.id], cohortId: cohort });
    await admin.post(`/api/sessions/${session}/participants`, { personIds: [eka] });
    await attend(admin, session, [ani, beni, citra, dodi]);
    await attend(admin, await makeSession(admin, p.id, { siteId: site.id, moduleIds: [module.id] }), [fajar]);
    // Ani already has hers: the bundle includes it, with the same serial.
    const existing = (await admin.post(`/api/programs/${p.id}/certificates`, { personId: ani })).json();

    const queued = await admin.post(`/api/programs/${p.id}/certificate-bundles`, { cohortId: cohort });
    expect(queued.statusCode, queued.body).toBe(202);
    expect(queued.json()).toMatchObject({ status: 'queued', percent: 0, downloadUrl: null });
    const bundleId = queued.json().id as string;
    expect((await admin.get(`/api/certificate-bundles/${bundleId}/download`)).statusCode).toBe(409);

    const claimed = await claimNextJob(db, [CERTIFICATE_BUNDLE]);
    expect(claimed?.id).toBe(bundleId);
    const crashed = await runJob(t.ctx.database, { [CERTIFICATE_BUNDLE]: crashingHandler }, claimed as NonNullable<typeof claimed>);
    expect(crashed).toMatchObject({ status: 'queued', phase: 'rendering' });
    expect(await db.select({ id: certificateBundleFile.certificateId }).from(certificateBundleFile).where(eq(certificateBundleFile.jobId, bundleId))).toHaveLength(2);
    expect((await admin.get(`/api/certificate-bundles/${bundleId}`)).json()).toMatchObject({ status: 'queued', done: 2, total: 4, percent: 55 });

    // The server starts again: the job is taken up where it stopped.
    await runQueuedJobs(t.ctx);
    const [finished] = await db.select().from(job).where(eq(job.id, bundleId));
    expect(finished).toMatchObject({ status: 'done', attempts: 2 });
    const view = (await admin.get(`/api/certificate-bundles/${bundleId}`)).json();
    expect(view).toMatchObject({ status: 'done', done: 4, total: 4, percent: 100, notEligible: 1, downloadUrl: `/api/certificate-bundles/${bundleId}/download` });

    const download = await admin.get(`/api/certificate-bundles/${bundleId}/download`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    const entries = readStoredZip(download.rawPayload);
    const certs = await db.select().from(certificate).where(eq(certificate.programmeId, p.id));
    expect(certs.map((c) => c.personId).sort()).toEqual([ani, beni, citra, dodi].sort());
    expect(entries.map((e) => e.name)).toEqual(certs.sort((a, b) => a.number - b.number).map((c) => expect.stringMatching(new RegExp(`^${c.serial}_`))));
    expect(entries[0]?.name).toBe(`${existing.serial}_Ani.pdf`);
    for (const e of entries) expect(e.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(new Set(entries.map((e) => e.name)).size).toBe(4);
    const files = await db.select({ id: certificateBundleFile.certificateId }).from(certificateBundleFile).where(and(eq(certificateBundleFile.jobId, bundleId)));
    expect(files).toHaveLength(4);

    // Another programme's organiser cannot see the bundle.
    const outsider = await t.signIn({ role: 'program_manager', programmeIds: [(await makeProgramme(db)).id] });
    expect((await outsider.get(`/api/certificate-bundles/${bundleId}`)).statusCode).toBe(404);
    expect(Object.keys(JOB_HANDLERS)).toContain(CERTIFICATE_BUNDLE);
  });
});
