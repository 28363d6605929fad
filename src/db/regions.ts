import { loadRegionData } from '../modules/regions/region-data.ts';
import type { Database } from './client.ts';

/** Lower-case, punctuation folded to spaces: what region search compares against. */
export function regionSearchName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Loads all provinces, regencies, districts and villages once; a no-op when they are already there. */
export async function ensureRegions(database: Database): Promise<void> {
  const data = loadRegionData();
  const expected = data.provinces.length + data.regencies.length + data.districts.length + data.villages.length;
  const [row] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM region');
  if (row?.n === expected) return;

  const lines: string[] = [];
  const push = (code: string, level: number, parent: string, province: string, name: string) =>
    lines.push([code, String(level), parent, province, csvField(name), csvField(regionSearchName(name))].join(','));
  for (const p of data.provinces) push(p.code, 1, '', p.code, p.name);
  for (const r of data.regencies) push(r.code, 2, r.provinceCode, r.provinceCode, r.name);
  for (const d of data.districts) push(d.code, 3, d.regencyCode, d.code.slice(0, 2), d.name);
  for (const v of data.villages) push(v.code, 4, v.districtCode, v.code.slice(0, 2), v.name);

  // A plain staging table, not TEMP: a pooled PostgreSQL connection may differ between statements.
  await database.query('DROP TABLE IF EXISTS region_staging');
  await database.query('CREATE TABLE region_staging (LIKE region)');
  try {
    await database.copyCsv('region_staging', ['code', 'level', 'parent_code', 'province_code', 'name', 'search_name'], lines.join('\n') + '\n');
    await database.query(
      `INSERT INTO region SELECT code, level, nullif(parent_code, ''), province_code, name, search_name FROM region_staging
       ON CONFLICT (code) DO UPDATE SET level = excluded.level, parent_code = excluded.parent_code,
         province_code = excluded.province_code, name = excluded.name, search_name = excluded.search_name`,
    );
  } finally {
    await database.query('DROP TABLE region_staging');
  }
}
