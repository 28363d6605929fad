import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../core/app-error.ts';
import { canOnCaseload, canSeeProgramme } from '../../core/policy.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { appUser, document, enrolment, mentorCaseload, mentoringVisit, programme, visitPhoto, visitSyncRejection } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { translate, type Locale } from '../../server/i18n.ts';
import { recordAudit } from '../audit/service.ts';
import { programmeRelation } from '../programmes/access.ts';
import { authorizeMsme } from './access.ts';
import type { UploadedImage } from './photos.ts';
import { storeImage } from './photos.ts';
import { VISIT_MODES, VISIT_SYNC_REASONS, type CreateVisitInput, type VisitRecordInput, type VisitSyncReason, type VisitView } from './schema.ts';

const uuid = z.uuid();
const instant = z.iso.datetime({ offset: true });
const localDate = z.iso.date();
/** Photos one visit may carry. */
export const VISIT_MAX_PHOTOS = 10;

type ValidVisit = { record: VisitRecordInput; mode: (typeof VISIT_MODES)[number]; capturedAt: Date };

export type VisitSyncOutcome = {
  accepted: number;
  duplicates: number;
  rejected: { clientId: string; reason: VisitSyncReason }[];
  visitIds: Record<string, string>;
};

/**
 * Stores mentoring visits sent by a device, exactly once each — the semantics of
 * `POST /api/sync/attendance`: the device's `clientId` identifies a visit (per programme), so a
 * record sent again in any order, any number of times, is a duplicate; a refused record is kept
 * in `visit_sync_rejection` with its reason for the mentor, and marked resolved if it is later
 * accepted. Mentors may record visits only for the MSMEs of their own caseload.
 */
