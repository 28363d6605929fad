import type { TimeZoneName } from '../api/types.ts';

/**
 * Indonesia's three zones by province, mirroring src/core/time-zone.ts: a session's times are
 * typed and shown in the local time of its site.
 */
export const TIME_ZONE_LABELS: Record<TimeZoneName, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

const PROVINCE_RANGES: readonly (readonly [number, number, TimeZoneName])[] = [
  [11, 36, 'Asia/Jakarta'],
  [61, 62, 'Asia/Jakarta'],
  [51, 53, 'Asia/Makassar'],
  [63, 65, 'Asia/Makassar'],
  [71, 76, 'Asia/Makassar'],
  [81, 82, 'Asia/Jayapura'],
  [91, 96, 'Asia/Jayapura'],
];

/** The zone of a region code (`53.15`); WIB when the province is unknown, as the server decides. */
export function zoneOfRegion(regionCode: string): TimeZoneName {
  const match = /^(\d{2})(?:\.|$)/.exec(regionCode.trim());
  const province = match ? Number(match[1]) : NaN;
  for (const [from, to, zone] of PROVINCE_RANGES) if (province >= from && province <= to) return zone;
  return 'Asia/Jakarta';
}

/** `2024-01-23` → a Date at UTC midnight, for calendar arithmetic without time-zone surprises. */
export const dayOf = (isoDate: string): Date => new Date(`${isoDate}T00:00:00Z`);
export const isoDay = (date: Date): string => date.toISOString().slice(0, 10);
export const addDays = (isoDate: string, days: number): string => isoDay(new Date(dayOf(isoDate).getTime() + days * 86_400_000));

/** Today's date in WIB (the national default), `2024-01-23`. */
export function todayInJakarta(now = new Date()): string {
  return isoDay(new Date(now.getTime() + 7 * 3_600_000));
}

/** The Monday of the week holding a date (weeks start on Monday in Indonesia). */
export function startOfWeek(isoDate: string): string {
  const weekday = (dayOf(isoDate).getUTCDay() + 6) % 7;
  return addDays(isoDate, -weekday);
}

/** The 6 × 7 (or fewer) days shown for a month: from the Monday on or before the 1st to the Sunday on or after the last day. */
export function monthGrid(isoMonth: string): string[] {
  const first = `${isoMonth.slice(0, 7)}-01`;
  const next = dayOf(first);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const last = addDays(isoDay(next), -1);
  const days: string[] = [];
  for (let day = startOfWeek(first); day <= last || days.length % 7 !== 0; day = addDays(day, 1)) days.push(day);
  return days;
}

/** Shifts a month (`2024-01-15`, +1 → `2024-02-01`). */
export function addMonths(isoDate: string, months: number): string {
  const date = dayOf(`${isoDate.slice(0, 7)}-01`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return isoDay(date);
}
