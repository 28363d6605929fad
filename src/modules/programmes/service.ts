import { and, asc, count, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { can } from '../../core/policy.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { containsPattern, isUniqueViolation } from '../../db/errors.ts';
import { organisation, partnership, programme, site, userProgramme } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { datesInOrder, offsetOf } from '../../server/schema-helpers.ts';
import { recordAudit } from '../audit/service.ts';
import { authorizeProgramme, visibleProgrammes } from './access.ts';
import type { CreateProgrammeInput, ListProgrammesQuery, ProgrammeView, UpdateProgrammeInput } from './schema.ts';

const siteCount = sql<number>`(select count(*)::int from ${site} where ${site.programmeId} = ${programme.id} and ${site.archivedAt} is null)`;
const partnerCount = sql<number>`(select count(*)::int from ${partnership} where ${partnership.programmeId} = ${programme.id} and ${partnership.archivedAt} is null)`;

const viewColumns = {
  programme,
  ownerName: organisation.name,
  siteCount,
  partnerCount,
};

type ViewRow = { programme: typeof programme.$inferSelect; ownerName: string; siteCount: number; partnerCount: number };

function toView(r: ViewRow): ProgrammeView {
  const p = r.programme;
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    description: p.description,
    status: p.status,
    startDate: p.startDate,
    endDate: p.endDate,
    owner: { id: p.ownerOrganisationId, name: r.ownerName },
    replicatedFromId: p.replicatedFromId,
    siteCount: Number(r.siteCount),
    partnerCount: Number(r.partnerCount),
    archivedAt: p.archivedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

async function viewById(db: DbOrTx, id: string): Promise<ProgrammeView> {
  const [row] = await db
    .select(viewColumns)
    .from(programme)
    .innerJoin(organisation, eq(organisation.id, programme.ownerOrganisationId))
    .where(eq(programme.id, id));
  if (!row) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'programme' } });
  return toView(row);
}