export async function syncVisits(options: { db: Db; actor: SessionActor; records: VisitRecordInput[] }): Promise<VisitSyncOutcome> {
  const { db, actor, records } = options;
  const rejected = new Map<string, { reason: VisitSyncReason; record: VisitRecordInput; programmeId: string | null }>();
  const reject = (record: VisitRecordInput, reason: VisitSyncReason, programmeId: string | null = null) => rejected.set(record.clientId, { reason, record, programmeId });

  const programmeIds = [...new Set(records.map((r) => r.programmeId).filter((id) => uuid.safeParse(id).success))];
  const programmes = programmeIds.length ? await db.select().from(programme).where(inArray(programme.id, programmeIds)) : [];
  const relations = new Map(await Promise.all(programmes.map(async (p) => [p.id, await programmeRelation(db, actor, p)] as const)));
  const msmeIds = [...new Set(records.map((r) => r.msmeId).filter((id) => uuid.safeParse(id).success))];
  const enrolled = new Set<string>();
  const caseload = new Set<string>();
  if (msmeIds.length && programmeIds.length) {
    const rows = await db
      .select({ programmeId: enrolment.programmeId, msmeId: enrolment.msmeId })
      .from(enrolment)
      .where(and(inArray(enrolment.programmeId, programmeIds), inArray(enrolment.msmeId, msmeIds)));
    for (const r of rows) enrolled.add(`${r.programmeId}|${r.msmeId}`);
    const mine = await db
      .select({ programmeId: mentorCaseload.programmeId, msmeId: mentorCaseload.msmeId })
      .from(mentorCaseload)
      .where(and(eq(mentorCaseload.mentorUserId, actor.userId), inArray(mentorCaseload.programmeId, programmeIds), inArray(mentorCaseload.msmeId, msmeIds), isNull(mentorCaseload.endedAt)));
    for (const r of mine) caseload.add(`${r.programmeId}|${r.msmeId}`);
  }
  // Visits already stored (sent before) stay duplicates whatever changed since.
  const known = new Map<string, string>();
  const visible = programmeIds.filter((id) => {
    const relation = relations.get(id);
    return relation !== undefined && canSeeProgramme(actor, relation);
  });
  if (visible.length) {
    const ids = [...new Set(records.map((r) => r.clientId))];
    const rows = await db
      .select({ programmeId: mentoringVisit.programmeId, clientId: mentoringVisit.clientId, id: mentoringVisit.id })
      .from(mentoringVisit)
      .where(and(inArray(mentoringVisit.programmeId, visible), sql`${mentoringVisit.clientId} = any(${sql.param(ids)}::text[])`));
    for (const r of rows) known.set(`${r.programmeId}|${r.clientId}`, r.id);
  }

  const valid: ValidVisit[] = [];
  const visitIds: Record<string, string> = {};
  let duplicates = 0;
  const seen = new Set<string>();
  for (const r of records) {
    const relation = relations.get(r.programmeId);
    if (!relation || !canSeeProgramme(actor, relation)) {
      reject(r, 'unknown_programme');
      continue;
    }
    const knownId = known.get(`${r.programmeId}|${r.clientId}`);
    if (knownId || seen.has(`${r.programmeId}|${r.clientId}`)) {
      duplicates += 1;
      if (knownId) visitIds[r.clientId] = knownId;
      continue;
    }
    const key = `${r.programmeId}|${r.msmeId}`;
    const decision = canOnCaseload(actor, 'visit.record', relation, caseload.has(key));
    const mode = (VISIT_MODES as readonly string[]).includes(r.mode) ? (r.mode as ValidVisit['mode']) : null;
    if (!uuid.safeParse(r.msmeId).success || !enrolled.has(key)) reject(r, 'unknown_msme', r.programmeId);
    else if (decision !== 'allow') reject(r, 'not_your_caseload', r.programmeId);
    else if (!mode || !localDate.safeParse(r.visitedOn).success || !instant.safeParse(r.capturedAt).success) reject(r, 'invalid_record', r.programmeId);
    else {
      seen.add(`${r.programmeId}|${r.clientId}`);
      valid.push({ record: r, mode, capturedAt: new Date(r.capturedAt) });
    }
  }

  let accepted = 0;
  await db.transaction(async (tx) => {
    for (const v of valid) {
      const r = v.record;
      const [row] = await tx
        .insert(mentoringVisit)
        .values({
          programmeId: r.programmeId,
          msmeId: r.msmeId,
          mentorUserId: actor.userId,
          clientId: r.clientId,
          visitedOn: r.visitedOn,
          mode: v.mode,
          notes: r.notes?.trim() || null,
          agreedActions: (r.agreedActions ?? []).map((a) => a.trim()).filter(Boolean),
          capturedAt: v.capturedAt,
        })
        .onConflictDoNothing()
        .returning({ id: mentoringVisit.id });
      if (row) {
        accepted += 1;
        visitIds[r.clientId] = row.id;
      } else {
        // Sent at the same moment by another request: it is there now.
        duplicates += 1;
        const [existing] = await tx.select({ id: mentoringVisit.id }).from(mentoringVisit).where(and(eq(mentoringVisit.programmeId, r.programmeId), eq(mentoringVisit.clientId, r.clientId)));
        if (existing) visitIds[r.clientId] = existing.id;
      }
    }
    for (const r of rejected.values()) {
      await tx
        .insert(visitSyncRejection)
        .values({ clientId: r.record.clientId, submittedBy: actor.userId, programmeId: r.programmeId, record: { ...r.record }, reason: r.reason })
        .onConflictDoUpdate({
          target: visitSyncRejection.clientId,
          set: { reason: sql`excluded.reason`, record: sql`excluded.record`, programmeId: sql`excluded.programme_id`, attempts: sql`${visitSyncRejection.attempts} + 1`, lastSeenAt: sql`now()`, resolvedAt: null },
        });
    }
    const settled = Object.keys(visitIds).filter((id) => !rejected.has(id));
    if (settled.length) {
      await tx.update(visitSyncRejection).set({ resolvedAt: new Date() }).where(and(sql`${visitSyncRejection.clientId} = any(${sql.param(settled)}::text[])`, isNull(visitSyncRejection.resolvedAt)));
    }
    const byProgramme = new Map<string | null, number>();
    for (const v of valid) byProgramme.set(v.record.programmeId, (byProgramme.get(v.record.programmeId) ?? 0) + 1);
    for (const r of rejected.values()) if (!byProgramme.has(r.programmeId)) byProgramme.set(r.programmeId, 0);
    for (const [programmeId] of byProgramme) {
      const rejectedHere = [...rejected.values()].filter((r) => r.programmeId === programmeId).length;
      await recordAudit(tx, { actorUserId: actor.userId, action: 'visit.sync', entityType: 'mentoring_visit', programmeId, details: { received: records.length, rejected: rejectedHere } });
    }
  });
  return { accepted, duplicates, rejected: [...rejected.entries()].map(([clientId, r]) => ({ clientId, reason: r.reason })), visitIds };
}

