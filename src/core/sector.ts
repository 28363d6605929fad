import { words } from './normalised.ts';

export const SECTORS = [
  'kuliner',
  'fesyen',
  'kriya',
  'kerajinan_kayu',
  'anyaman',
  'kerajinan_kulit',
  'tekstil',
  'furnitur',
  'jasa',
  'pariwisata',
  'pertanian',
  'perdagangan',
  'lainnya',
] as const;

export type Sector = (typeof SECTORS)[number];

export const SECTOR_LABELS: Record<Sector, { id: string; en: string }> = {
  kuliner: { id: 'Kuliner', en: 'Food & beverage' },
  fesyen: { id: 'Fesyen', en: 'Fashion' },
  kriya: { id: 'Kriya', en: 'Handicrafts' },
  kerajinan_kayu: { id: 'Kerajinan kayu', en: 'Wood craft' },
  anyaman: { id: 'Anyaman', en: 'Weaving' },
  kerajinan_kulit: { id: 'Kerajinan kulit', en: 'Leather craft' },
  tekstil: { id: 'Tekstil', en: 'Textiles' },
  furnitur: { id: 'Furnitur', en: 'Furniture' },
  jasa: { id: 'Jasa', en: 'Services' },
  pariwisata: { id: 'Pariwisata', en: 'Tourism' },
  pertanian: { id: 'Pertanian', en: 'Agriculture' },
  perdagangan: { id: 'Perdagangan', en: 'Trade' },
  lainnya: { id: 'Lainnya', en: 'Other' },
};

const SYNONYMS: Record<Sector, string[]> = {
  kuliner: [
    'Makanan & Minuman',
    'Makanan',
    'Minuman',
    'Mamin',
    'Kuliner',
    'Food',
    'Beverage',
    'Beverages',
    'F&B',
    'Food & Beverage',
    'Food & Beverages',
  ],
  fesyen: ['Fashion', 'Fesyen', 'Pakaian', 'Pakaian Jadi', 'Busana', 'Garment', 'Garments', 'Konveksi'],
  kriya: ['Kerajinan Tangan', 'Kerajinan', 'Kriya', 'Handicraft', 'Handicrafts', 'Craft', 'Crafts'],
  kerajinan_kayu: ['Kerajinan Kayu', 'Wood Craft', 'Woodcraft', 'Ukiran', 'Ukiran Kayu'],
  anyaman: ['Anyaman', 'Weaving', 'Kerajinan Anyaman'],
  kerajinan_kulit: ['Kerajinan Kulit', 'Leather', 'Leather Craft', 'Kulit'],
  tekstil: ['Tekstil', 'Textile', 'Textiles', 'Kain', 'Tenun', 'Batik'],
  furnitur: ['Mebel', 'Meubel', 'Furniture', 'Furnitur'],
  jasa: ['Jasa', 'Services', 'Service'],
  pariwisata: ['Pariwisata', 'Tourism', 'Wisata', 'Homestay'],
  pertanian: ['Pertanian', 'Agriculture', 'Perikanan', 'Peternakan', 'Perkebunan'],
  perdagangan: ['Perdagangan', 'Trade', 'Retail', 'Toko', 'Dagang'],
  lainnya: ['Lainnya', 'Lain-lain', 'Lain Lain', 'Other', 'Others'],
};

/** "dan"/"and" are dropped so that "Makanan & Minuman" and "makanan dan minuman" meet. */
const sectorKey = (s: string): string =>
  words(s)
    .filter((w) => w !== 'dan' && w !== 'and')
    .join('');

const SECTOR_BY_KEY: ReadonlyMap<string, Sector> = new Map(
  SECTORS.flatMap((sector) =>
    [sector, ...SYNONYMS[sector]].map((label): [string, Sector] => [sectorKey(label), sector]),
  ),
);

/** Unknown or blank sectors fall into `lainnya` rather than rejecting the row. */
export const normaliseSector = (raw: string | null | undefined): Sector =>
  SECTOR_BY_KEY.get(sectorKey(raw ?? '')) ?? 'lainnya';
