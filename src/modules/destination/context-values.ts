import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import {
  CONTEXT_FIELDS,
  CONTEXT_REJECTIONS,
  matchContextHeaders,
  periodBounds,
  REQUIRED_CONTEXT_FIELDS,
  validateContextRow,
  type ContextField,
  type ContextPlace,
  type ContextRejection,
  type ContextRow,
  type ContextSeriesRef,
} from '../../core/context-row.ts';
import { words } from '../../core/normalised.ts';
import type { Actor } from '../../core/policy.ts';
import type { DbOrTx } from '../../db/client.ts';
import { contextValue, region, site } from '../../db/schema/index.ts';
import type { Locale } from '../../server/i18n.ts';
import { translate } from '../../server/i18n.ts';
import { recordAudit } from '../audit/service.ts';
import { rosterResolver } from '../imports/resolver.ts';
import { openRoster } from '../imports/read-roster.ts';
import { csvCell } from '../imports/service.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import { seriesOf } from './context-series.ts';

const joined = (text: string) => words(text).join('');

/**
 * Where a figure belongs, from what a person types: one of the programme's sites (by name),
 * a regency code (`53.15`) or a regency name (`Manggarai Barat`, `Kab. Manggarai Barat`).
 * A site's figures are filed under its regency too.
 */
export async function placeResolver(db: DbOrTx, programmeId: string): Promise<(raw: string) => ContextPlace | null> {
  const sites = await db.select({ id: site.id, name: site.name, regionCode: site.regionCode }).from(site).where(and(eq(site.programmeId, programmeId), isNull(site.archivedAt)));
  const byName = new Map<string, ContextPlace>();
  for (const s of sites) if (s.regionCode.length >= 5) byName.set(joined(s.name), { regionCode: s.regionCode.slice(0, 5), siteId: s.id });
  const resolver = rosterResolver();
  return (raw) => {
    const site = byName.get(joined(raw));
    if (site) return site;
    const text = raw.trim();
    if (/^\d{2}\.\d{2}$/.test(text)) return resolver.regencyName(text) ? { regionCode: text, siteId: null } : null;
    const regency = resolver.resolveRegency(text);
    return regency.ok ? { regionCode: regency.code, siteId: null } : null;
  };
}

/** Writes figures, replacing the one already held for the same series, place and period. Returns how many were new. */
async function upsertValues(db: DbOrTx, options: { programmeId: string; actor: Actor; origin: 'manual' | 'import'; rows: ContextRow[] }): Promise<{ inserted: number; updated: number }> {
  if (options.rows.length === 0) return { inserted: 0, updated: 0 };
  const tuples = options.rows.map((r) => {
    const bounds = periodBounds(r.period);
    return sql`(${options.programmeId}::uuid, ${r.seriesId}::uuid, ${r.place.regionCode}, ${r.place.siteId}::uuid, ${r.period}, ${bounds.start}::date, ${bounds.end}::date,
      ${r.value}::numeric, ${r.source}, ${r.sourceDate}::date, ${options.origin}::context_origin, ${options.actor.userId}::uuid)`;
  });
  // The conflict target is the expression index context_value_place_period_uq (a site or none).
  const result = await db.execute<{ inserted: boolean }>(sql`
    INSERT INTO ${contextValue} (programme_id, series_id, region_code, site_id, period, period_start, period_end, value, source, source_date, origin, entered_by)
    VALUES ${sql.join(tuples, sql`, `)}
    ON CONFLICT (programme_id, series_id, region_code, (coalesce(site_id::text, '')), period) DO UPDATE SET
      value = excluded.value, source = excluded.source, source_date = excluded.source_date, origin = excluded.origin,
      entered_by = excluded.entered_by, updated_at = now()
    RETURNING (xmax = 0) AS inserted`);
  const written = (result as unknown as { rows: { inserted: boolean }[] }).rows;
  const inserted = written.filter((w) => w.inserted).length;
  return { inserted, updated: written.length - inserted };
}

export type ContextValueView = {
  id: string;
  seriesId: string;
  regionCode: string;
  regionName: string | null;
  siteId: string | null;
  siteName: string | null;
  period: string;
  value: number;
  source: string | null;
  sourceDate: string | null;
  origin: 'manual' | 'import';
};

