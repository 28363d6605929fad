import { describe, expect, it } from 'vitest';
import { completionOf } from './completion.ts';

describe('completion rule', () => {
  it.each([
    // attended, path, min %, percent, completed
    [0, 540, 80, 0, false],
    [360, 540, 80, 66.7, false],
    [432, 540, 80, 80, true],
    [431, 540, 80, 79.8, false],
    [540, 540, 80, 100, true],
    [600, 540, 80, 100, true],
    [90, 90, 100, 100, true],
    [89, 90, 100, 98.9, false],
    [1, 100, 1, 1, true],
    [100, 0, 80, 0, false],
  ])('%i of %i minutes at %i %% → %d %%, completed %s', (attendedMinutes, pathMinutes, minPercent, percent, completed) => {
    expect(completionOf({ attendedMinutes, pathMinutes, minPercent })).toMatchObject({ percent, completed });
  });
});
