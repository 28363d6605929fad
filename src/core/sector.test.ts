import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseSector, SECTOR_LABELS, SECTORS, type Sector } from './sector.ts';

const EXAMPLES: [string, Sector][] = [
  ['Makanan & Minuman', 'kuliner'],
  ['makanan dan minuman', 'kuliner'],
  ['MAKANAN/MINUMAN', 'kuliner'],
  ['Makanan', 'kuliner'],
  ['Minuman', 'kuliner'],
  ['Kuliner', 'kuliner'],
  ['Food', 'kuliner'],
  ['Beverage', 'kuliner'],
  ['F&B', 'kuliner'],
  ['F & B', 'kuliner'],
  ['Food and Beverage', 'kuliner'],
  ['Food & Beverages', 'kuliner'],
  ['Fashion', 'fesyen'],
  ['Fesyen', 'fesyen'],
  ['Pakaian', 'fesyen'],
  ['Pakaian Jadi', 'fesyen'],
  ['Busana', 'fesyen'],
  ['Garment', 'fesyen'],
  ['Garments', 'fesyen'],
  ['Kerajinan Tangan', 'kriya'],
  ['Kerajinan', 'kriya'],
  ['Kriya', 'kriya'],
  ['Handicraft', 'kriya'],
  ['Handicrafts', 'kriya'],
  ['Craft', 'kriya'],
  ['Kerajinan Kayu', 'kerajinan_kayu'],
  ['Wood Craft', 'kerajinan_kayu'],
  ['Ukiran', 'kerajinan_kayu'],
  ['Anyaman', 'anyaman'],
  ['Weaving', 'anyaman'],
  ['Kerajinan Kulit', 'kerajinan_kulit'],
  ['Leather', 'kerajinan_kulit'],
  ['Leather Craft', 'kerajinan_kulit'],
  ['Tekstil', 'tekstil'],
  ['Textile', 'tekstil'],
  ['Kain', 'tekstil'],
  ['Tenun', 'tekstil'],
  ['Batik', 'tekstil'],
  ['Mebel', 'furnitur'],
  ['Meubel', 'furnitur'],
  ['Furniture', 'furnitur'],
  ['Furnitur', 'furnitur'],
  ['Jasa', 'jasa'],
  ['Services', 'jasa'],
  ['Service', 'jasa'],
  ['Pariwisata', 'pariwisata'],
  ['Tourism', 'pariwisata'],
  ['Wisata', 'pariwisata'],
  ['Homestay', 'pariwisata'],
  ['Pertanian', 'pertanian'],
  ['Agriculture', 'pertanian'],
  ['Perikanan', 'pertanian'],
  ['Peternakan', 'pertanian'],
  ['Perkebunan', 'pertanian'],
  ['Perdagangan', 'perdagangan'],
  ['Trade', 'perdagangan'],
  ['Retail', 'perdagangan'],
  ['Toko', 'perdagangan'],
  ['Dagang', 'perdagangan'],
  ['Lainnya', 'lainnya'],
  ['Lain-lain', 'lainnya'],
  ['Other', 'lainnya'],
  ['Others', 'lainnya'],
];

const messy = (label: string) =>
  fc
    .tuple(
      fc.array(fc.boolean(), { minLength: label.length, maxLength: label.length }),
      fc.constantFrom(' ', '  ', '-', '/', ' / ', '_', '\t'),
      fc.constantFrom('', ' ', '  '),
    )
    .map(([upper, gap, pad]) => {
      const cased = [...label].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join('');
      return `${pad}${cased.replace(/[ -]/gu, gap)}${pad}`;
    });

describe('normaliseSector', () => {
  it.each(EXAMPLES)('%j → %s', (raw, expected) => {
    expect(normaliseSector(raw)).toBe(expected);
  });

  it.each([[''], ['   '], ['Teknologi Informasi'], ['Otomotif'], ['-'], [null], [undefined]])(
    'puts %j in lainnya',
    (raw) => {
      expect(normaliseSector(raw)).toBe('lainnya');
    },
  );

  it('maps every sector code to itself', () => {
    for (const sector of SECTORS) expect(normaliseSector(sector)).toBe(sector);
  });

  it('has an Indonesian and an English label for every sector', () => {
    expect(Object.keys(SECTOR_LABELS).sort()).toEqual([...SECTORS].sort());
    for (const sector of SECTORS) {
      expect(SECTOR_LABELS[sector].id).not.toBe('');
      expect(SECTOR_LABELS[sector].en).not.toBe('');
    }
    expect(SECTOR_LABELS.kuliner).toEqual({ id: 'Kuliner', en: 'Food & beverage' });
  });

  it('matches synonyms whatever their case, spacing and punctuation', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...EXAMPLES).chain(([label, sector]) => fc.tuple(messy(label), fc.constant(sector))),
        ([raw, sector]) => {
          expect(normaliseSector(raw)).toBe(sector);
        },
      ),
    );
  });

  it('always returns a known sector and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (raw) => {
        const sector = normaliseSector(raw);
        expect(SECTORS).toContain(sector);
        expect(normaliseSector(sector)).toBe(sector);
      }),
    );
  });
});