function reasonError(reason: VisitSyncReason): AppError {
  if (reason === 'invalid_record') return new AppError('validation', 'errors.validation');
  return new AppError('not_found', 'errors.notFound', { params: { entity: reason === 'unknown_programme' ? 'programme' : 'msme' } });
}

/** Records a visit online: the same path as a synced one (idempotent with a client id). */
export async function createVisit(options: { db: Db; actor: SessionActor; programmeId: string; msmeId: string; input: CreateVisitInput }): Promise<{ visit: VisitView; created: boolean }> {
  const { db, actor, programmeId, msmeId, input } = options;
  await authorizeMsme(db, actor, programmeId, msmeId, 'visit.record');
  const clientId = input.clientId ?? crypto.randomUUID();
  const result = await syncVisits({
    db,
    actor,
    records: [{ clientId, programmeId, msmeId, visitedOn: input.visitedOn, mode: input.mode, notes: input.notes, agreedActions: input.agreedActions, capturedAt: new Date().toISOString() }],
  });
  const refused = result.rejected[0];
  if (refused) throw reasonError(refused.reason);
  const id = result.visitIds[clientId];
  if (!id) throw new Error('visit vanished after sync');
  const [visit] = await visitViews(db, [id]);
  if (!visit) throw new Error('visit vanished after sync');
  return { visit, created: result.accepted === 1 };
}

async function visitViews(db: DbOrTx, ids: string[]): Promise<VisitView[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ visit: mentoringVisit, mentorName: appUser.name })
    .from(mentoringVisit)
    .leftJoin(appUser, eq(appUser.id, mentoringVisit.mentorUserId))
    .where(inArray(mentoringVisit.id, ids))
    .orderBy(desc(mentoringVisit.visitedOn), desc(mentoringVisit.capturedAt));
  const photos = await db
    .select({ id: visitPhoto.id, visitId: visitPhoto.visitId, clientId: visitPhoto.clientId, contentType: document.contentType, size: document.size })
    .from(visitPhoto)
    .innerJoin(document, eq(document.id, visitPhoto.documentId))
    .where(inArray(visitPhoto.visitId, ids))
    .orderBy(asc(visitPhoto.createdAt));
  return rows.map(({ visit: v, mentorName }) => ({
    id: v.id,
    programmeId: v.programmeId,
    msmeId: v.msmeId,
    clientId: v.clientId,
    mentor: { id: v.mentorUserId, name: mentorName ?? '' },
    visitedOn: v.visitedOn,
    mode: v.mode,
    notes: v.notes,
    agreedActions: v.agreedActions,
    capturedAt: v.capturedAt.toISOString(),
    receivedAt: v.receivedAt.toISOString(),
    photos: photos.filter((p) => p.visitId === v.id).map((p) => ({ id: p.id, clientId: p.clientId, contentType: p.contentType, size: Number(p.size) })),
  }));
}

export async function listVisits(options: { db: Db; actor: SessionActor; programmeId: string; msmeId: string }) {
  const { db, actor, programmeId, msmeId } = options;
  await authorizeMsme(db, actor, programmeId, msmeId, 'visit.record');
  const ids = await db.select({ id: mentoringVisit.id }).from(mentoringVisit).where(and(eq(mentoringVisit.programmeId, programmeId), eq(mentoringVisit.msmeId, msmeId))).limit(500);
  return { items: await visitViews(db, ids.map((r) => r.id)) };
}

