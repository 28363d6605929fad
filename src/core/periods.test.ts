import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { periodKey, project } from './periods.ts';

describe('periodKey', () => {
  it.each([
    ['2024-01-31', 'month', '2024-01'],
    ['2024-03-31', 'quarter', '2024-Q1'],
    ['2024-04-01', 'quarter', '2024-Q2'],
    ['2024-12-31', 'quarter', '2024-Q4'],
    ['2024-07-15', 'year', '2024'],
  ] as const)('%s by %s is %s', (date, granularity, key) => {
    expect(periodKey(date, granularity)).toBe(key);
  });
});

describe('project', () => {
  it('projects at the current pace over inclusive days', () => {
    // 10 of 31 days of January gone, 50 done: 155 by the end.
    expect(project({ actual: 50, target: 200, start: '2024-01-01', end: '2024-01-31', asOf: '2024-01-10' })).toEqual({ progress: 25, projected: 155, elapsed: 32.3 });
  });

  it('keeps the value after the period and projects nothing before it', () => {
    expect(project({ actual: 80, target: 100, start: '2024-01-01', end: '2024-03-31', asOf: '2024-06-01' })).toEqual({ progress: 80, projected: 80, elapsed: 100 });
    expect(project({ actual: 0, target: 100, start: '2025-01-01', end: '2025-12-31', asOf: '2024-06-01' })).toEqual({ progress: 0, projected: null, elapsed: 0 });
    expect(project({ actual: 5, target: null, start: null, end: null, asOf: '2024-06-01' })).toEqual({ progress: null, projected: null, elapsed: null });
  });

  it('never projects less than what is already done', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.integer({ min: 0, max: 364 }), fc.integer({ min: 0, max: 364 }), (actual, a, b) => {
        const start = '2024-01-01';
        const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
        const [x, y] = a <= b ? [a, b] : [b, a];
        const p = project({ actual, target: 1000, start, end: day(y), asOf: day(x) });
        return p.projected === null || p.projected >= actual;
      }),
    );
  });
});
