import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/**
 * The statistics behind impact estimates: 95 % confidence intervals from Student's t
 * distribution (quantiles from @stdlib), for a mean of paired differences and for a
 * difference between two independent means (Welch). Pure functions, no I/O.
 */

/** Two-sided 95 %: the interval uses the 97.5 % quantile of t. */
export const CONFIDENCE = 0.95;

export type Interval = { low: number; high: number };

/** A mean of paired differences (after − before) with its 95 % interval; `interval` is null below 2 pairs. */
export type PairedChange = { n: number; meanBefore: number | null; meanAfter: number | null; meanChange: number | null; sd: number | null; se: number | null; df: number | null; interval: Interval | null };

/** A difference of two independent means (treated − comparison) with its 95 % Welch interval. */
export type MeanDifference = { estimate: number | null; se: number | null; df: number | null; interval: Interval | null };

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/** Sample variance (divisor n − 1); null below 2 values. */
export function sampleVariance(values: readonly number[]): number | null {
  const m = mean(values);
  if (m === null || values.length < 2) return null;
  return values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1);
}

/** The t quantile for a two-sided interval at CONFIDENCE with `df` degrees of freedom (df may be fractional). */
export function tCritical(df: number): number {
  return tQuantile(1 - (1 - CONFIDENCE) / 2, df);
}

const around = (centre: number, halfWidth: number): Interval => ({ low: centre - halfWidth, high: centre + halfWidth });

/** Mean change over pairs (before, after) with a paired-t 95 % interval (df = n − 1). */
export function pairedChange(pairs: readonly (readonly [number, number])[]): PairedChange {
  const diffs = pairs.map(([before, after]) => after - before);
  const n = diffs.length;
  const meanChange = mean(diffs);
  const variance = sampleVariance(diffs);
  const base = { n, meanBefore: mean(pairs.map((p) => p[0])), meanAfter: mean(pairs.map((p) => p[1])), meanChange };
  if (meanChange === null || variance === null) return { ...base, sd: null, se: null, df: null, interval: null };
  const sd = Math.sqrt(variance);
  const se = sd / Math.sqrt(n);
  const df = n - 1;
  return { ...base, sd, se, df, interval: around(meanChange, tCritical(df) * se) };
}

/**
 * mean(a) − mean(b) with Welch's interval: se = √(va/na + vb/nb), degrees of freedom by
 * Welch–Satterthwaite. When both groups have no spread at all the interval is the point
 * itself (df = na + nb − 2). Null interval when either group has fewer than 2 values.
 */
export function welchDifference(a: readonly number[], b: readonly number[]): MeanDifference {
  const ma = mean(a);
  const mb = mean(b);
  const estimate = ma !== null && mb !== null ? ma - mb : null;
  const va = sampleVariance(a);
  const vb = sampleVariance(b);
  if (estimate === null || va === null || vb === null) return { estimate, se: null, df: null, interval: null };
  const qa = va / a.length;
  const qb = vb / b.length;
  const se = Math.sqrt(qa + qb);
  if (se === 0) return { estimate, se: 0, df: a.length + b.length - 2, interval: { low: estimate, high: estimate } };
  const df = (qa + qb) ** 2 / (qa ** 2 / (a.length - 1) + qb ** 2 / (b.length - 1));
  return { estimate, se, df, interval: around(estimate, tCritical(df) * se) };
}

/** A unit's outcome at the two times of a difference-in-differences panel. */
export type PanelUnit = { treated: boolean; before: number; after: number };

export type DiffInDiff = {
  treated: { n: number; meanBefore: number | null; meanAfter: number | null; meanChange: number | null };
  comparison: { n: number; meanBefore: number | null; meanAfter: number | null; meanChange: number | null };
} & MeanDifference;

/**
 * Difference-in-differences on a balanced panel: (after − before) of the treated minus
 * (after − before) of the comparison group, i.e. Welch's difference of the two groups' mean
 * changes. Equivalent to the interaction coefficient of the two-period DiD regression with
 * unit-level changes, with a heteroscedasticity-robust (unequal variances) standard error.
 */
export function diffInDiff(units: readonly PanelUnit[]): DiffInDiff {
  const side = (treated: boolean) => {
    const group = units.filter((u) => u.treated === treated);
    return { n: group.length, meanBefore: mean(group.map((u) => u.before)), meanAfter: mean(group.map((u) => u.after)), changes: group.map((u) => u.after - u.before) };
  };
  const t = side(true);
  const c = side(false);
  const summary = (s: ReturnType<typeof side>) => ({ n: s.n, meanBefore: s.meanBefore, meanAfter: s.meanAfter, meanChange: mean(s.changes) });
  return { treated: summary(t), comparison: summary(c), ...welchDifference(t.changes, c.changes) };
}
