import { createHash } from 'node:crypto';
import { and, asc, count, eq, ilike, isNotNull, isNull, or, type SQL } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { containsPattern, isUniqueViolation } from '../../db/errors.ts';
import { document, organisation, partnership } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { offsetOf } from '../../server/schema-helpers.ts';
import { recordAudit } from '../audit/service.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import { assertOrganisationExists } from '../programmes/service.ts';
import type { CreatePartnershipInput, ListPartnershipsQuery, PartnershipView, UpdatePartnershipInput } from './schema.ts';

/** MoU uploads: PDF only, at most this many bytes. */
export const MOU_MAX_BYTES = 10 * 1024 * 1024;

const columns = {
  partnership,
  orgName: organisation.name,
  orgShortName: organisation.shortName,
  orgKind: organisation.kind,
  docFilename: document.filename,
  docSize: document.size,
};

type Row = { partnership: typeof partnership.$inferSelect; orgName: string; orgShortName: string | null; orgKind: string; docFilename: string | null; docSize: number | null };

function toView(r: Row): PartnershipView {
  const p = r.partnership;
  return {
    id: p.id,
    programmeId: p.programmeId,
    organisation: { id: p.organisationId, name: r.orgName, shortName: r.orgShortName, kind: r.orgKind },
    role: p.role,
    mouNumber: p.mouNumber,
    mouSignedOn: p.mouSignedOn,
    mouScope: p.mouScope,
    mouDocument: p.mouDocumentId && r.docFilename !== null ? { id: p.mouDocumentId, filename: r.docFilename, size: Number(r.docSize) } : null,
    archivedAt: p.archivedAt?.toISOString() ?? null,
  };
}

function selectPartnerships(db: DbOrTx) {
  return db
    .select(columns)
    .from(partnership)
    .innerJoin(organisation, eq(organisation.id, partnership.organisationId))
    .leftJoin(document, eq(document.id, partnership.mouDocumentId));
}

async function partnershipById(db: DbOrTx, programmeId: string, id: string): Promise<PartnershipView> {
  const [row] = await selectPartnerships(db).where(and(eq(partnership.id, id), eq(partnership.programmeId, programmeId)));
  if (!row) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'partnership' } });
  return toView(row);
}