export async function listContextValues(options: { db: DbOrTx; actor: Actor; programmeId: string; seriesId?: string; regionCode?: string; siteId?: string }): Promise<{ items: ContextValueView[] }> {
  const { db, programmeId } = options;
  await authorizeProgramme(db, options.actor, programmeId, 'programme.read');
  const where = [eq(contextValue.programmeId, programmeId)];
  if (options.seriesId) where.push(eq(contextValue.seriesId, options.seriesId));
  if (options.regionCode) where.push(eq(contextValue.regionCode, options.regionCode));
  if (options.siteId) where.push(eq(contextValue.siteId, options.siteId));
  const rows = await db
    .select({ v: contextValue, regionName: region.name, siteName: site.name })
    .from(contextValue)
    .leftJoin(region, eq(region.code, contextValue.regionCode))
    .leftJoin(site, eq(site.id, contextValue.siteId))
    .where(and(...where))
    .orderBy(asc(contextValue.periodStart), asc(contextValue.period), asc(contextValue.regionCode))
    .limit(2000);
  return {
    items: rows.map(({ v, regionName, siteName }) => ({
      id: v.id,
      seriesId: v.seriesId,
      regionCode: v.regionCode,
      regionName,
      siteId: v.siteId,
      siteName,
      period: v.period,
      value: v.value,
      source: v.source,
      sourceDate: v.sourceDate,
      origin: v.origin,
    })),
  };
}

/** A figure typed by hand: the same validation as a spreadsheet row, every problem named on its field. */
export async function recordContextValue(options: {
  db: DbOrTx;
  actor: Actor;
  programmeId: string;
  input: { seriesId: string; place: string; period: string; value: string; source?: string | null; sourceDate?: string | null };
}): Promise<{ inserted: boolean }> {
  const { db, actor, programmeId, input } = options;
  await authorizeProgramme(db, actor, programmeId, 'context.manage');
  const series = await seriesOf(db, programmeId);
  const place = await placeResolver(db, programmeId);
  const result = validateContextRow(
    { series: input.seriesId, place: input.place, period: input.period, value: input.value, source: input.source ?? '', sourceDate: input.sourceDate ?? '' },
    { series: (raw) => series.find((s) => s.id === raw) ?? null, place },
  );
  if (!result.ok) throw new AppError('validation', 'errors.validation', { fields: { [FIELD_OF_REJECTION[result.reason]]: `errors.context.reason.${result.reason}` } });
  const { inserted } = await upsertValues(db, { programmeId, actor, origin: 'manual', rows: [result.row] });
  return { inserted: inserted === 1 };
}

const FIELD_OF_REJECTION: Record<ContextRejection, string> = {
  series_unknown: 'seriesId',
  place_unknown: 'place',
  period_invalid: 'period',
  value_not_numeric: 'value',
  value_negative: 'value',
  value_out_of_range: 'value',
  source_date_invalid: 'sourceDate',
  missing_value: 'value',
};

export type ContextImportError = { line: number; reason: ContextRejection; value: string };
export type ContextImportReport = {
  total: number;
  inserted: number;
  updated: number;
  rejected: number;
  rejectedByReason: Partial<Record<ContextRejection, number>>;
  /** Rejected rows, each with its line in the file and the cell at fault (at most 1,000 listed). */
  errors: ContextImportError[];
  unknownColumns: string[];
  /**
   * Every rejected row as CSV in the file's own columns, then its original line, the reason code
   * and the reason in words (in the caller's language): fixed in a spreadsheet, it imports again
   * (the extra columns are ignored). Null when no row was rejected.
   */
  errorsCsv: string | null;
};

/** Context files are small (a few thousand rows at most): read whole and written in one transaction. */
const MAX_ROWS = 20_000;
const MAX_ERRORS_LISTED = 1000;

const CELL_OF_REJECTION: Record<ContextRejection, ContextField> = {
  series_unknown: 'series',
  place_unknown: 'place',
  period_invalid: 'period',
  value_not_numeric: 'value',
  value_negative: 'value',
  value_out_of_range: 'value',
  source_date_invalid: 'sourceDate',
  missing_value: 'value',
};

/**
 * Imports context figures from a CSV or XLSX file (the roster reader): columns series, place,
 * period, value and optionally source and source date, matched by header in Indonesian or
 * English. Valid rows are written (replacing a figure for the same series, place and period);
 * every other row is reported with its line and reason. A file whose header lacks a required
 * column is refused as a whole.
 */
