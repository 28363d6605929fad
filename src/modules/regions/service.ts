import { aliasedTable, and, asc, desc, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import type { DbOrTx } from '../../db/client.ts';
import { regionSearchName } from '../../db/regions.ts';
import { region } from '../../db/schema/index.ts';

export type RegionView = { code: string; name: string; level: number; provinceCode: string; provinceName: string; parentCode: string | null };

const province = aliasedTable(region, 'province');
const columns = { region, provinceName: province.name };

function toView(r: { region: typeof region.$inferSelect; provinceName: string }): RegionView {
  return { code: r.region.code, name: r.region.name, level: r.region.level, provinceCode: r.region.provinceCode, provinceName: r.provinceName, parentCode: r.region.parentCode };
}

/** Search regions by name or code; regencies first is what pickers usually want. */
export async function searchRegions(options: { db: DbOrTx; q?: string; levels?: number[]; parentCode?: string; limit: number }): Promise<RegionView[]> {
  const { db, q, levels, parentCode, limit } = options;
  const conditions: (SQL | undefined)[] = [];
  const name = q ? regionSearchName(q) : '';
  if (levels && levels.length > 0) conditions.push(inArray(region.level, levels));
  if (parentCode) conditions.push(eq(region.parentCode, parentCode));
  if (q) {
    const term = q.trim();
    const codeLike = /^[0-9.]+$/.test(term);
    conditions.push(
      or(
        codeLike ? like(region.code, `${term}%`) : undefined,
        codeLike && !term.includes('.') && term.length === 4 ? eq(region.code, `${term.slice(0, 2)}.${term.slice(2)}`) : undefined,
        name ? like(region.searchName, `%${name}%`) : undefined,
      ),
    );
  }
  // Names that start with the searched words come before names that merely contain them.
  const wordStart = name ? [desc(sql`(${region.searchName} like ${`${name}%`} or ${region.searchName} like ${`% ${name}%`})`)] : [];
  const rows = await db
    .select(columns)
    .from(region)
    .innerJoin(province, eq(province.code, region.provinceCode))
    .where(and(...conditions))
    .orderBy(asc(region.level), ...wordStart, asc(region.code))
    .limit(limit);
  return rows.map(toView);
}

export async function getRegion(db: DbOrTx, code: string): Promise<RegionView> {
  const [row] = await db.select(columns).from(region).innerJoin(province, eq(province.code, region.provinceCode)).where(eq(region.code, code));
  if (!row) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'region' } });
  return toView(row);
}

/** Throws a field error naming `field` when a region code is unknown. */
export async function assertRegionExists(db: DbOrTx, code: string, field = 'regionCode'): Promise<void> {
  const [row] = await db.select({ code: region.code }).from(region).where(eq(region.code, code));
  if (!row) throw new AppError('validation', 'errors.validation', { fields: { [field]: 'errors.field.regionUnknown' } });
}