export async function listPartnerships(options: { db: Db; actor: SessionActor; programmeId: string; query: ListPartnershipsQuery }) {
  const { db, actor, programmeId, query } = options;
  await authorizeProgramme(db, actor, programmeId, 'programme.read');
  const conditions: (SQL | undefined)[] = [eq(partnership.programmeId, programmeId)];
  if (query.status === 'archived') conditions.push(isNotNull(partnership.archivedAt));
  else if (query.status === 'active' || !query.includeArchived) conditions.push(isNull(partnership.archivedAt));
  if (query.organisationId) conditions.push(eq(partnership.organisationId, query.organisationId));
  if (query.role) conditions.push(eq(partnership.role, query.role));
  if (query.q) {
    const pattern = containsPattern(query.q);
    conditions.push(or(ilike(organisation.name, pattern), ilike(organisation.shortName, pattern), ilike(partnership.mouNumber, pattern)));
  }
  const where = and(...conditions);
  const [total] = await db.select({ n: count() }).from(partnership).innerJoin(organisation, eq(organisation.id, partnership.organisationId)).where(where);
  const rows = await selectPartnerships(db)
    .where(where)
    .orderBy(asc(partnership.role), asc(organisation.name), asc(partnership.id))
    .limit(query.pageSize)
    .offset(offsetOf(query));
  return { items: rows.map(toView), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/** One partnership of the programme; another programme's id is not found (never its data). */
export async function getPartnership(options: { db: Db; actor: SessionActor; programmeId: string; partnershipId: string }): Promise<PartnershipView> {
  const { db, actor, programmeId, partnershipId } = options;
  await authorizeProgramme(db, actor, programmeId, 'programme.read');
  return partnershipById(db, programmeId, partnershipId);
}

function partnerExists(): AppError {
  return new AppError('conflict', 'errors.validation', { fields: { organisationId: 'errors.field.partnerExists' } });
}

export async function createPartnership(options: { db: Db; actor: SessionActor; programmeId: string; input: CreatePartnershipInput }): Promise<PartnershipView> {
  const { db, actor, programmeId, input } = options;
  try {
    return await db.transaction(async (tx) => {
      await authorizeProgramme(tx, actor, programmeId, 'partnership.manage');
      await assertOrganisationExists(tx, input.organisationId, 'organisationId');
      const [existing] = await tx
        .select({ id: partnership.id, archivedAt: partnership.archivedAt })
        .from(partnership)
        .where(and(eq(partnership.programmeId, programmeId), eq(partnership.organisationId, input.organisationId)));
      if (existing && !existing.archivedAt) throw partnerExists();
      const values = { role: input.role, mouNumber: input.mouNumber ?? null, mouSignedOn: input.mouSignedOn ?? null, mouScope: input.mouScope ?? null };
      let id: string;
      if (existing) {
        await tx.update(partnership).set({ ...values, archivedAt: null, updatedAt: new Date() }).where(eq(partnership.id, existing.id));
        id = existing.id;
      } else {
        const [created] = await tx.insert(partnership).values({ programmeId, organisationId: input.organisationId, ...values }).returning({ id: partnership.id });
        if (!created) throw new Error('insert returned no row');
        id = created.id;
      }
      await recordAudit(tx, { actorUserId: actor.userId, action: 'partnership.create', entityType: 'partnership', entityId: id, programmeId, details: { organisationId: input.organisationId, role: input.role } });
      return partnershipById(tx, programmeId, id);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'partnership_programme_org_uq')) throw partnerExists();
    throw error;
  }
}

export async function updatePartnership(options: { db: Db; actor: SessionActor; programmeId: string; partnershipId: string; input: UpdatePartnershipInput }): Promise<PartnershipView> {
  const { db, actor, programmeId, partnershipId, input } = options;
  return db.transaction(async (tx) => {
    await authorizeProgramme(tx, actor, programmeId, 'partnership.manage');
    const current = await partnershipById(tx, programmeId, partnershipId);
    await tx
      .update(partnership)
      .set({
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.mouNumber !== undefined ? { mouNumber: input.mouNumber } : {}),
        ...(input.mouSignedOn !== undefined ? { mouSignedOn: input.mouSignedOn } : {}),
        ...(input.mouScope !== undefined ? { mouScope: input.mouScope } : {}),
        ...(input.archived === true && !current.archivedAt ? { archivedAt: new Date() } : {}),
        ...(input.archived === false ? { archivedAt: null } : {}),
        updatedAt: new Date(),
      })
      .where(eq(partnership.id, partnershipId));
    const action = input.archived === true ? 'partnership.archive' : input.archived === false ? 'partnership.restore' : 'partnership.update';
    await recordAudit(tx, { actorUserId: actor.userId, action, entityType: 'partnership', entityId: partnershipId, programmeId, details: { fields: Object.keys(input) } });
    return partnershipById(tx, programmeId, partnershipId);
  });
}

/** True when the bytes start like a PDF file (`%PDF-`), whatever the client claimed. */
export function looksLikePdf(bytes: Buffer): boolean {
  return bytes.subarray(0, 5).toString('latin1') === '%PDF-';
}

export async function attachMouDocument(options: {
  db: Db;
  actor: SessionActor;
  programmeId: string;
  partnershipId: string;
  file: { filename: string; content: Buffer };
}): Promise<PartnershipView> {
  const { db, actor, programmeId, partnershipId, file } = options;
  if (!looksLikePdf(file.content)) throw new AppError('unsupported_media_type', 'errors.document.notPdf');
  return db.transaction(async (tx) => {
    await authorizeProgramme(tx, actor, programmeId, 'partnership.manage');
    await partnershipById(tx, programmeId, partnershipId);
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    const [doc] = await tx
      .insert(document)
      .values({ programmeId, filename: file.filename.slice(0, 200), contentType: 'application/pdf', size: file.content.length, sha256, content: file.content, createdBy: actor.userId })
      .returning({ id: document.id });
    if (!doc) throw new Error('insert returned no row');
    await tx.update(partnership).set({ mouDocumentId: doc.id, updatedAt: new Date() }).where(eq(partnership.id, partnershipId));
    await recordAudit(tx, { actorUserId: actor.userId, action: 'partnership.mou_upload', entityType: 'partnership', entityId: partnershipId, programmeId, details: { documentId: doc.id, size: file.content.length, sha256 } });
    return partnershipById(tx, programmeId, partnershipId);
  });
}

export async function readMouDocument(options: { db: Db; actor: SessionActor; programmeId: string; partnershipId: string }) {
  const { db, actor, programmeId, partnershipId } = options;
  await authorizeProgramme(db, actor, programmeId, 'document.read');
  const [row] = await db
    .select({ filename: document.filename, contentType: document.contentType, content: document.content })
    .from(partnership)
    .innerJoin(document, eq(document.id, partnership.mouDocumentId))
    .where(and(eq(partnership.id, partnershipId), eq(partnership.programmeId, programmeId)));
  if (!row) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'document' } });
  return row;
}
