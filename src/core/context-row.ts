/**
 * Context figures (tourist visits, occupancy, …) read from a spreadsheet: header matching and
 * the validation of one row. Pure: places and series are resolved by functions passed in.
 */
import { words } from './normalised.ts';

export const CONTEXT_FIELDS = ['series', 'place', 'period', 'value', 'source', 'sourceDate'] as const;
export type ContextField = (typeof CONTEXT_FIELDS)[number];

/** Header spellings (compared as lower-case words) for each field, Indonesian and English. */
const HEADER_ALIASES: Record<ContextField, string[]> = {
  series: ['seri', 'data', 'indikator', 'indikator konteks', 'jenis data', 'series', 'indicator', 'figure'],
  place: ['tempat', 'lokasi', 'destinasi', 'kabupaten', 'kabupaten kota', 'kota', 'wilayah', 'place', 'site', 'regency', 'destination', 'location'],
  period: ['periode', 'tahun', 'bulan', 'triwulan', 'period', 'year', 'quarter', 'month'],
  value: ['nilai', 'jumlah', 'angka', 'value', 'amount', 'count'],
  source: ['sumber', 'sumber data', 'source'],
  sourceDate: ['tanggal sumber', 'tanggal data', 'tanggal', 'tanggal rilis', 'source date', 'date', 'published'],
};

const key = (text: string) => words(text).join(' ');

/** Column index of each field found in the header row (first match wins). */
export function matchContextHeaders(headers: readonly string[]): Partial<Record<ContextField, number>> {
  const found: Partial<Record<ContextField, number>> = {};
  headers.forEach((h, i) => {
    const k = key(h);
    for (const field of CONTEXT_FIELDS) if (found[field] === undefined && HEADER_ALIASES[field].includes(k)) found[field] = i;
  });
  return found;
}

/** Fields a file must have. */
export const REQUIRED_CONTEXT_FIELDS: readonly ContextField[] = ['series', 'place', 'period', 'value'];

export const CONTEXT_REJECTIONS = ['series_unknown', 'place_unknown', 'period_invalid', 'value_not_numeric', 'value_negative', 'value_out_of_range', 'source_date_invalid', 'missing_value'] as const;
export type ContextRejection = (typeof CONTEXT_REJECTIONS)[number];

/**
 * A period key: `2024` (year), `2024-Q1` (quarter) or `2024-03` (month), as src/core/periods.ts.
 * Also read: `2024 Q1`, `Q1 2024`, `TW1 2024` (triwulan), `2024/03`, `03/2024`. Null when not a period.
 */
export function parsePeriod(raw: string): string | null {
  const text = raw.trim().toUpperCase().replace(/\s+/g, ' ');
  const year = (y: string) => Number(y) >= 1990 && Number(y) <= 2100;
  let m = /^(\d{4})$/.exec(text);
  if (m?.[1] && year(m[1])) return m[1];
  m = /^(\d{4})[- /]?(?:Q|TW)([1-4])$/.exec(text) ?? null;
  if (m?.[1] && m[2] && year(m[1])) return `${m[1]}-Q${m[2]}`;
  m = /^(?:Q|TW) ?([1-4])[- /](\d{4})$/.exec(text);
  if (m?.[1] && m[2] && year(m[2])) return `${m[2]}-Q${m[1]}`;
  m = /^(\d{4})[-/](\d{1,2})$/.exec(text);
  if (m?.[1] && m[2] && year(m[1]) && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${m[2].padStart(2, '0')}`;
  m = /^(\d{1,2})[-/](\d{4})$/.exec(text);
  if (m?.[1] && m[2] && year(m[2]) && Number(m[1]) >= 1 && Number(m[1]) <= 12) return `${m[2]}-${m[1].padStart(2, '0')}`;
  return null;
}

/** First and last day (`YYYY-MM-DD`) of a period key. */
export function periodBounds(period: string): { start: string; end: string } {
  const year = Number(period.slice(0, 4));
  const lastDay = (y: number, month: number) => new Date(Date.UTC(y, month, 0)).getUTCDate();
  const iso = (y: number, month: number, day: number) => `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (period.length === 4) return { start: iso(year, 1, 1), end: iso(year, 12, 31) };
  if (period[5] === 'Q') {
    const q = Number(period.slice(6));
    return { start: iso(year, q * 3 - 2, 1), end: iso(year, q * 3, lastDay(year, q * 3)) };
  }
  const month = Number(period.slice(5, 7));
  return { start: iso(year, month, 1), end: iso(year, month, lastDay(year, month)) };
}

/**
 * A number as written in Indonesian or English spreadsheets: `423847`, `423.847` and
 * `423,847` (thousands), `72,5` and `72.5` (decimals), `1.234.567,8`. A dot or comma followed
 * by exactly three digits groups thousands. Null when it is not a number.
 */
export function parseNumber(raw: string): number | null {
  const text = raw.trim().replace(/\s/g, '');
  if (text === '') return null;
  let normal: string | null = null;
  if (/^-?\d+$/.test(text)) normal = text;
  else if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(text)) normal = text.replaceAll('.', '').replace(',', '.');
  else if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) normal = text.replaceAll(',', '');
  else if (/^-?\d+,\d+$/.test(text)) normal = text.replace(',', '.');
  else if (/^-?\d+\.\d+$/.test(text)) normal = text;
  else if (/^-?\d(\.\d+)?E[+-]?\d+$/i.test(text)) normal = text;
  if (normal === null) return null;
  const value = Number(normal);
  return Number.isFinite(value) ? value : null;
}

/** `YYYY-MM-DD` or `DD/MM/YYYY` (`DD-MM-YYYY`) as an ISO date; null when not a real date. */
export function parseDate(raw: string): string | null {
  const text = raw.trim();
  let y: number;
  let m: number;
  let d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(text))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

export type ContextPlace = { regionCode: string; siteId: string | null };
export type ContextSeriesRef = { id: string; unit: string };

export type ContextRow = { seriesId: string; place: ContextPlace; period: string; value: number; source: string | null; sourceDate: string | null };
export type ContextRowResult = { ok: true; row: ContextRow } | { ok: false; reason: ContextRejection };

/** Validates one row; the first problem found is the reason (checked in the order of the columns). */
export function validateContextRow(
  cells: Partial<Record<ContextField, string>>,
  resolve: { series: (raw: string) => ContextSeriesRef | null; place: (raw: string) => ContextPlace | null },
): ContextRowResult {
  const text = (field: ContextField) => (cells[field] ?? '').trim();
  if (REQUIRED_CONTEXT_FIELDS.some((f) => text(f) === '')) return { ok: false, reason: 'missing_value' };
  const series = resolve.series(text('series'));
  if (!series) return { ok: false, reason: 'series_unknown' };
  const place = resolve.place(text('place'));
  if (!place) return { ok: false, reason: 'place_unknown' };
  const period = parsePeriod(text('period'));
  if (!period) return { ok: false, reason: 'period_invalid' };
  const value = parseNumber(text('value'));
  if (value === null) return { ok: false, reason: 'value_not_numeric' };
  if (value < 0) return { ok: false, reason: 'value_negative' };
  if (series.unit === 'percent' && value > 100) return { ok: false, reason: 'value_out_of_range' };
  let sourceDate: string | null = null;
  if (text('sourceDate') !== '') {
    sourceDate = parseDate(text('sourceDate'));
    if (!sourceDate) return { ok: false, reason: 'source_date_invalid' };
  }
  return { ok: true, row: { seriesId: series.id, place, period, value, source: text('source') || null, sourceDate } };
}
