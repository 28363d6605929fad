/** Periods for targets and trends, and the projection of a value at the current pace. */
export type Granularity = 'month' | 'quarter' | 'year';

/** The key of the period a `YYYY-MM-DD` date falls in: `2024-03`, `2024-Q1` or `2024`. */
export function periodKey(date: string, granularity: Granularity): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  if (granularity === 'year') return year;
  if (granularity === 'quarter') return `${year}-Q${Math.ceil(month / 3)}`;
  return `${year}-${String(month).padStart(2, '0')}`;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function days(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

export type Projection = {
  /** actual ÷ target, in percent (one decimal); null without a target. */
  progress: number | null;
  /** The value expected at the end of the period if the pace so far continues; null when the period has not started or has no dates. */
  projected: number | null;
  /** Share of the period elapsed on `asOf`, 0–100. */
  elapsed: number | null;
};

/**
 * Progress against a target and the end-of-period value at the current pace: the value so far
 * divided by the share of the period elapsed (inclusive days). After the period, the value is final.
 */
export function project(options: { actual: number | null; target: number | null; start: string | null; end: string | null; asOf: string }): Projection {
  const { actual, target, start, end, asOf } = options;
  const progress = actual !== null && target ? Math.round((actual / target) * 1000) / 10 : null;
  if (actual === null || !start || !end || asOf < start) return { progress, projected: null, elapsed: start && asOf < start ? 0 : null };
  if (asOf >= end) return { progress, projected: actual, elapsed: 100 };
  const total = days(start, end);
  const gone = days(start, asOf);
  return { progress, projected: Math.round((actual * total) / gone * 10) / 10, elapsed: Math.round((gone / total) * 1000) / 10 };
}
