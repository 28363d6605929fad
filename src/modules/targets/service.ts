import { aliasedTable, and, asc, count, eq, gte, isNotNull, isNull, like, lte, or, type SQL } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { region, site, target } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { datesInOrder, offsetOf } from '../../server/schema-helpers.ts';
import { recordAudit } from '../audit/service.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import { assertRegionExists } from '../regions/service.ts';
import type { CreateTargetInput, ListTargetsQuery, TargetView, UpdateTargetInput } from './schema.ts';

const province = aliasedTable(region, 'province');
const columns = { target, siteName: site.name, regionName: region.name, provinceCode: region.provinceCode, provinceName: province.name };

function toView(r: { target: typeof target.$inferSelect; siteName: string | null; regionName: string | null; provinceCode: string | null; provinceName: string | null }): TargetView {
  const t = r.target;
  return {
    id: t.id,
    programmeId: t.programmeId,
    indicator: t.indicator,
    value: Number(t.value),
    site: t.siteId && r.siteName !== null ? { id: t.siteId, name: r.siteName } : null,
    region: t.regionCode && r.regionName !== null ? { code: t.regionCode, name: r.regionName, provinceCode: r.provinceCode ?? '', provinceName: r.provinceName ?? '' } : null,
    sector: t.sector,
    gender: t.gender,
    periodStart: t.periodStart,
    periodEnd: t.periodEnd,
    notes: t.notes,
    archivedAt: t.archivedAt?.toISOString() ?? null,
  };
}

function selectTargets(db: DbOrTx) {
  return db
    .select(columns)
    .from(target)
    .leftJoin(site, eq(site.id, target.siteId))
    .leftJoin(region, eq(region.code, target.regionCode))
    .leftJoin(province, eq(province.code, region.provinceCode));
}

async function targetById(db: DbOrTx, programmeId: string, id: string): Promise<TargetView> {
  const [row] = await selectTargets(db).where(and(eq(target.id, id), eq(target.programmeId, programmeId)));
  if (!row) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'target' } });
  return toView(row);
}

async function assertSiteInProgramme(db: DbOrTx, programmeId: string, siteId: string): Promise<void> {
  const [row] = await db.select({ id: site.id }).from(site).where(and(eq(site.id, siteId), eq(site.programmeId, programmeId)));
  if (!row) throw new AppError('validation', 'errors.validation', { fields: { siteId: 'errors.field.siteUnknown' } });
}

/** A region code column equal to `code` or naming a region within it (`53` holds `53.15`). */
function inRegion(column: typeof target.regionCode | typeof site.regionCode, code: string): SQL | undefined {
  return or(eq(column, code), like(column, `${code}.%`));
}

export async function listTargets(options: { db: Db; actor: SessionActor; programmeId: string; query: ListTargetsQuery }) {
  const { db, actor, programmeId, query } = options;
  await authorizeProgramme(db, actor, programmeId, 'programme.read');
  const conditions: (SQL | undefined)[] = [eq(target.programmeId, programmeId)];
  if (query.status === 'archived') conditions.push(isNotNull(target.archivedAt));
  else if (query.status === 'active' || !query.includeArchived) conditions.push(isNull(target.archivedAt));
  if (query.indicator) conditions.push(eq(target.indicator, query.indicator));
  if (query.siteId) conditions.push(eq(target.siteId, query.siteId));
  if (query.regionCode) conditions.push(or(inRegion(target.regionCode, query.regionCode), inRegion(site.regionCode, query.regionCode)));
  if (query.sector) conditions.push(eq(target.sector, query.sector));
  if (query.gender) conditions.push(eq(target.gender, query.gender));
  if (query.periodFrom) conditions.push(or(isNull(target.periodEnd), gte(target.periodEnd, query.periodFrom)));
  if (query.periodTo) conditions.push(or(isNull(target.periodStart), lte(target.periodStart, query.periodTo)));
  const where = and(...conditions);
  const [total] = await db.select({ n: count() }).from(target).leftJoin(site, eq(site.id, target.siteId)).where(where);
  const rows = await selectTargets(db)
    .where(where)
    .orderBy(asc(target.sortOrder), asc(target.indicator), asc(target.createdAt), asc(target.id))
    .limit(query.pageSize)
    .offset(offsetOf(query));
  return { items: rows.map(toView), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/** One target of the programme; another programme's id is not found (never its data). */
export async function getTarget(options: { db: Db; actor: SessionActor; programmeId: string; targetId: string }): Promise<TargetView> {
  const { db, actor, programmeId, targetId } = options;
  await authorizeProgramme(db, actor, programmeId, 'programme.read');
  return targetById(db, programmeId, targetId);
}

export async function createTarget(options: { db: Db; actor: SessionActor; programmeId: string; input: CreateTargetInput }): Promise<TargetView> {
  const { db, actor, programmeId, input } = options;
  return db.transaction(async (tx) => {
    await authorizeProgramme(tx, actor, programmeId, 'target.manage');
    if (input.siteId) await assertSiteInProgramme(tx, programmeId, input.siteId);
    if (input.regionCode) await assertRegionExists(tx, input.regionCode);
    const [created] = await tx
      .insert(target)
      .values({
        programmeId,
        indicator: input.indicator,
        value: input.value,
        siteId: input.siteId ?? null,
        regionCode: input.regionCode ?? null,
        sector: input.sector ?? null,
        gender: input.gender ?? null,
        periodStart: input.periodStart ?? null,
        periodEnd: input.periodEnd ?? null,
        notes: input.notes ?? null,
      })
      .returning({ id: target.id });
    if (!created) throw new Error('insert returned no row');
    await recordAudit(tx, { actorUserId: actor.userId, action: 'target.create', entityType: 'target', entityId: created.id, programmeId, details: { indicator: input.indicator, value: input.value } });
    return targetById(tx, programmeId, created.id);
  });
}

export async function updateTarget(options: { db: Db; actor: SessionActor; programmeId: string; targetId: string; input: UpdateTargetInput }): Promise<TargetView> {
  const { db, actor, programmeId, targetId, input } = options;
  return db.transaction(async (tx) => {
    await authorizeProgramme(tx, actor, programmeId, 'target.manage');
    const current = await targetById(tx, programmeId, targetId);
    if (input.siteId) await assertSiteInProgramme(tx, programmeId, input.siteId);
    if (input.regionCode) await assertRegionExists(tx, input.regionCode);
    const periodStart = input.periodStart === undefined ? current.periodStart : input.periodStart;
    const periodEnd = input.periodEnd === undefined ? current.periodEnd : input.periodEnd;
    if (!datesInOrder(periodStart, periodEnd)) throw new AppError('validation', 'errors.validation', { fields: { periodEnd: 'errors.field.endBeforeStart' } });
    const { archived, ...fields } = input;
    await tx
      .update(target)
      .set({
        ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
        ...(archived === true && !current.archivedAt ? { archivedAt: new Date() } : {}),
        ...(archived === false ? { archivedAt: null } : {}),
        updatedAt: new Date(),
      })
      .where(eq(target.id, targetId));
    const action = archived === true ? 'target.archive' : archived === false ? 'target.restore' : 'target.update';
    await recordAudit(tx, { actorUserId: actor.userId, action, entityType: 'target', entityId: targetId, programmeId, details: { fields: Object.keys(input) } });
    return targetById(tx, programmeId, targetId);
  });
}
