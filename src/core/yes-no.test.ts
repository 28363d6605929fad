import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseYesNo } from './yes-no.ts';

const YES = ['Ya', 'Y', 'Yes', 'Aktif', 'Active', 'Bersedia', '1', 'TRUE', 'Benar', 'Iya'];
const NO = [
  'Tidak',
  'T',
  'No',
  'N',
  'Tidak Aktif',
  'Nonaktif',
  'Non Aktif',
  'Non-Aktif',
  'Inactive',
  'Tidak Bersedia',
  '0',
  'FALSE',
  'Salah',
  'Tdk',
];

const messy = (label: string) =>
  fc
    .tuple(
      fc.array(fc.boolean(), { minLength: label.length, maxLength: label.length }),
      fc.constantFrom(' ', '  ', '-', '\t', '\u00a0'),
      fc.constantFrom('', ' ', '  '),
    )
    .map(([upper, gap, pad]) => {
      const cased = [...label].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join('');
      return `${pad}${cased.replace(/[ -]/gu, gap)}${pad}`;
    });

describe('normaliseYesNo', () => {
  it.each([
    ...YES.map((raw): [string, boolean] => [raw, true]),
    ...NO.map((raw): [string, boolean] => [raw, false]),
    ['ya', true],
    ['YA', true],
    [' true ', true],
    ['True', true],
    ['tidak aktif', false],
    ['TIDAK  AKTIF', false],
    ['non - aktif', false],
    ['false', false],
  ])('%j → %s', (raw, expected) => {
    expect(normaliseYesNo(raw)).toEqual({ kind: 'valid', value: expected });
  });

  it.each([[''], ['  '], [null], [undefined]])('treats %j as empty', (raw) => {
    expect(normaliseYesNo(raw)).toEqual({ kind: 'empty' });
  });

  it.each([['Mungkin'], ['?'], ['-'], ['2'], ['Ya/Tidak'], ['Aktif sekali'], ['Belum']])(
    'treats %j as unrecognised',
    (raw) => {
      expect(normaliseYesNo(raw)).toEqual({ kind: 'invalid' });
    },
  );

  it('recognises every label in any case and spacing', () => {
    const labelled = fc.oneof(
      fc.constantFrom(...YES).map((label): [string, boolean] => [label, true]),
      fc.constantFrom(...NO).map((label): [string, boolean] => [label, false]),
    );
    fc.assert(
      fc.property(
        labelled.chain(([label, value]) => fc.tuple(messy(label), fc.constant(value))),
        ([raw, value]) => {
          expect(normaliseYesNo(raw)).toEqual({ kind: 'valid', value });
        },
      ),
    );
  });

  it('reads back its own output written as true/false', () => {
    fc.assert(
      fc.property(fc.boolean(), (value) => {
        expect(normaliseYesNo(String(value))).toEqual({ kind: 'valid', value });
      }),
    );
  });
});
