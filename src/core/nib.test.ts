import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseNib } from './nib.ts';

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });

describe('normaliseNib', () => {
  it.each([
    ['9120001234567', '9120001234567'],
    ["'9120001234567", '9120001234567'],
    ['9120 0012 34567', '9120001234567'],
    ['912-000-123-4567', '9120001234567'],
    ['912.000.123.4567', '9120001234567'],
    ['  0220001234567 ', '0220001234567'],
  ])('accepts %j as %s', (raw, expected) => {
    expect(normaliseNib(raw)).toEqual({ kind: 'valid', value: expected });
  });

  it.each([[''], [' '], ["'"], ['-'], [null], [undefined]])('treats %j as empty', (raw) => {
    expect(normaliseNib(raw)).toEqual({ kind: 'empty' });
  });

  it.each([
    ['912000123456', '12 digits'],
    ['91200012345678', '14 digits'],
    ['9.12000E+12', 'scientific notation'],
    ['NIB9120001234', 'letters'],
    ['9120001234567/2023', 'extra text'],
  ])('rejects %j (%s)', (raw) => {
    expect(normaliseNib(raw)).toEqual({ kind: 'invalid' });
  });

  it('accepts exactly the 13-digit strings, however separated', () => {
    fc.assert(
      fc.property(digits(13), fc.constantFrom('', ' ', '-', '.'), (nib, separator) => {
        const raw = `${nib.slice(0, 4)}${separator}${nib.slice(4, 8)}${separator}${nib.slice(8)}`;
        expect(normaliseNib(raw)).toEqual({ kind: 'valid', value: nib });
        expect(normaliseNib(nib)).toEqual({ kind: 'valid', value: nib });
      }),
    );
  });

  it('rejects digit strings of any other length', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }).filter((n) => n !== 13).chain(digits),
        (raw) => {
          expect(normaliseNib(raw)).toEqual({ kind: 'invalid' });
        },
      ),
    );
  });
});
