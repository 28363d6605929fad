import { aliasedTable, and, asc, eq, isNull } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { region, site, target } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { datesInOrder } from '../../server/schema-helpers.ts';
import { recordAudit } from '../audit/service.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import { assertRegionExists } from '../regions/service.ts';
import type { CreateTargetInput, TargetView, UpdateTargetInput } from './schema.ts';

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

export async function listTargets(options: { db: Db; actor: SessionActor; programmeId: string; includeArchived?: boolean }) {
  const { db, actor, programmeId } = options;
  await authorizeProgramme(db, actor, programmeId, 'programme.read');
  const rows = await selectTargets(db)
    .where(and(eq(target.programmeId, programmeId), options.includeArchived ? undefined : isNull(target.archivedAt)))
    .orderBy(asc(target.sortOrder), asc(target.indicator), asc(target.createdAt));
  return { items: rows.map(toView), total: rows.length, page: 1, pageSize: rows.length };
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
