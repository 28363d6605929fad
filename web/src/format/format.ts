import type { Language } from '../i18n/setup.ts';

const LOCALE: Record<Language, string> = { id: 'id-ID', en: 'en-GB' };

/** A date-only value (`2024-01-23`) as `23 Januari 2024` / `23 January 2024`, never shifted by time zones. */
export function formatDate(value: string | null | undefined, language: Language): string {
  if (!value) return '';
  const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(LOCALE[language], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A timestamp in Western Indonesia Time, e.g. `23 Nov 2026 20.10`. */
export function formatDateTime(value: string | null | undefined, language: Language): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(LOCALE[language], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Jakarta' }).format(date);
}

/** The time of day of a timestamp in a zone, e.g. `09.12` (the site's local time). */
export function formatTime(value: string | null | undefined, language: Language, timeZone = 'Asia/Jakarta'): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(LOCALE[language], { hour: '2-digit', minute: '2-digit', timeZone }).format(date);
}

/** `370.000` in Indonesian, `370,000` in English. */
export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(LOCALE[language], { maximumFractionDigits: 2 }).format(value);
}

/** File sizes for documents: `48 KB`, `1,2 MB`. */
export function formatBytes(bytes: number, language: Language): string {
  if (bytes < 1024) return `${formatNumber(bytes, language)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round(bytes / 1024), language)} KB`;
  return `${formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10, language)} MB`;
}

/** `1 Jan 2024 – 31 Des 2024`, one side only when the other is unknown. */
export function formatDateRange(start: string | null, end: string | null, language: Language): string {
  if (!start && !end) return '';
  return [formatDate(start, language), formatDate(end, language)].join(' – ').trim();
}
