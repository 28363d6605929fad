import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseGender, type Gender } from './gender.ts';

const FEMALE = ['P', 'Perempuan', 'F', 'Female', 'Wanita', 'W', 'Pr'];
const MALE = ['L', 'Laki-laki', 'Laki laki', 'Lakilaki', 'Laki', 'Lelaki', 'M', 'Male', 'Pria', 'Lk', 'Laki2'];

/** `label` in random per-letter case, its spaces and dashes widened or swapped, padded. */
const messy = (label: string) =>
  fc
    .tuple(
      fc.array(fc.boolean(), { minLength: label.length, maxLength: label.length }),
      fc.constantFrom(' ', '  ', '-', ' - ', '\t'),
      fc.constantFrom('', ' ', '  '),
    )
    .map(([upper, gap, pad]) => {
      const cased = [...label].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join('');
      return `${pad}${cased.replace(/[ -]/gu, gap)}${pad}`;
    });

describe('normaliseGender', () => {
  it.each([
    ...FEMALE.map((raw): [string, Gender] => [raw, 'female']),
    ...MALE.map((raw): [string, Gender] => [raw, 'male']),
    ['PEREMPUAN', 'female'],
    ['  perempuan ', 'female'],
    ['LAKI-LAKI', 'male'],
    ['laki - laki', 'male'],
    ['Laki-Laki', 'male'],
    ['l', 'male'],
    ['p', 'female'],
  ])('%j → %s', (raw, expected) => {
    expect(normaliseGender(raw)).toEqual({ kind: 'valid', value: expected });
  });

  it.each([[''], ['  '], [null], [undefined]])('treats %j as empty', (raw) => {
    expect(normaliseGender(raw)).toEqual({ kind: 'empty' });
  });

  it.each([['X'], ['Lainnya'], ['?'], ['-'], ['L/P'], ['Laki-laki/Perempuan'], ['1'], ['Bapak']])(
    'treats %j as unrecognised',
    (raw) => {
      expect(normaliseGender(raw)).toEqual({ kind: 'invalid' });
    },
  );

  it('recognises every label in any case and spacing', () => {
    const labelled = fc.oneof(
      fc.constantFrom(...FEMALE).map((label): [string, Gender] => [label, 'female']),
      fc.constantFrom(...MALE).map((label): [string, Gender] => [label, 'male']),
    );
    fc.assert(
      fc.property(
        labelled.chain(([label, gender]) => fc.tuple(messy(label), fc.constant(gender))),
        ([raw, gender]) => {
          expect(normaliseGender(raw)).toEqual({ kind: 'valid', value: gender });
        },
      ),
    );
  });

  it('is idempotent on its own output', () => {
    expect(normaliseGender('female')).toEqual({ kind: 'valid', value: 'female' });
    expect(normaliseGender('male')).toEqual({ kind: 'valid', value: 'male' });
  });
});