export async function listProgrammes(options: { db: Db; actor: SessionActor; query: ListProgrammesQuery }) {
  const { db, actor, query } = options;
  const conditions: (SQL | undefined)[] = [visibleProgrammes(actor)];
  if (!query.includeArchived && query.status !== 'archived') conditions.push(isNull(programme.archivedAt));
  if (query.status) conditions.push(eq(programme.status, query.status));
  if (query.ownerOrganisationId) conditions.push(eq(programme.ownerOrganisationId, query.ownerOrganisationId));
  if (query.q) {
    const pattern = containsPattern(query.q);
    conditions.push(or(ilike(programme.code, pattern), ilike(programme.name, pattern)));
  }
  const where = and(...conditions);
  const [total] = await db.select({ n: count() }).from(programme).where(where);
  const rows = await db
    .select(viewColumns)
    .from(programme)
    .innerJoin(organisation, eq(organisation.id, programme.ownerOrganisationId))
    .where(where)
    .orderBy(asc(programme.code))
    .limit(query.pageSize)
    .offset(offsetOf(query));
  return { items: rows.map(toView), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

export async function getProgramme(options: { db: Db; actor: SessionActor; id: string }): Promise<ProgrammeView> {
  await authorizeProgramme(options.db, options.actor, options.id, 'programme.read');
  return viewById(options.db, options.id);
}

export async function getProgrammeByCode(options: { db: Db; actor: SessionActor; code: string }): Promise<ProgrammeView> {
  const [row] = await options.db.select({ id: programme.id }).from(programme).where(eq(programme.code, options.code.trim().toUpperCase()));
  if (!row) throw new AppError('not_found', 'errors.programme.unknownCode', { params: { code: options.code } });
  return getProgramme({ db: options.db, actor: options.actor, id: row.id });
}

export async function assertOrganisationExists(db: DbOrTx, organisationId: string, field = 'ownerOrganisationId'): Promise<void> {
  const [org] = await db.select({ id: organisation.id }).from(organisation).where(eq(organisation.id, organisationId));
  if (!org) throw new AppError('validation', 'errors.validation', { fields: { [field]: 'errors.field.organisationUnknown' } });
}

function codeTaken(): AppError {
  return new AppError('conflict', 'errors.validation', { fields: { code: 'errors.field.programmeCodeTaken' } });
}

export async function assertProgrammeCodeFree(db: DbOrTx, code: string): Promise<void> {
  const [existing] = await db.select({ id: programme.id }).from(programme).where(eq(programme.code, code));
  if (existing) throw codeTaken();
}

/** Inserts a programme row (and makes a programme manager its member); the caller has checked permission. */
export async function insertProgramme(
  tx: DbOrTx,
  actor: SessionActor,
  input: CreateProgrammeInput & { replicatedFromId?: string },
): Promise<string> {
  const ownerOrganisationId = input.ownerOrganisationId ?? actor.organisationId;
  // An admin belongs to no organisation: the owner must then be named.
  if (!ownerOrganisationId) throw new AppError('validation', 'errors.validation', { fields: { ownerOrganisationId: 'errors.field.required' } });
  await assertOrganisationExists(tx, ownerOrganisationId);
  await assertProgrammeCodeFree(tx, input.code);
  const [created] = await tx
    .insert(programme)
    .values({
      code: input.code,
      name: input.name,
      description: input.description ?? null,
      ownerOrganisationId,
      startDate: input.startDate ?? null,
      endDate: input.endDate ?? null,
      status: input.status ?? 'draft',
      replicatedFromId: input.replicatedFromId ?? null,
    })
    .returning({ id: programme.id });
  if (!created) throw new Error('insert returned no row');
  if (actor.role !== 'admin') await tx.insert(userProgramme).values({ userId: actor.userId, programmeId: created.id }).onConflictDoNothing();
  return created.id;
}

export async function createProgramme(options: { db: Db; actor: SessionActor; input: CreateProgrammeInput }): Promise<ProgrammeView> {
  const { db, actor, input } = options;
  if (!can(actor, 'programme.create')) throw new AppError('forbidden', 'errors.forbidden');
  try {
    return await db.transaction(async (tx) => {
      const id = await insertProgramme(tx, actor, input);
      await recordAudit(tx, { actorUserId: actor.userId, action: 'programme.create', entityType: 'programme', entityId: id, programmeId: id, details: { code: input.code } });
      return viewById(tx, id);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'programme_code_uq')) throw codeTaken();
    throw error;
  }
}

export async function updateProgramme(options: { db: Db; actor: SessionActor; id: string; input: UpdateProgrammeInput }): Promise<ProgrammeView> {
  const { db, actor, id, input } = options;
  const action = input.archived === undefined ? 'programme.update' : 'programme.archive';
  return db.transaction(async (tx) => {
    const current = await authorizeProgramme(tx, actor, id, action);
    if (input.archived !== undefined && Object.keys(input).length > 1) await authorizeProgramme(tx, actor, id, 'programme.update');
    const startDate = input.startDate === undefined ? current.startDate : input.startDate;
    const endDate = input.endDate === undefined ? current.endDate : input.endDate;
    if (!datesInOrder(startDate, endDate)) throw new AppError('validation', 'errors.validation', { fields: { endDate: 'errors.field.endBeforeStart' } });
    if (input.ownerOrganisationId) await assertOrganisationExists(tx, input.ownerOrganisationId);
    const archiving = input.archived === true && !current.archivedAt;
    const restoring = input.archived === false && current.archivedAt !== null;
    await tx
      .update(programme)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.ownerOrganisationId ? { ownerOrganisationId: input.ownerOrganisationId } : {}),
        startDate,
        endDate,
        ...(input.status ? { status: input.status } : {}),
        ...(archiving ? { archivedAt: new Date(), status: 'archived' as const } : {}),
        ...(restoring ? { archivedAt: null, status: input.status ?? ('active' as const) } : {}),
        updatedAt: new Date(),
      })
      .where(eq(programme.id, id));
    const changed = Object.keys(input).filter((k) => k !== 'archived');
    const auditAction = archiving ? 'programme.archive' : restoring ? 'programme.restore' : 'programme.update';
    await recordAudit(tx, { actorUserId: actor.userId, action: auditAction, entityType: 'programme', entityId: id, programmeId: id, details: { fields: changed } });
    return viewById(tx, id);
  });
}
