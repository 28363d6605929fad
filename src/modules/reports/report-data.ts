import { DIMENSIONS, type Dimension } from '../../core/indicator-spec.ts';
import type { Actor } from '../../core/policy.ts';
import { SECTOR_LABELS } from '../../core/sector.ts';
import type { DbOrTx } from '../../db/client.ts';
import { translate, type Locale } from '../../server/i18n.ts';
import { currentDefinitions, type IndicatorDefinition } from '../monitoring/definitions.ts';
import type { IndicatorFilters } from '../monitoring/indicators.ts';
import { indicatorBreakdown, programmeIndicators, suppresses } from '../monitoring/service.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import { headlineTarget } from './headline.ts';

/** A value as a report shows it: a number, nothing, or hidden because fewer than 5 people are behind it. */
export type ReportValue = { value: number | null; suppressed: boolean };

export type SummaryRow = {
  code: string;
  name: { id: string; en: string };
  unit: string;
  version: number;
  value: ReportValue;
  target: number | null;
  progress: number | null;
  projected: number | null;
};

export type DimensionSheet = {
  dimension: Dimension;
  /** The indicators that can be broken down by this dimension, in column order. */
  indicators: { code: string; name: { id: string; en: string }; unit: string }[];
  rows: { key: string | null; label: string; values: Record<string, ReportValue> }[];
};

export type ReportData = {
  programme: { id: string; code: string; name: string; startDate: string | null; endDate: string | null };
  filters: { from?: string; to?: string };
  asOf: string;
  factsPending: boolean;
  /** Whether small cells were hidden (the report was asked for by a viewer). */
  suppressed: boolean;
  definitions: IndicatorDefinition[];
  summary: SummaryRow[];
  sheets: DimensionSheet[];
};

/** Labels of dimension values that are codes of a fixed list (the others are named by the database). */
function fixedLabel(dimension: Dimension, key: string, locale: Locale): string | undefined {
  switch (dimension) {
    case 'sector':
      return (SECTOR_LABELS as Record<string, { id: string; en: string } | undefined>)[key]?.[locale];
    case 'gender':
      return translate(locale, `report.gender.${key}`);
    case 'trainee_type':
      return translate(locale, `report.traineeType.${key}`);
    case 'age_band':
      return key === 'unknown' ? translate(locale, 'report.unknown') : key;
    default:
      return undefined;
  }
}

/** Number of breakdowns a report computes (its progress steps). */
export function reportSteps(definitions: IndicatorDefinition[]): number {
  return 1 + DIMENSIONS.reduce((n, d) => n + definitions.filter((x) => x.disaggregations.includes(d)).length, 0);
}

/**
 * Everything a programme report shows, computed as the asking user sees it: the headline of every
 * indicator with its target, and one table per disaggregation (rows: the dimension's values;
 * columns: the indicators that allow it). Viewers get small cells hidden, as everywhere.
 */
export async function collectReportData(options: {
  db: DbOrTx;
  actor: Actor;
  programmeId: string;
  filters: { from?: string; to?: string };
  locale: Locale;
  onStep?: (done: number, total: number) => Promise<void>;
}): Promise<ReportData> {
  const { db, actor, programmeId, locale } = options;
  const p = await authorizeProgramme(db, actor, programmeId, 'report.export');
  const filters: IndicatorFilters = { ...(options.filters.from ? { from: options.filters.from } : {}), ...(options.filters.to ? { to: options.filters.to } : {}) };
  const definitions = await currentDefinitions(db);
  const total = reportSteps(definitions);
  let done = 0;
  const headline = await programmeIndicators({ db, actor, programmeId, filters });
  await options.onStep?.(++done, total);
  const summary: SummaryRow[] = headline.items.map((item) => {
    const target = headlineTarget(item.targets, headline.asOf);
    return {
      code: item.code,
      name: item.name,
      unit: item.unit,
      version: item.version,
      value: { value: item.value, suppressed: item.suppressed },
      target: target?.value ?? null,
      progress: target?.progress ?? null,
      projected: target?.projected ?? null,
    };
  });
  const sheets: DimensionSheet[] = [];
  for (const dimension of DIMENSIONS) {
    const allowed = definitions.filter((d) => d.disaggregations.includes(dimension));
    const rows = new Map<string, DimensionSheet['rows'][number]>();
    for (const d of allowed) {
      const breakdown = await indicatorBreakdown({ db, actor, programmeId, code: d.code, by: [dimension], filters });
      for (const cell of breakdown.cells) {
        const key = cell.dims[dimension] ?? null;
        const id = key ?? '';
        let row = rows.get(id);
        if (!row) {
          const label = key === null ? translate(locale, 'report.unknown') : (breakdown.labels[key] ?? fixedLabel(dimension, key, locale) ?? key);
          row = { key, label, values: {} };
          rows.set(id, row);
        }
        row.values[d.code] = { value: cell.value, suppressed: cell.suppressed };
      }
      await options.onStep?.(++done, total);
    }
    sheets.push({
      dimension,
      indicators: allowed.map((d) => ({ code: d.code, name: d.name, unit: d.unit })),
      rows: [...rows.values()].sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : a.key.localeCompare(b.key))),
    });
  }
  return {
    programme: { id: p.id, code: p.code, name: p.name, startDate: p.startDate, endDate: p.endDate },
    filters: options.filters,
    asOf: headline.asOf,
    factsPending: headline.factsPending,
    suppressed: suppresses(actor),
    definitions,
    summary,
    sheets,
  };
}
