import { and, desc, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { appUser, document, msme, msmeMilestone } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { recordAudit } from '../audit/service.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import { authorizeMsme } from './access.ts';
import { storeImage, type UploadedImage } from './photos.ts';
import type { MilestoneKind, MilestoneView, SubmitMilestoneInput, VerifyMilestoneInput } from './schema.ts';

type MilestoneRow = typeof msmeMilestone.$inferSelect;

async function views(db: DbOrTx, rows: MilestoneRow[]): Promise<MilestoneView[]> {
  const verifierIds = [...new Set(rows.map((r) => r.verifiedBy).filter((id): id is string => Boolean(id)))];
  const verifiers = verifierIds.length ? await db.select({ id: appUser.id, name: appUser.name }).from(appUser).where(inArray(appUser.id, verifierIds)) : [];
  const docIds = [...new Set(rows.map((r) => r.evidenceDocumentId).filter((id): id is string => Boolean(id)))];
  const docs = docIds.length ? await db.select({ id: document.id, contentType: document.contentType, size: document.size }).from(document).where(inArray(document.id, docIds)) : [];
  return rows.map((r) => {
    const doc = docs.find((d) => d.id === r.evidenceDocumentId);
    const verifier = verifiers.find((v) => v.id === r.verifiedBy);
    return {
      id: r.id,
      programmeId: r.programmeId,
      msmeId: r.msmeId,
      kind: r.kind,
      reachedOn: r.reachedOn,
      evidenceUrl: r.evidenceUrl,
      evidencePhoto: doc ? { contentType: doc.contentType, size: Number(doc.size) } : null,
      notes: r.notes,
      status: r.status,
      submittedBy: r.submittedBy,
      submittedAt: r.submittedAt.toISOString(),
      verifiedBy: r.verifiedBy ? { id: r.verifiedBy, name: verifier?.name ?? '' } : null,
      verifiedAt: r.verifiedAt?.toISOString() ?? null,
      rejectionReason: r.rejectionReason,
    };
  });
}


async function milestoneRow(db: DbOrTx, programmeId: string, msmeId: string, kind: MilestoneKind): Promise<MilestoneRow> {
  const [row] = await db.select().from(msmeMilestone).where(and(eq(msmeMilestone.programmeId, programmeId), eq(msmeMilestone.msmeId, msmeId), eq(msmeMilestone.kind, kind)));
  if (!row) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'milestone' } });
  return row;
}

async function one(db: DbOrTx, row: MilestoneRow): Promise<MilestoneView> {
  const [v] = await views(db, [row]);
  if (!v) throw new Error('no view');
  return v;
}

export async function listMsmeMilestones(options: { db: Db; actor: SessionActor; programmeId: string; msmeId: string }) {
  const { db, actor, programmeId, msmeId } = options;
  await authorizeMsme(db, actor, programmeId, msmeId, 'visit.record');
  const rows = await db.select().from(msmeMilestone).where(and(eq(msmeMilestone.programmeId, programmeId), eq(msmeMilestone.msmeId, msmeId)));
  return { items: (await views(db, rows)).map((v) => ({ ...v, businessName: null })) };
}

/**
 * Records (or records again) that an MSME reached a milestone, with a link as evidence (a photo
 * may follow). A new submission waits for a coordinator; a verified milestone is settled and
 * cannot be changed by a submission.
 */
export async function submitMilestone(options: { db: Db; actor: SessionActor; programmeId: string; msmeId: string; kind: MilestoneKind; input: SubmitMilestoneInput }) {
  const { db, actor, programmeId, msmeId, kind, input } = options;
  return db.transaction(async (tx) => {
    await authorizeMsme(tx, actor, programmeId, msmeId, 'visit.record');
    const [current] = await tx.select().from(msmeMilestone).where(and(eq(msmeMilestone.programmeId, programmeId), eq(msmeMilestone.msmeId, msmeId), eq(msmeMilestone.kind, kind)));
    if (current?.status === 'verified') throw new AppError('conflict', 'errors.milestone.alreadyVerified');
    const values = {
      reachedOn: input.reachedOn,
      evidenceUrl: input.evidenceUrl ?? current?.evidenceUrl ?? null,
      notes: input.notes ?? null,
      status: 'pending' as const,
      submittedBy: actor.userId,
      submittedAt: new Date(),
      verifiedBy: null,
      verifiedAt: null,
      rejectionReason: null,
      updatedAt: new Date(),
    };
    const [row] = current
      ? await tx.update(msmeMilestone).set(values).where(eq(msmeMilestone.id, current.id)).returning()
      : await tx.insert(msmeMilestone).values({ programmeId, msmeId, kind, ...values }).returning();
    if (!row) throw new Error('write returned no row');
    await recordAudit(tx, { actorUserId: actor.userId, action: current ? 'milestone.resubmit' : 'milestone.submit', entityType: 'milestone', entityId: row.id, programmeId, details: { msmeId, kind, reachedOn: input.reachedOn, link: Boolean(row.evidenceUrl) } });
    return one(tx, row);
  });
}

