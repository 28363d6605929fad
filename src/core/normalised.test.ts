import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapseSpaces, compactKey, stripCell, words } from './normalised.ts';

describe('collapseSpaces', () => {
  it.each([
    ['', ''],
    ['   ', ''],
    ['  Toko  Maju ', 'Toko Maju'],
    ['Toko\tMaju', 'Toko Maju'],
    ['Toko\r\n\nMaju', 'Toko Maju'],
    ['Toko\u00a0\u00a0Maju', 'Toko Maju'],
    ['\u200bToko \u200b Maju', 'Toko Maju'],
    ['Bu Sri', 'Bu Sri'],
  ])('%j → %j', (raw, expected) => {
    expect(collapseSpaces(raw)).toBe(expected);
  });

  it('leaves no leading, trailing or repeated whitespace and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'B', ' ', '\t', '\n', '\u00a0', '.', '-') }), (s) => {
        const once = collapseSpaces(s);
        expect(once).not.toMatch(/^\s|\s$|\s\s|[\t\n\u00a0]/u);
        expect(collapseSpaces(once)).toBe(once);
        expect(once.replace(/ /gu, '')).toBe(s.replace(/\s/gu, ''));
      }),
    );
  });
});

describe('compactKey and words', () => {
  it.each([
    ['Laki-laki', 'lakilaki', ['laki', 'laki']],
    ['  KAB.  Bandung ', 'kabbandung', ['kab', 'bandung']],
    ['Makanan & Minuman', 'makananminuman', ['makanan', 'minuman']],
    ['Café Kopi', 'cafekopi', ['cafe', 'kopi']],
    ['No. HP', 'nohp', ['no', 'hp']],
    ['--', '', []],
  ])('%j → %j / %j', (raw, key, ws) => {
    expect(compactKey(raw)).toBe(key);
    expect(words(raw)).toEqual(ws);
  });
});

describe('stripCell', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    ["'3174", '3174'],
    ["  '31 74 ", '3174'],
    ["''3174", "'3174"],
    ['31.74', '3174'],
  ])('%j → %j', (raw, expected) => {
    expect(stripCell(raw, /[\s.]+/gu)).toBe(expected);
  });
});
