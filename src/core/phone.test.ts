import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalisePhone } from './phone.ts';

/** The digits after `+628`: 8 to 11 of them. */
const subscriber = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 8, maxLength: 11 });

const decorated = (s: string) =>
  fc
    .tuple(
      fc.array(fc.constantFrom('', '', '', ' ', '-', '.', '  '), { minLength: s.length, maxLength: s.length }),
      fc.boolean(),
    )
    .map(([gaps, apostrophe]) => `${apostrophe ? "'" : ''}${[...s].map((c, i) => c + gaps[i]).join('')}`);

describe('normalisePhone', () => {
  it.each([
    ['081234567890', '+6281234567890'],
    ['0812-3456-7890', '+6281234567890'],
    ['0812 3456 7890', '+6281234567890'],
    ['0812.3456.7890', '+6281234567890'],
    ["'081234567890", '+6281234567890'],
    ['(0812) 3456-7890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ["'6281234567890", '+6281234567890'],
    ['62 812 3456 7890', '+6281234567890'],
    ['+6281234567890', '+6281234567890'],
    ['+62 812-3456-7890', '+6281234567890'],
    ['  +62 812 3456 7890  ', '+6281234567890'],
    ['0812345678', '+62812345678'],
    ['0812345678901', '+62812345678901'],
  ])('accepts %j as %s', (raw, expected) => {
    expect(normalisePhone(raw)).toEqual({ kind: 'valid', value: expected });
  });

  it.each([[''], ['  '], ["'"], ['-'], [' - '], [null], [undefined]])('treats %j as empty', (raw) => {
    expect(normalisePhone(raw)).toEqual({ kind: 'empty' });
  });

  it.each([
    ['81234567890', 'no 0 or 62 prefix'],
    ['021-5551234', 'Jakarta landline'],
    ['0215551234', 'landline without separators'],
    ['+622155512345', 'landline in E.164'],
    ['6.28123E+12', 'scientific notation'],
    ['6.2812345679E+12', 'scientific notation with more digits'],
    ['0812345', '0812345: too short'],
    ['081234567', '+6281234567: 7 digits after +628'],
    ['081234567890123', '12 digits after +628'],
    ['+62 (0) 812 3456 7890', 'the (0) trunk prefix after +62'],
    ['0062812345678', 'international 00 prefix'],
    ['+6581234567', 'Singapore number'],
    ['0812abc4567', 'letters'],
    ['0812/3456/7890', 'slashes'],
    ['0812345678 / 0813456789', 'two numbers in one cell'],
    ['tidak ada', 'text'],
  ])('rejects %j (%s)', (raw) => {
    expect(normalisePhone(raw)).toEqual({ kind: 'invalid' });
  });

  it('maps 08…, 628… and +628… to the same E.164 number however they are separated', () => {
    fc.assert(
      fc.property(
        subscriber.chain((rest) =>
          fc.tuple(
            fc.constant(rest),
            fc.constantFrom(`08${rest}`, `628${rest}`, `+628${rest}`).chain((s) => decorated(s)),
          ),
        ),
        ([rest, raw]) => {
          expect(normalisePhone(raw)).toEqual({ kind: 'valid', value: `+628${rest}` });
        },
      ),
    );
  });

  it('is idempotent on its own output', () => {
    fc.assert(
      fc.property(subscriber, (rest) => {
        const first = normalisePhone(`08${rest}`);
        expect(first.kind).toBe('valid');
        if (first.kind === 'valid') expect(normalisePhone(first.value)).toEqual(first);
      }),
    );
  });

  it('rejects mobile numbers that lost their 0 or 62 prefix', () => {
    fc.assert(
      fc.property(subscriber, (rest) => {
        expect(normalisePhone(`8${rest}`)).toEqual({ kind: 'invalid' });
      }),
    );
  });

  it('never throws and only ever returns +628 followed by 8 to 11 digits', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.string({ unit: fc.constantFrom(...'0123456789+-. ()\''), maxLength: 20 }),
        ),
        (raw) => {
          const result = normalisePhone(raw);
          if (result.kind === 'valid') expect(result.value).toMatch(/^\+628[0-9]{8,11}$/u);
          if (result.kind === 'empty') expect(raw.replace(/[\s.\-()']/gu, '')).toBe('');
        },
      ),
    );
  });
});