export async function importContextValues(options: { db: DbOrTx; actor: Actor; programmeId: string; path: string; sheet?: string; locale: Locale }): Promise<ContextImportReport> {
  const { db, actor, programmeId } = options;
  await authorizeProgramme(db, actor, programmeId, 'context.manage');
  const reader = await openRoster(options.path, { sheet: options.sheet });
  try {
    const columns = matchContextHeaders(reader.headers);
    const missing = REQUIRED_CONTEXT_FIELDS.filter((f) => columns[f] === undefined);
    if (missing.length) throw new AppError('bad_request', 'errors.context.missingColumns', { params: { columns: missing.join(', ') } });
    const used = new Set(Object.values(columns));
    const unknownColumns = reader.headers.filter((h, i) => !used.has(i) && h.trim() !== '');
    const series = await seriesOf(db, programmeId);
    const bySeriesKey = new Map<string, ContextSeriesRef>();
    for (const s of series) for (const k of [s.code, s.name.id, s.name.en, s.id]) bySeriesKey.set(joined(k), { id: s.id, unit: s.unit });
    const place = await placeResolver(db, programmeId);
    const valid = new Map<string, ContextRow>();
    const errors: ContextImportError[] = [];
    const rejectedRows: { line: number; cells: string[]; reason: ContextRejection }[] = [];
    const rejectedByReason: Partial<Record<ContextRejection, number>> = {};
    let total = 0;
    for await (const line of reader.rows) {
      if (line.cells.every((c) => c.trim() === '')) continue;
      total += 1;
      if (total > MAX_ROWS) throw new AppError('bad_request', 'errors.context.tooManyRows', { params: { max: MAX_ROWS } });
      const cells = Object.fromEntries(CONTEXT_FIELDS.map((f) => [f, columns[f] === undefined ? '' : (line.cells[columns[f]] ?? '')])) as Record<ContextField, string>;
      const result = validateContextRow(cells, { series: (raw) => bySeriesKey.get(joined(raw)) ?? null, place });
      if (result.ok) {
        // The same series, place and period twice in one file: the later row wins.
        const r = result.row;
        valid.set(`${r.seriesId}|${r.place.regionCode}|${r.place.siteId ?? ''}|${r.period}`, r);
      } else {
        rejectedByReason[result.reason] = (rejectedByReason[result.reason] ?? 0) + 1;
        if (errors.length < MAX_ERRORS_LISTED) errors.push({ line: line.line, reason: result.reason, value: cells[CELL_OF_REJECTION[result.reason]].slice(0, 100) });
        rejectedRows.push({ line: line.line, cells: line.cells, reason: result.reason });
      }
    }
    const rows = [...valid.values()];
    const written = await db.transaction(async (tx) => {
      let inserted = 0;
      let updated = 0;
      for (let i = 0; i < rows.length; i += 500) {
        const counts = await upsertValues(tx, { programmeId, actor, origin: 'import', rows: rows.slice(i, i + 500) });
        inserted += counts.inserted;
        updated += counts.updated;
      }
      await recordAudit(tx, { actorUserId: actor.userId, action: 'context.import', entityType: 'programme', entityId: programmeId, programmeId, details: { total, inserted, updated } });
      return { inserted, updated };
    });
    const rejected = Object.values(rejectedByReason).reduce((a, b) => a + (b ?? 0), 0);
    const errorsCsv = rejectedRows.length ? rejectedRowsCsv(reader.headers, reader.delimiter === ';' ? ';' : ',', rejectedRows, options.locale) : null;
    return { total, inserted: written.inserted, updated: written.updated + (total - rejected - rows.length), rejected, rejectedByReason, errors, unknownColumns, errorsCsv };
  } finally {
    reader.close();
  }
}

/** The roster import's error file, for context rows (with a byte-order mark, so that Excel reads it as UTF-8). */
function rejectedRowsCsv(headers: string[], delimiter: string, rows: { line: number; cells: string[]; reason: ContextRejection }[], locale: Locale): string {
  const extra = locale === 'en' ? ['Original line', 'Reason code', 'Reason'] : ['Baris Asal', 'Kode Alasan', 'Alasan'];
  const line = (cells: string[]) => cells.map((c) => csvCell(c, delimiter)).join(delimiter) + '\r\n';
  let csv = '\uFEFF' + line([...headers, ...extra]);
  for (const r of rows) {
    const cells = [...r.cells, ...Array<string>(Math.max(0, headers.length - r.cells.length)).fill('')];
    csv += line([...cells, String(r.line), r.reason, translate(locale, `errors.context.reason.${r.reason}`)]);
  }
  return csv;
}

export { CONTEXT_REJECTIONS };
