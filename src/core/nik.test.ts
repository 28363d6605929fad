import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskNik, normaliseNik } from './nik.ts';

const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '16', '17', '18', '19', '21', '31', '32', '33', '34', '35', '36', '51', '52', '53',
  '61', '62', '63', '64', '65', '71', '72', '73', '74', '75', '76', '81', '82', '91', '92', '93', '94', '95', '96',
]);

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const pad2 = (n: number) => String(n).padStart(2, '0');

/** A NIK whose province, birth day (men 01–31, women 41–71) and month are all plausible. */
const validNik = fc
  .tuple(
    fc.constantFrom(...PROVINCES),
    digits(4),
    fc.oneof(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 41, max: 71 })),
    fc.integer({ min: 1, max: 12 }),
    digits(2),
    digits(4),
  )
  .map(([province, place, day, month, year, serial]) => `${province}${place}${pad2(day)}${pad2(month)}${year}${serial}`);

/** `s` with spaces and dots sprinkled between characters and maybe a leading apostrophe. */
const decorated = (s: string) =>
  fc
    .tuple(
      fc.array(fc.constantFrom('', '', '', ' ', '.', '  ', '\u00a0'), { minLength: s.length, maxLength: s.length }),
      fc.boolean(),
      fc.constantFrom('', ' ', '\t'),
    )
    .map(([gaps, apostrophe, pad]) => `${pad}${apostrophe ? "'" : ''}${[...s].map((c, i) => c + gaps[i]).join('')}${pad}`);

describe('normaliseNik', () => {
  it.each([
    ['3174011203900001', '3174011203900001'],
    ['3174015203900001', '3174015203900001'],
    ['3174017112900001', '3174017112900001'],
    ["'3174011203900001", '3174011203900001'],
    ['3174 0112 0390 0001', '3174011203900001'],
    ['3174.0112.0390.0001', '3174011203900001'],
    ["  '3174 0112 0390 0001  ", '3174011203900001'],
    ['1101013101000001', '1101013101000001'],
    ['9601014112990001', '9601014112990001'],
  ])('accepts %j as %s', (raw, expected) => {
    expect(normaliseNik(raw, PROVINCES)).toEqual({ kind: 'valid', value: expected });
  });

  it.each([[''], ['   '], ["'"], [' . '], [null], [undefined]])('treats %j as empty', (raw) => {
    expect(normaliseNik(raw, PROVINCES)).toEqual({ kind: 'empty' });
  });

  it.each([
    ['3.17401E+15', 'scientific notation from a spreadsheet'],
    ['3.174011203900E+15', 'scientific notation with more digits'],
    ['3,17401E+15', 'scientific notation with a decimal comma'],
    ['317401120390000', '15 digits'],
    ['31740112039000011', '17 digits'],
    ['3174-0112-0390-0001', 'dashes are not stripped'],
    ['31740112039O0001', 'letter O instead of zero'],
    ['３１７４０１１２０３９０００１', 'full-width digits'],
    ['9974011203900001', 'unknown province 99'],
    ['0074011203900001', 'unknown province 00'],
    ['3174010003900001', 'birth day 00'],
    ['3174013203900001', 'birth day 32'],
    ['3174014003900001', 'birth day 40'],
    ['3174017203900001', 'birth day 72'],
    ['3174011200900001', 'birth month 00'],
    ['3174011213900001', 'birth month 13'],
    ['NIK 3174011203900001', 'text before the number'],
    ['-', 'a dash'],
  ])('rejects %j (%s)', (raw) => {
    expect(normaliseNik(raw, PROVINCES)).toEqual({ kind: 'invalid' });
  });

  it('uses the province codes it is given', () => {
    expect(normaliseNik('3174011203900001', new Set(['32']))).toEqual({ kind: 'invalid' });
    expect(normaliseNik('3274011203900001', new Set(['32']))).toEqual({ kind: 'valid', value: '3274011203900001' });
  });

  it('accepts every plausible NIK however it is spaced or dotted, and is idempotent', () => {
    fc.assert(
      fc.property(
        validNik.chain((nik) => fc.tuple(fc.constant(nik), decorated(nik))),
        ([nik, raw]) => {
          expect(normaliseNik(raw, PROVINCES)).toEqual({ kind: 'valid', value: nik });
          expect(normaliseNik(nik, PROVINCES)).toEqual({ kind: 'valid', value: nik });
        },
      ),
    );
  });

  it('never repairs a NIK that went through scientific notation', () => {
    fc.assert(
      fc.property(validNik, fc.integer({ min: 0, max: 15 }), (nik, fractionDigits) => {
        const scientific = Number(nik).toExponential(fractionDigits).toUpperCase();
        expect(normaliseNik(scientific, PROVINCES)).toEqual({ kind: 'invalid' });
        expect(normaliseNik(scientific.replace('.', ','), PROVINCES)).toEqual({ kind: 'invalid' });
      }),
    );
  });

  it('rejects a plausible NIK whose birth day or month is out of range', () => {
    const badDay = fc.oneof(fc.constant(0), fc.integer({ min: 32, max: 40 }), fc.integer({ min: 72, max: 99 }));
    const badMonth = fc.oneof(fc.constant(0), fc.integer({ min: 13, max: 99 }));
    fc.assert(
      fc.property(validNik, badDay, badMonth, (nik, day, month) => {
        expect(normaliseNik(`${nik.slice(0, 6)}${pad2(day)}${nik.slice(8)}`, PROVINCES).kind).toBe('invalid');
        expect(normaliseNik(`${nik.slice(0, 8)}${pad2(month)}${nik.slice(10)}`, PROVINCES).kind).toBe('invalid');
      }),
    );
  });

  it('only ever returns 16 ASCII digits starting with a known province, and never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), digits(16), validNik.map((n) => n.slice(0, 15))), (raw) => {
        const result = normaliseNik(raw, PROVINCES);
        if (result.kind === 'valid') {
          expect(result.value).toMatch(/^[0-9]{16}$/u);
          expect(PROVINCES.has(result.value.slice(0, 2))).toBe(true);
        }
      }),
    );
  });
});

describe('maskNik', () => {
  it('keeps the first and last four digits', () => {
    expect(maskNik('3174011203900001')).toBe('3174********0001');
  });

  it('never shows the birth date or more than 8 digits', () => {
    fc.assert(
      fc.property(validNik, (nik) => {
        const masked = maskNik(nik);
        expect(masked).toHaveLength(16);
        expect(masked.slice(4, 12)).toBe('********');
        expect(masked.slice(0, 4) + masked.slice(12)).toBe(nik.slice(0, 4) + nik.slice(12));
      }),
    );
  });
});