/** A visit the caller may act on (the caseload rule of its MSME). */
async function authorizeVisit(db: DbOrTx, actor: SessionActor, visitId: string) {
  const [visit] = await db.select().from(mentoringVisit).where(eq(mentoringVisit.id, visitId));
  if (!visit) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'visit' } });
  try {
    await authorizeMsme(db, actor, visit.programmeId, visit.msmeId, 'visit.record');
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') throw new AppError('not_found', 'errors.notFound', { params: { entity: 'visit' } });
    throw error;
  }
  return visit;
}

/** Adds a photo to a visit; the photo's client id makes a repeated upload harmless. */
export async function addVisitPhoto(options: { db: Db; actor: SessionActor; visitId: string; image: UploadedImage }) {
  const { db, actor, visitId, image } = options;
  const clientId = (image.fields.clientId ?? '').trim() || crypto.randomUUID();
  return db.transaction(async (tx) => {
    const visit = await authorizeVisit(tx, actor, visitId);
    const [existing] = await tx
      .select({ id: visitPhoto.id, contentType: document.contentType, size: document.size })
      .from(visitPhoto)
      .innerJoin(document, eq(document.id, visitPhoto.documentId))
      .where(and(eq(visitPhoto.visitId, visitId), eq(visitPhoto.clientId, clientId)));
    if (existing) return { photoId: existing.id, duplicate: true, contentType: existing.contentType, size: Number(existing.size) };
    const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(visitPhoto).where(eq(visitPhoto.visitId, visitId));
    if (Number(n) >= VISIT_MAX_PHOTOS) throw new AppError('conflict', 'errors.photo.tooMany', { params: { max: VISIT_MAX_PHOTOS } });
    const documentId = await storeImage(tx, { programmeId: visit.programmeId, name: `kunjungan-${visit.visitedOn}-${clientId.slice(0, 8)}`, image, createdBy: actor.userId });
    const [photo] = await tx.insert(visitPhoto).values({ programmeId: visit.programmeId, visitId, clientId, documentId }).returning({ id: visitPhoto.id });
    if (!photo) throw new Error('insert returned no row');
    await recordAudit(tx, { actorUserId: actor.userId, action: 'visit.photo_add', entityType: 'mentoring_visit', entityId: visitId, programmeId: visit.programmeId, details: { photoId: photo.id, size: image.content.length, type: image.contentType } });
    return { photoId: photo.id, duplicate: false, contentType: image.contentType, size: image.content.length };
  });
}

export async function readVisitPhoto(options: { db: Db; actor: SessionActor; visitId: string; photoId: string }) {
  const { db, actor, visitId, photoId } = options;
  await authorizeVisit(db, actor, visitId);
  const [row] = await db
    .select({ filename: document.filename, contentType: document.contentType, content: document.content })
    .from(visitPhoto)
    .innerJoin(document, eq(document.id, visitPhoto.documentId))
    .where(and(eq(visitPhoto.id, photoId), eq(visitPhoto.visitId, visitId)));
  if (!row) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'photo' } });
  return row;
}

export async function listVisitRejections(options: { db: Db; actor: SessionActor; includeResolved?: boolean; locale: Locale }) {
  const { db, actor, locale } = options;
  const rows = await db
    .select()
    .from(visitSyncRejection)
    .where(and(eq(visitSyncRejection.submittedBy, actor.userId), options.includeResolved ? undefined : isNull(visitSyncRejection.resolvedAt)))
    .orderBy(desc(visitSyncRejection.lastSeenAt))
    .limit(500);
  return {
    items: rows.map((r) => {
      const reason = (VISIT_SYNC_REASONS as readonly string[]).includes(r.reason) ? (r.reason as VisitSyncReason) : 'invalid_record';
      return {
        clientId: r.clientId,
        reason,
        message: translate(locale, `errors.visitSync.${reason}`),
        record: r.record,
        attempts: r.attempts,
        firstSeenAt: r.firstSeenAt.toISOString(),
        lastSeenAt: r.lastSeenAt.toISOString(),
        resolvedAt: r.resolvedAt?.toISOString() ?? null,
      };
    }),
  };
}
