import { and, eq, isNull, sql } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import type { Granularity } from '../../core/periods.ts';
import type { Actor } from '../../core/policy.ts';
import type { DbOrTx } from '../../db/client.ts';
import { contextValue, region, site } from '../../db/schema/index.ts';
import { indicatorBreakdown } from '../monitoring/service.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import { seriesOf } from './context-series.ts';

const PERIOD_PATTERN: Record<Granularity, string> = { year: '^\\d{4}$', quarter: '^\\d{4}-Q[1-4]$', month: '^\\d{4}-\\d{2}$' };

export type ContextPanelRow = { period: string; context: number | null; source: string | null; indicator: number | null; suppressed: boolean };

/**
 * A context series beside a programme indicator for the same place and the same periods
 * (e.g. tourist visits and MSMEs on-boarded in Manggarai Barat per quarter). The two are shown
 * side by side as context: the panel says nothing about the programme causing the figures.
 * Context figures are taken as entered for periods of the chosen length.
 */
export async function contextPanel(options: {
  db: DbOrTx;
  actor: Actor;
  programmeId: string;
  seriesId: string;
  indicator: string;
  regionCode?: string;
  siteId?: string;
  period: Granularity;
}) {
  const { db, actor, programmeId, period } = options;
  await authorizeProgramme(db, actor, programmeId, 'programme.read');
  const series = (await seriesOf(db, programmeId)).find((s) => s.id === options.seriesId);
  if (!series) throw new AppError('validation', 'errors.validation', { fields: { seriesId: 'errors.context.reason.series_unknown' } });
  let place: { regionCode: string; regionName: string | null; siteId: string | null; siteName: string | null };
  if (options.siteId) {
    const [s] = await db.select({ name: site.name, regionCode: site.regionCode }).from(site).where(and(eq(site.id, options.siteId), eq(site.programmeId, programmeId)));
    if (!s) throw new AppError('validation', 'errors.validation', { fields: { siteId: 'errors.field.siteUnknown' } });
    const [r] = await db.select({ name: region.name }).from(region).where(eq(region.code, s.regionCode.slice(0, 5)));
    place = { regionCode: s.regionCode.slice(0, 5), regionName: r?.name ?? null, siteId: options.siteId, siteName: s.name };
  } else if (options.regionCode) {
    const [r] = await db.select({ name: region.name }).from(region).where(eq(region.code, options.regionCode));
    if (!r) throw new AppError('validation', 'errors.validation', { fields: { regionCode: 'errors.field.regionUnknown' } });
    place = { regionCode: options.regionCode, regionName: r.name, siteId: null, siteName: null };
  } else {
    throw new AppError('validation', 'errors.validation', { fields: { regionCode: 'errors.context.placeRequired' } });
  }
  const values = await db
    .select({ period: contextValue.period, value: contextValue.value, source: contextValue.source })
    .from(contextValue)
    .where(
      and(
        eq(contextValue.programmeId, programmeId),
        eq(contextValue.seriesId, series.id),
        eq(contextValue.regionCode, place.regionCode),
        place.siteId ? eq(contextValue.siteId, place.siteId) : isNull(contextValue.siteId),
        sql`${contextValue.period} ~ ${PERIOD_PATTERN[period]}`,
      ),
    );
  const breakdown = await indicatorBreakdown({
    db,
    actor,
    programmeId,
    code: options.indicator,
    by: ['month'],
    period,
    filters: place.siteId ? { siteId: place.siteId } : { regency: place.regionCode },
  });
  const rows = new Map<string, ContextPanelRow>();
  const rowOf = (key: string) => {
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { period: key, context: null, source: null, indicator: null, suppressed: false }));
    return row;
  };
  for (const v of values) Object.assign(rowOf(v.period), { context: v.value, source: v.source });
  for (const c of breakdown.cells) {
    const key = c.dims.month;
    if (!key) continue;
    Object.assign(rowOf(key), { indicator: c.value, suppressed: c.suppressed });
  }
  return {
    series,
    indicator: { code: breakdown.code, version: breakdown.version, name: breakdown.name, unit: breakdown.unit },
    place,
    period,
    /** Shown with the panel: the figures are context, not an effect of the programme. */
    contextNotEffect: true as const,
    rows: [...rows.values()].sort((a, b) => a.period.localeCompare(b.period)),
  };
}
