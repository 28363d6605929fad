import { Readable } from 'node:stream';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import yazl from 'yazl';
import { z } from 'zod';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/client.ts';
import { attendance, certificate, certificateBundleFile, cohort, enrolment, job, sessionParticipant, trainingSession } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { translate, type Locale } from '../../server/i18n.ts';
import { recordAudit } from '../audit/service.ts';
import type { JobContext } from '../jobs/runner.ts';
import { enqueueJob, type JobRow } from '../jobs/service.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import { eligibilityOf } from './eligibility.ts';
import { renderCertificatePdf } from './render-pdf.ts';
import type { BundleView } from './schema.ts';
import { issueCertificates } from './service.ts';

export const CERTIFICATE_BUNDLE = 'certificate.bundle';

const bundlePayload = z.object({ programmeId: z.uuid(), cohortId: z.uuid().nullable(), verifyBaseUrl: z.string(), requestedBy: z.uuid().nullable() });
type BundlePayload = z.infer<typeof bundlePayload>;

/** What the job remembers once issuing is over: the certificates to render, in ZIP order. */
type BundlePlan = { certificateIds: string[]; notEligible: number; issued: number };

function fileName(serial: string, holderName: string): string {
  const slug = holderName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${serial}${slug ? `_${slug}` : ''}.pdf`;
}

/** The people a bundle is for: a cohort's (booked on or present at its sessions), or the whole programme's. */
async function peopleOf(db: Db, payload: BundlePayload): Promise<string[]> {
  if (!payload.cohortId) {
    const rows = await db.select({ id: enrolment.personId }).from(enrolment).where(and(eq(enrolment.programmeId, payload.programmeId), sql`${enrolment.status} <> 'withdrawn'`));
    return rows.map((r) => r.id);
  }
  const sessions = db.select({ id: trainingSession.id }).from(trainingSession).where(and(eq(trainingSession.programmeId, payload.programmeId), eq(trainingSession.cohortId, payload.cohortId)));
  const booked = await db.selectDistinct({ id: sessionParticipant.personId }).from(sessionParticipant).where(inArray(sessionParticipant.sessionId, sessions));
  const present = await db.selectDistinct({ id: attendance.personId }).from(attendance).where(and(eq(attendance.programmeId, payload.programmeId), inArray(attendance.sessionId, sessions)));
  return [...new Set([...booked, ...present].map((r) => r.id))];
}

/**
 * Bulk certificate generation, a durable job in two phases. `issuing`: finds who in the cohort
 * (or programme) meets the rule and issues their certificates (idempotent: existing ones are
 * kept), then records the list of certificates to render. `rendering`: renders each PDF into
 * `certificate_bundle_file`, one committed row per certificate. A job taken up again after a
 * crash re-runs issuing only if it had not finished it, and renders only the files missing —
 * the ZIP ends with exactly one PDF per certificate whatever happened.
 */
export async function runCertificateBundle(context: JobContext): Promise<Record<string, unknown>> {
  const payload = bundlePayload.parse(context.job.payload);
  const db = context.database.db;
  let plan = context.job.phase === 'rendering' ? (context.job.result as BundlePlan | null) : null;
  if (!plan) {
    await context.phase('issuing');
    const people = await peopleOf(db, payload);
    const eligibility = await eligibilityOf(db, payload.programmeId, people);
    const eligible = people.filter((id) => eligibility.get(id)?.eligible);
    let issued = 0;
    for (let i = 0; i < eligible.length; i += 500) {
      const result = await issueCertificates(db, { programmeId: payload.programmeId, personIds: eligible.slice(i, i + 500), issuedBy: payload.requestedBy, verifyBaseUrl: payload.verifyBaseUrl });
      issued += result.issued.length;
      await context.progress({ done: Math.min(i + 500, eligible.length), total: eligible.length, unit: 'issued' });
    }
    // Everyone considered who holds a valid certificate (issued now or before), in serial order.
    const certs = people.length
      ? await db
          .select({ id: certificate.id })
          .from(certificate)
          .where(and(eq(certificate.programmeId, payload.programmeId), inArray(certificate.personId, people), isNull(certificate.revokedAt)))
          .orderBy(asc(certificate.number))
      : [];
    plan = { certificateIds: certs.map((c) => c.id), notEligible: people.length - eligible.length, issued };
    await context.phase('rendering', plan);
  }
  const total = plan.certificateIds.length;
  const done = new Set((await db.select({ id: certificateBundleFile.certificateId }).from(certificateBundleFile).where(eq(certificateBundleFile.jobId, context.job.id))).map((r) => r.id));
  await context.progress({ done: done.size, total, unit: 'certificates' });
  for (const [position, certificateId] of plan.certificateIds.entries()) {
    if (done.has(certificateId)) continue;
    const [row] = await db.select().from(certificate).where(eq(certificate.id, certificateId));
    if (!row) continue;
    const content = Buffer.from(await renderCertificatePdf(row));
    await db
      .insert(certificateBundleFile)
      .values({ jobId: context.job.id, certificateId, programmeId: payload.programmeId, position, filename: fileName(row.serial, row.holderName), size: content.length, content })
      .onConflictDoNothing();
    done.add(certificateId);
    await context.progress({ done: done.size, total, unit: 'certificates' });
  }
  return { ...plan, certificateIds: undefined, files: done.size, total };
}

/** Queues a bundle for a cohort or the whole programme. */
export async function createBundle(options: { db: Db; actor: SessionActor; programmeId: string; cohortId?: string; verifyBaseUrl: string; locale: Locale }) {
  const { db, actor, programmeId, cohortId } = options;
  const row = await db.transaction(async (tx) => {
    await authorizeProgramme(tx, actor, programmeId, 'certificate.issue');
    if (cohortId) {
      const [c] = await tx.select({ id: cohort.id }).from(cohort).where(and(eq(cohort.id, cohortId), eq(cohort.programmeId, programmeId)));
      if (!c) throw new AppError('validation', 'errors.validation', { fields: { cohortId: 'errors.field.cohortUnknown' } });
    }
    const queued = await enqueueJob(tx, { kind: CERTIFICATE_BUNDLE, programmeId, payload: { programmeId, cohortId: cohortId ?? null, verifyBaseUrl: options.verifyBaseUrl, requestedBy: actor.userId }, createdBy: actor.userId });
    await recordAudit(tx, { actorUserId: actor.userId, action: 'certificate.bundle', entityType: 'job', entityId: queued.id, programmeId, details: { cohortId: cohortId ?? null } });
    return queued;
  });
  return bundleView(row, options.locale);
}

/** A bundle's state; `rendered` (files written so far, counted by the caller) is exact where the job's own progress is throttled. */
export function bundleView(row: JobRow, locale: Locale, rendered?: number): BundleView {
  const result = (row.result ?? {}) as Partial<BundlePlan> & { files?: number; total?: number };
  const total = row.phase === 'rendering' || row.status === 'done' ? (result.total ?? result.certificateIds?.length ?? 0) : null;
  const progress = row.progress;
  const done = row.status === 'done' ? (result.files ?? 0) : (rendered ?? (progress?.unit === 'certificates' ? progress.done : 0));
  // Issuing is the first tenth of the way, rendering the rest.
  const percent =
    row.status === 'done'
      ? 100
      : total
        ? Math.round(100 * (0.1 + (0.9 * done) / total))
        : total === 0 && row.phase === 'rendering'
          ? 100
          : progress?.unit === 'issued' && progress.total
            ? Math.round((10 * progress.done) / progress.total)
            : 0;
  const payload = row.payload as Partial<BundlePayload>;
  return {
    id: row.id,
    programmeId: row.programmeId ?? '',
    cohortId: payload.cohortId ?? null,
    status: row.status,
    phase: row.phase,
    done,
    total,
    percent,
    notEligible: result.notEligible ?? null,
    error: row.error ? translate(locale, row.error.key, row.error.params) : null,
    downloadUrl: row.status === 'done' ? `/api/certificate-bundles/${row.id}/download` : null,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** Files of a bundle written so far. */
export async function renderedCount(db: Db, jobId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(certificateBundleFile).where(eq(certificateBundleFile.jobId, jobId));
  return Number(row?.n ?? 0);
}

export async function getBundle(options: { db: Db; actor: SessionActor; id: string }): Promise<JobRow> {
  const { db, actor, id } = options;
  const [row] = await db.select().from(job).where(and(eq(job.id, id), eq(job.kind, CERTIFICATE_BUNDLE)));
  if (!row?.programmeId) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'bundle' } });
  try {
    await authorizeProgramme(db, actor, row.programmeId, 'certificate.issue');
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') throw new AppError('not_found', 'errors.notFound', { params: { entity: 'bundle' } });
    throw error;
  }
  return row;
}

/**
 * The finished bundle as a ZIP stream: entries are read from the database one at a time as the
 * ZIP is written (never the whole bundle in memory). PDFs are stored, not deflated again.
 */
export async function bundleZip(db: Db, row: JobRow): Promise<Readable> {
  if (row.status !== 'done') throw new AppError('conflict', 'errors.certificate.bundleNotReady');
  const files = await db
    .select({ certificateId: certificateBundleFile.certificateId, filename: certificateBundleFile.filename, size: certificateBundleFile.size })
    .from(certificateBundleFile)
    .where(eq(certificateBundleFile.jobId, row.id))
    .orderBy(asc(certificateBundleFile.position));
  const zip = new yazl.ZipFile();
  const mtime = row.finishedAt ?? new Date();
  for (const f of files) {
    zip.addReadStreamLazy(f.filename, { mtime, size: Number(f.size), compress: false }, (callback) => {
      db.select({ content: certificateBundleFile.content })
        .from(certificateBundleFile)
        .where(and(eq(certificateBundleFile.jobId, row.id), eq(certificateBundleFile.certificateId, f.certificateId)))
        .then(([file]) => callback(null, Readable.from([file?.content ?? Buffer.alloc(0)])))
        .catch((error: unknown) => callback(error, Readable.from([])));
    });
  }
  zip.end();
  return Readable.from(zip.outputStream as AsyncIterable<Buffer>);
}
