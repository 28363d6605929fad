import { describe, expect, it } from 'vitest';
import { maskNik, participantPath } from './display.ts';

describe('maskNik', () => {
  it.each([
    ['3174015203920001', '3174********0001'],
    ['3174********0001', '3174********0001'],
    [null, null],
    ['', ''],
    ['1234567', '1234567'],
  ])('%s → %s', (nik, masked) => {
    expect(maskNik(nik)).toBe(masked);
  });
});

describe('participantPath', () => {
  it('keeps the programme the participant was opened from', () => {
    expect(participantPath('p1', 'g1')).toBe('/participants/p1?program=g1');
    expect(participantPath('p1')).toBe('/participants/p1');
  });
});
