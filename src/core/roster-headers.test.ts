import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPECTED_HEADER_LABELS, hasNameColumn, matchRosterHeaders, ROSTER_FIELDS, type RosterField } from './roster-headers.ts';

const SYNONYMS: [string, RosterField][] = [
  ['Nama Usaha', 'businessName'],
  ['Business Name', 'businessName'],
  ['Nama UMKM', 'businessName'],
  ['Nama Toko', 'businessName'],
  ['Nama Pemilik', 'ownerName'],
  ['Owner Name', 'ownerName'],
  ['Nama', 'ownerName'],
  ['Name', 'ownerName'],
  ['Nama Lengkap', 'ownerName'],
  ['Pemilik', 'ownerName'],
  ['NIK', 'nik'],
  ['No KTP', 'nik'],
  ['No. KTP', 'nik'],
  ['Nomor Induk Kependudukan', 'nik'],
  ['NIB', 'nib'],
  ['Nomor Induk Berusaha', 'nib'],
  ['No. HP', 'phone'],
  ['No HP', 'phone'],
  ['Nomor HP', 'phone'],
  ['Telepon', 'phone'],
  ['Telp', 'phone'],
  ['Telp.', 'phone'],
  ['Phone', 'phone'],
  ['No WA', 'phone'],
  ['WhatsApp', 'phone'],
  ['Handphone', 'phone'],
  ['Email', 'email'],
  ['E-mail', 'email'],
  ['Surel', 'email'],
  ['Jenis Kelamin', 'gender'],
  ['Gender', 'gender'],
  ['JK', 'gender'],
  ['Sex', 'gender'],
  ['Sektor', 'sector'],
  ['Sector', 'sector'],
  ['Bidang Usaha', 'sector'],
  ['Jenis Usaha', 'sector'],
  ['Kategori', 'sector'],
  ['Alamat', 'address'],
  ['Address', 'address'],
  ['Alamat Usaha', 'address'],
  ['Kabupaten/Kota', 'regency'],
  ['Kab/Kota', 'regency'],
  ['Regency', 'regency'],
  ['City', 'regency'],
  ['Kota', 'regency'],
  ['Kabupaten', 'regency'],
  ['Provinsi', 'province'],
  ['Province', 'province'],
  ['Status Aktif', 'active'],
  ['Active', 'active'],
  ['Aktif', 'active'],
  ['Status', 'active'],
  ['Bersedia Ikut Pelatihan', 'willing'],
  ['Willing', 'willing'],
  ['Bersedia', 'willing'],
  ['Kesediaan', 'willing'],
];

const messy = (label: string) =>
  fc
    .tuple(
      fc.array(fc.boolean(), { minLength: label.length, maxLength: label.length }),
      fc.constantFrom(' ', '  ', '_', '-', '.', '\u00a0'),
      fc.constantFrom('', ' ', '\ufeff'),
    )
    .map(([upper, gap, lead]) => {
      const cased = [...label].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join('');
      return `${lead}${cased.replace(/ /gu, gap)} `;
    });

describe('matchRosterHeaders', () => {
  it.each(SYNONYMS)('%j → %s', (header, field) => {
    expect(matchRosterHeaders([header])).toEqual({ columns: { [field]: 0 }, unknown: [] });
  });

  it('matches every synonym in any case, spacing and punctuation, after a BOM', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SYNONYMS).chain(([label, field]) => fc.tuple(messy(label), fc.constant(field))),
        ([header, field]) => {
          expect(matchRosterHeaders(['', header]).columns).toEqual({ [field]: 1 });
        },
      ),
    );
  });

  it('maps a typical Jakpreneur export to its columns', () => {
    const headers = [
      '\ufeffNo',
      'Nama Usaha',
      'Nama Pemilik',
      'NIK',
      'No. HP',
      'E-mail',
      'Jenis Kelamin (L/P)',
      'Bidang Usaha',
      'Alamat Usaha',
      'Kab/Kota',
      'Provinsi',
      'Status Aktif',
      'Bersedia Ikut Pelatihan (Ya/Tidak)',
      'Tanggal Daftar',
    ];
    expect(matchRosterHeaders(headers)).toEqual({
      columns: {
        businessName: 1,
        ownerName: 2,
        nik: 3,
        phone: 4,
        email: 5,
        gender: 6,
        sector: 7,
        address: 8,
        regency: 9,
        province: 10,
        active: 11,
        willing: 12,
      },
      unknown: ['No', 'Tanggal Daftar'],
    });
  });

  it('keeps the first column for a field and reports later duplicates as unknown', () => {
    expect(matchRosterHeaders(['No HP', 'Nama', 'WhatsApp', 'Nama Lengkap', 'Telepon'])).toEqual({
      columns: { phone: 0, ownerName: 1 },
      unknown: ['WhatsApp', 'Nama Lengkap', 'Telepon'],
    });
  });

  it('ignores blank header cells entirely', () => {
    expect(matchRosterHeaders(['', 'NIK', '   ', '\ufeff', 'Foo'])).toEqual({ columns: { nik: 1 }, unknown: ['Foo'] });
  });

  it('reports unmatched headers without their BOM or extra spaces', () => {
    expect(matchRosterHeaders(['\ufeffKeterangan ', 'Nama  Ibu'])).toEqual({
      columns: {},
      unknown: ['Keterangan', 'Nama Ibu'],
    });
  });

  it('puts every non-blank header either in a distinct column or in unknown', () => {
    const header = fc.oneof(fc.constantFrom(...SYNONYMS.map(([h]) => h), '', ' ', '#'), fc.string({ maxLength: 12 }));
    const isBlank = (h: string) => !/[a-z0-9]/iu.test(h.normalize('NFKD'));
    fc.assert(
      fc.property(fc.array(header, { maxLength: 20 }), (headers) => {
        const { columns, unknown } = matchRosterHeaders(headers);
        const indexes = Object.values(columns);
        expect(new Set(indexes).size).toBe(indexes.length);
        for (const i of indexes) expect(isBlank(headers[i] ?? '')).toBe(false);
        expect(indexes.length + unknown.length).toBe(headers.filter((h) => !isBlank(h)).length);
      }),
    );
  });
});

describe('hasNameColumn', () => {
  it.each([
    [['Nama Usaha', 'NIK'], true],
    [['Nama', 'NIK'], true],
    [['Owner Name'], true],
    [['NIK', 'No HP', 'Kab/Kota'], false],
    [[], false],
  ])('%j → %s', (headers, expected) => {
    expect(hasNameColumn(matchRosterHeaders(headers).columns)).toBe(expected);
  });
});

describe('EXPECTED_HEADER_LABELS', () => {
  it('has a label for every field, each of which is itself recognised as that field', () => {
    expect(Object.keys(EXPECTED_HEADER_LABELS).sort()).toEqual([...ROSTER_FIELDS].sort());
    for (const field of ROSTER_FIELDS) {
      for (const label of EXPECTED_HEADER_LABELS[field].split(' / ')) {
        expect(matchRosterHeaders([label]).columns, label).toEqual({ [field]: 0 });
      }
    }
    expect(EXPECTED_HEADER_LABELS.businessName).toBe('Nama Usaha / Business Name');
  });
});
