import { describe, expect, it } from 'vitest';
import { retentionEnd } from './retention-end.ts';

describe('retentionEnd', () => {
  it.each([
    ['2024-12-31', 24, '2026-12-31'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-08-30', 6, '2025-02-28'],
    ['2024-03-15', 240, '2044-03-15'],
    ['2024-11-30', 3, '2025-02-28'],
  ])('%s plus %i months is %s, as PostgreSQL adds months', (end, months, expected) => {
    expect(retentionEnd(end, months)).toBe(expected);
  });
});
