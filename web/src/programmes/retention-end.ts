/**
 * The last day personal data of a programme is kept: its end date plus the retention months,
 * as PostgreSQL computes `end_date + make_interval(months => n)` (a day past the end of the target
 * month becomes its last day: 31 Jan + 1 month = 29 Feb in a leap year). Dates are `YYYY-MM-DD`.
 */
export function retentionEnd(endDate: string, months: number): string {
  const [year = 0, month = 1, day = 1] = endDate.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}
