import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffInDiff, pairedChange, sampleVariance, tCritical, welchDifference } from './impact-stats.ts';

/**
 * Expected values are worked by hand below, with t quantiles read from a printed table of
 * Student's t (two-sided 95 %): df 2 → 4.3027, df 3 → 3.1824, df 4 → 2.7764, df 30 → 2.0423.
 */
describe('t quantile', () => {
  it.each([
    [2, 4.3027],
    [3, 3.1824],
    [4, 2.7764],
    [30, 2.0423],
  ])('df %i → %f', (df, t) => {
    expect(tCritical(df)).toBeCloseTo(t, 3);
  });
});

describe('paired change', () => {
  it('matches a hand-worked paired t interval', () => {
    // Differences 1, 2, 3, 4, 5: mean 3, variance 10/4 = 2.5, se = √2.5 / √5 = 0.70711, df 4.
    // Half-width 2.7764 × 0.70711 = 1.96324 → [1.03676, 4.96324].
    const r = pairedChange([
      [0, 1],
      [1, 3],
      [0, 3],
      [2, 6],
      [1, 6],
    ]);
    expect(r).toMatchObject({ n: 5, meanBefore: 0.8, meanAfter: 3.8, meanChange: 3, df: 4 });
    expect(r.sd).toBeCloseTo(1.58114, 4);
    expect(r.se).toBeCloseTo(0.70711, 4);
    expect(r.interval?.low).toBeCloseTo(1.03676, 3);
    expect(r.interval?.high).toBeCloseTo(4.96324, 3);
  });

  it('gives a mean but no interval for one pair, and nothing for none', () => {
    expect(pairedChange([[40, 70]])).toMatchObject({ n: 1, meanChange: 30, interval: null });
    expect(pairedChange([])).toMatchObject({ n: 0, meanChange: null, interval: null });
  });

  it('contains its mean, and moves with a constant added to every after value', () => {
    const pair = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }));
    fc.assert(
      fc.property(fc.array(pair, { minLength: 2, maxLength: 30 }), fc.integer({ min: -20, max: 20 }), (pairs, shift) => {
        const r = pairedChange(pairs);
        const moved = pairedChange(pairs.map(([b, a]) => [b, a + shift] as [number, number]));
        expect(r.interval?.low).toBeLessThanOrEqual(r.meanChange as number);
        expect(r.interval?.high).toBeGreaterThanOrEqual(r.meanChange as number);
        expect(moved.interval?.low).toBeCloseTo((r.interval?.low as number) + shift, 6);
      }),
    );
  });
});

describe('Welch difference of means', () => {
  it('matches a hand-worked Welch interval with fractional-free Satterthwaite df', () => {
    // a = 1, 2, 3: mean 2, variance 1. b = 0, 0, 1, 1: mean 0.5, variance 1/3.
    // va/na = 1/3, vb/nb = 1/12; se = √(5/12) = 0.645497.
    // df = (5/12)² / ((1/3)²/2 + (1/12)²/3) = 0.173611 / 0.0578704 = 3.
    // Half-width 3.1824 × 0.645497 = 2.05423 → [−0.55423, 3.55423].
    const r = welchDifference([1, 2, 3], [0, 0, 1, 1]);
    expect(r.estimate).toBe(1.5);
    expect(r.se).toBeCloseTo(0.645497, 5);
    expect(r.df).toBeCloseTo(3, 6);
    expect(r.interval?.low).toBeCloseTo(-0.55423, 3);
    expect(r.interval?.high).toBeCloseTo(3.55423, 3);
  });

  it('reduces to the pooled df 2n − 2 for equal sizes and variances', () => {
    // a = 1, 3 and b = 0, 2: both variance 2; se = √(1 + 1) = 1.41421; df = 4 / 2 = 2.
    // Half-width 4.3027 × 1.41421 = 6.08494 → [−5.08494, 7.08494].
    const r = welchDifference([1, 3], [0, 2]);
    expect(r.df).toBeCloseTo(2, 6);
    expect(r.interval?.low).toBeCloseTo(-5.08494, 2);
    expect(r.interval?.high).toBeCloseTo(7.08494, 2);
  });

  it('has no interval when a group has fewer than 2 values, and a point when nothing varies', () => {
    expect(welchDifference([1], [0, 1])).toMatchObject({ estimate: 0.5, interval: null });
    expect(welchDifference([2, 2], [1, 1, 1])).toMatchObject({ estimate: 1, se: 0, interval: { low: 1, high: 1 } });
    expect(sampleVariance([5])).toBeNull();
  });
});

describe('difference in differences', () => {
  it('is the treated group’s mean change minus the comparison group’s, with the 2 × 2 table of means', () => {
    // Treated 0→1, 1→3, 1→4 (changes 1, 2, 3); comparison 2→2, 1→1, 0→1, 2→3 (changes 0, 0, 1, 1).
    const r = diffInDiff([
      { treated: true, before: 0, after: 1 },
      { treated: true, before: 1, after: 3 },
      { treated: true, before: 1, after: 4 },
      { treated: false, before: 2, after: 2 },
      { treated: false, before: 1, after: 1 },
      { treated: false, before: 0, after: 1 },
      { treated: false, before: 2, after: 3 },
    ]);
    expect(r.treated).toEqual({ n: 3, meanBefore: 2 / 3, meanAfter: 8 / 3, meanChange: 2 });
    expect(r.comparison).toEqual({ n: 4, meanBefore: 1.25, meanAfter: 1.75, meanChange: 0.5 });
    // (8/3 − 2/3) − (1.75 − 1.25) = 1.5, the same numbers as the Welch example above.
    expect(r.estimate).toBe(1.5);
    expect(r.interval?.low).toBeCloseTo(-0.55423, 3);
    expect(r.interval?.high).toBeCloseTo(3.55423, 3);
  });

  it('gives no estimate without a comparison group', () => {
    const r = diffInDiff([
      { treated: true, before: 0, after: 1 },
      { treated: true, before: 1, after: 2 },
    ]);
    expect(r).toMatchObject({ estimate: null, interval: null, comparison: { n: 0 } });
  });
});
