/**
 * Indonesia's three time zones and which provinces keep which. Sessions are stored in UTC and
 * entered and shown in the site's local time. The zones have fixed offsets (no daylight saving
 * since 1988), so conversions are exact arithmetic.
 */
export const TIME_ZONES = {
  'Asia/Jakarta': { label: 'WIB', offsetMinutes: 7 * 60 },
  'Asia/Makassar': { label: 'WITA', offsetMinutes: 8 * 60 },
  'Asia/Jayapura': { label: 'WIT', offsetMinutes: 9 * 60 },
} as const;

export type IndonesianTimeZone = keyof typeof TIME_ZONES;
export const TIME_ZONE_NAMES = Object.keys(TIME_ZONES) as IndonesianTimeZone[];

/** Kemendagri province code ranges (inclusive) and their zone. */
const PROVINCE_RANGES: readonly (readonly [number, number, IndonesianTimeZone])[] = [
  // Sumatra, Java and Banten
  [11, 36, 'Asia/Jakarta'],
  // Kalimantan Barat, Kalimantan Tengah
  [61, 62, 'Asia/Jakarta'],
  // Bali, Nusa Tenggara Barat, Nusa Tenggara Timur
  [51, 53, 'Asia/Makassar'],
  // Kalimantan Selatan, Timur, Utara
  [63, 65, 'Asia/Makassar'],
  // Sulawesi
  [71, 76, 'Asia/Makassar'],
  // Maluku, Maluku Utara
  [81, 82, 'Asia/Jayapura'],
  // Papua and the provinces split from it
  [91, 96, 'Asia/Jayapura'],
];

/** The zone of a region from its code (`53`, `53.15`, `53.15.01.2001`): decided by the province, the first two digits. */
export function timeZoneOfRegion(regionCode: string): IndonesianTimeZone | null {
  const match = /^(\d{2})(?:\.|$)/.exec(regionCode.trim());
  if (!match) return null;
  const province = Number(match[1]);
  for (const [from, to, zone] of PROVINCE_RANGES) if (province >= from && province <= to) return zone;
  return null;
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Wall-clock time without an offset, as typed into a form: `2024-01-23T09:00` (seconds optional). */
export function isLocalDateTime(value: string): boolean {
  return LOCAL_PATTERN.test(value);
}

/** A local wall-clock time in the zone as an instant; null when it is not a real date and time. */
export function localToUtc(local: string, zone: IndonesianTimeZone): Date | null {
  const m = LOCAL_PATTERN.exec(local);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(asUtc);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
  return new Date(asUtc - TIME_ZONES[zone].offsetMinutes * 60_000);
}

/** An instant as local wall-clock time in the zone: `2024-01-23T09:00`. */
export function utcToLocal(instant: Date, zone: IndonesianTimeZone): string {
  return new Date(instant.getTime() + TIME_ZONES[zone].offsetMinutes * 60_000).toISOString().slice(0, 16);
}

/** An instant in ISO 8601 with the zone's offset: `2024-01-23T09:00:00+08:00`. */
export function toZonedIso(instant: Date, zone: IndonesianTimeZone): string {
  const offset = TIME_ZONES[zone].offsetMinutes;
  const local = new Date(instant.getTime() + offset * 60_000).toISOString().slice(0, 19);
  return `${local}+${String(Math.floor(offset / 60)).padStart(2, '0')}:${String(offset % 60).padStart(2, '0')}`;
}

/** Start of a calendar day (`2024-01-23`) in the zone, as an instant. */
export function startOfLocalDay(date: string, zone: IndonesianTimeZone): Date | null {
  return localToUtc(`${date}T00:00`, zone);
}

const DATE_FORMATS = {
  id: { locale: 'id-ID', at: 'pukul' },
  en: { locale: 'en-GB', at: 'at' },
} as const;

/** `Selasa, 23 Januari 2024` (or English) for the instant's local date in the zone. */
export function formatLocalDate(instant: Date, zone: IndonesianTimeZone, language: 'id' | 'en' = 'id'): string {
  return new Intl.DateTimeFormat(DATE_FORMATS[language].locale, { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(instant);
}

/** `09.00` (Indonesian) or `09:00` (English), local time in the zone. */
export function formatLocalTime(instant: Date, zone: IndonesianTimeZone, language: 'id' | 'en' = 'id'): string {
  const [, time] = utcToLocal(instant, zone).split('T');
  return language === 'id' ? (time ?? '').replace(':', '.') : (time ?? '');
}

/** `Selasa, 23 Januari 2024, 09.00–12.00 WITA`: a session's date and times as people read them. */
export function formatLocalRange(start: Date, end: Date, zone: IndonesianTimeZone, language: 'id' | 'en' = 'id'): string {
  const label = TIME_ZONES[zone].label;
  const sameDay = utcToLocal(start, zone).slice(0, 10) === utcToLocal(end, zone).slice(0, 10);
  const from = `${formatLocalDate(start, zone, language)}, ${formatLocalTime(start, zone, language)}`;
  const to = sameDay ? formatLocalTime(end, zone, language) : `${formatLocalDate(end, zone, language)}, ${formatLocalTime(end, zone, language)}`;
  return `${from}–${to} ${label}`;
}

/** `Selasa, 23 Januari 2024, 09.00 WITA`: one instant as people read it. */
export function formatLocalInstant(instant: Date, zone: IndonesianTimeZone, language: 'id' | 'en' = 'id'): string {
  return `${formatLocalDate(instant, zone, language)}, ${formatLocalTime(instant, zone, language)} ${TIME_ZONES[zone].label}`;
}