/** Attaches a photo as evidence (replacing an earlier one); a verified milestone is settled. */
export async function addMilestonePhoto(options: { db: Db; actor: SessionActor; programmeId: string; msmeId: string; kind: MilestoneKind; image: UploadedImage }) {
  const { db, actor, programmeId, msmeId, kind, image } = options;
  return db.transaction(async (tx) => {
    await authorizeMsme(tx, actor, programmeId, msmeId, 'visit.record');
    const current = await milestoneRow(tx, programmeId, msmeId, kind);
    if (current.status === 'verified') throw new AppError('conflict', 'errors.milestone.alreadyVerified');
    const documentId = await storeImage(tx, { programmeId, name: `bukti-${kind}`, image, createdBy: actor.userId });
    const [row] = await tx.update(msmeMilestone).set({ evidenceDocumentId: documentId, status: 'pending', rejectionReason: null, updatedAt: new Date() }).where(eq(msmeMilestone.id, current.id)).returning();
    if (!row) throw new Error('update returned no row');
    await recordAudit(tx, { actorUserId: actor.userId, action: 'milestone.evidence', entityType: 'milestone', entityId: row.id, programmeId, details: { documentId, size: image.content.length, type: image.contentType } });
    return one(tx, row);
  });
}

export async function readMilestonePhoto(options: { db: Db; actor: SessionActor; programmeId: string; msmeId: string; kind: MilestoneKind }) {
  const { db, actor, programmeId, msmeId, kind } = options;
  await authorizeMsme(db, actor, programmeId, msmeId, 'visit.record');
  const row = await milestoneRow(db, programmeId, msmeId, kind);
  const [doc] = row.evidenceDocumentId ? await db.select({ filename: document.filename, contentType: document.contentType, content: document.content }).from(document).where(eq(document.id, row.evidenceDocumentId)) : [];
  if (!doc) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'photo' } });
  return doc;
}

/** A coordinator verifies the evidence (who and when are kept) or rejects it with a reason. */
export async function verifyMilestone(options: { db: Db; actor: SessionActor; programmeId: string; msmeId: string; kind: MilestoneKind; input: VerifyMilestoneInput }) {
  const { db, actor, programmeId, msmeId, kind, input } = options;
  return db.transaction(async (tx) => {
    await authorizeMsme(tx, actor, programmeId, msmeId, 'milestone.verify');
    const current = await milestoneRow(tx, programmeId, msmeId, kind);
    if (current.status !== 'pending') throw new AppError('conflict', 'errors.milestone.notPending');
    if (input.decision === 'verified' && !current.evidenceUrl && !current.evidenceDocumentId) throw new AppError('conflict', 'errors.milestone.noEvidence');
    const [row] = await tx
      .update(msmeMilestone)
      .set({ status: input.decision, verifiedBy: actor.userId, verifiedAt: new Date(), rejectionReason: input.decision === 'rejected' ? (input.reason ?? null) : null, updatedAt: new Date() })
      .where(eq(msmeMilestone.id, current.id))
      .returning();
    if (!row) throw new Error('update returned no row');
    await recordAudit(tx, { actorUserId: actor.userId, action: input.decision === 'verified' ? 'milestone.verify' : 'milestone.reject', entityType: 'milestone', entityId: row.id, programmeId, details: { msmeId, kind } });
    return one(tx, row);
  });
}

/** The programme's milestones, e.g. those waiting for verification (organisers). */
export async function listMilestones(options: { db: Db; actor: SessionActor; programmeId: string; query: { status?: MilestoneRow['status']; kind?: MilestoneKind; limit: number } }) {
  const { db, actor, programmeId, query } = options;
  await authorizeProgramme(db, actor, programmeId, 'milestone.verify');
  const rows = await db
    .select({ milestone: msmeMilestone, businessName: msme.businessName })
    .from(msmeMilestone)
    .leftJoin(msme, eq(msme.id, msmeMilestone.msmeId))
    .where(and(eq(msmeMilestone.programmeId, programmeId), query.status ? eq(msmeMilestone.status, query.status) : undefined, query.kind ? eq(msmeMilestone.kind, query.kind) : undefined))
    .orderBy(desc(msmeMilestone.submittedAt))
    .limit(query.limit);
  const v = await views(db, rows.map((r) => r.milestone));
  return { items: v.map((item, i) => ({ ...item, businessName: rows[i]?.businessName ?? null })) };
}
