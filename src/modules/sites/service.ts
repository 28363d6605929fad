import { aliasedTable, and, asc, count, eq, ilike, isNull, type SQL } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { containsPattern } from '../../db/errors.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { region, site } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { offsetOf } from '../../server/schema-helpers.ts';
import { recordAudit } from '../audit/service.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import { assertRegionExists } from '../regions/service.ts';
import type { CreateSiteInput, ListSitesQuery, SiteView, UpdateSiteInput } from './schema.ts';

const province = aliasedTable(region, 'province');
const columns = { site, regionName: region.name, provinceCode: region.provinceCode, provinceName: province.name };

function toView(r: { site: typeof site.$inferSelect; regionName: string; provinceCode: string; provinceName: string }): SiteView {
  const s = r.site;
  return {
    id: s.id,
    programmeId: s.programmeId,
    name: s.name,
    type: s.type,
    region: { code: s.regionCode, name: r.regionName, provinceCode: r.provinceCode, provinceName: r.provinceName },
    address: s.address,
    illustrative: s.illustrative,
    archivedAt: s.archivedAt?.toISOString() ?? null,
  };
}

function selectSites(db: DbOrTx) {
  return db
    .select(columns)
    .from(site)
    .innerJoin(region, eq(region.code, site.regionCode))
    .innerJoin(province, eq(province.code, region.provinceCode));
}

async function siteById(db: DbOrTx, programmeId: string, siteId: string): Promise<SiteView> {
  const [row] = await selectSites(db).where(and(eq(site.id, siteId), eq(site.programmeId, programmeId)));
  if (!row) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'site' } });
  return toView(row);
}

export async function listSites(options: { db: Db; actor: SessionActor; programmeId: string; query: ListSitesQuery }) {
  const { db, actor, programmeId, query } = options;
  await authorizeProgramme(db, actor, programmeId, 'programme.read');
  const conditions: (SQL | undefined)[] = [eq(site.programmeId, programmeId)];
  if (!query.includeArchived) conditions.push(isNull(site.archivedAt));
  if (query.type) conditions.push(eq(site.type, query.type));
  if (query.provinceCode) conditions.push(eq(region.provinceCode, query.provinceCode));
  if (query.q) conditions.push(ilike(site.name, containsPattern(query.q)));
  const where = and(...conditions);
  const [total] = await db.select({ n: count() }).from(site).innerJoin(region, eq(region.code, site.regionCode)).where(where);
  const rows = await selectSites(db).where(where).orderBy(asc(region.provinceCode), asc(site.name), asc(site.id)).limit(query.pageSize).offset(offsetOf(query));
  return { items: rows.map(toView), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

export async function createSite(options: { db: Db; actor: SessionActor; programmeId: string; input: CreateSiteInput }): Promise<SiteView> {
  const { db, actor, programmeId, input } = options;
  return db.transaction(async (tx) => {
    await authorizeProgramme(tx, actor, programmeId, 'site.manage');
    await assertRegionExists(tx, input.regionCode);
    const [created] = await tx
      .insert(site)
      .values({ programmeId, name: input.name, type: input.type, regionCode: input.regionCode, address: input.address ?? null })
      .returning({ id: site.id });
    if (!created) throw new Error('insert returned no row');
    await recordAudit(tx, { actorUserId: actor.userId, action: 'site.create', entityType: 'site', entityId: created.id, programmeId, details: { type: input.type, regionCode: input.regionCode } });
    return siteById(tx, programmeId, created.id);
  });
}

export async function updateSite(options: { db: Db; actor: SessionActor; programmeId: string; siteId: string; input: UpdateSiteInput }): Promise<SiteView> {
  const { db, actor, programmeId, siteId, input } = options;
  return db.transaction(async (tx) => {
    await authorizeProgramme(tx, actor, programmeId, 'site.manage');
    const current = await siteById(tx, programmeId, siteId);
    if (input.regionCode) await assertRegionExists(tx, input.regionCode);
    await tx
      .update(site)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.type !== undefined ? { type: input.type } : {}),
        ...(input.regionCode !== undefined ? { regionCode: input.regionCode } : {}),
        ...(input.address !== undefined ? { address: input.address } : {}),
        ...(input.archived === true && !current.archivedAt ? { archivedAt: new Date() } : {}),
        ...(input.archived === false ? { archivedAt: null } : {}),
        updatedAt: new Date(),
      })
      .where(eq(site.id, siteId));
    const action = input.archived === true ? 'site.archive' : input.archived === false ? 'site.restore' : 'site.update';
    await recordAudit(tx, { actorUserId: actor.userId, action, entityType: 'site', entityId: siteId, programmeId, details: { fields: Object.keys(input) } });
    return siteById(tx, programmeId, siteId);
  });
}
