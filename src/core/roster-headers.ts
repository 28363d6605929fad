import { collapseSpaces, compactKey } from './normalised.ts';

export const ROSTER_FIELDS = [
  'businessName',
  'ownerName',
  'nik',
  'nib',
  'phone',
  'email',
  'gender',
  'sector',
  'address',
  'regency',
  'province',
  'active',
  'willing',
] as const;

export type RosterField = (typeof ROSTER_FIELDS)[number];

export type RosterColumns = Partial<Record<RosterField, number>>;

/** How each field's column may be titled, for "no recognisable header" messages. */
export const EXPECTED_HEADER_LABELS: Record<RosterField, string> = {
  businessName: 'Nama Usaha / Business Name',
  ownerName: 'Nama Pemilik / Owner Name',
  nik: 'NIK',
  nib: 'NIB',
  phone: 'No. HP / Phone',
  email: 'Email',
  gender: 'Jenis Kelamin / Gender',
  sector: 'Sektor / Sector',
  address: 'Alamat / Address',
  regency: 'Kabupaten/Kota / Regency',
  province: 'Provinsi / Province',
  active: 'Status Aktif / Active',
  willing: 'Bersedia Ikut Pelatihan / Willing',
};

/** Column titles recognised for each field (compared case-, space- and punctuation-insensitively). */
export const HEADER_SYNONYMS: Record<RosterField, string[]> = {
  businessName: ['Nama Usaha', 'Business Name', 'Nama UMKM', 'Nama Toko', 'Nama Bisnis', 'Nama Merek', 'Business'],
  ownerName: [
    'Nama Pemilik',
    'Owner Name',
    'Nama',
    'Name',
    'Nama Lengkap',
    'Pemilik',
    'Owner',
    'Full Name',
    'Nama Pemilik Usaha',
    'Nama Peserta',
  ],
  nik: ['NIK', 'No KTP', 'Nomor KTP', 'NIK KTP', 'Nomor Induk Kependudukan', 'KTP'],
  nib: ['NIB', 'Nomor Induk Berusaha', 'No NIB', 'Nomor NIB'],
  phone: [
    'No. HP',
    'Nomor HP',
    'HP',
    'Telepon',
    'No Telepon',
    'Nomor Telepon',
    'Telp',
    'No Telp',
    'Phone',
    'Phone Number',
    'Mobile',
    'No WA',
    'Nomor WA',
    'WA',
    'WhatsApp',
    'No WhatsApp',
    'Nomor WhatsApp',
    'Handphone',
    'No Handphone',
    'Nomor Handphone',
  ],
  email: ['Email', 'E-mail', 'Alamat Email', 'Surel', 'Email Address'],
  gender: ['Jenis Kelamin', 'Gender', 'JK', 'Sex', 'L/P'],
  sector: ['Sektor', 'Sector', 'Sektor Usaha', 'Bidang Usaha', 'Jenis Usaha', 'Kategori', 'Kategori Usaha', 'Category'],
  address: ['Alamat', 'Address', 'Alamat Usaha', 'Alamat Lengkap'],
  regency: ['Kabupaten/Kota', 'Kab/Kota', 'Kota/Kabupaten', 'Regency', 'City', 'Regency/City', 'Kota', 'Kabupaten'],
  province: ['Provinsi', 'Province', 'Propinsi', 'Prov'],
  active: ['Status Aktif', 'Active', 'Aktif', 'Status', 'Status Keaktifan'],
  willing: ['Bersedia Ikut Pelatihan', 'Willing', 'Bersedia', 'Kesediaan', 'Bersedia Mengikuti Pelatihan', 'Willing to Join'],
};

/**
 * Key of a header cell: BOM and a trailing parenthesised hint
 * ("Jenis Kelamin (L/P)", "NIK (16 digit)") dropped, then letters and digits only.
 */
const headerKey = (header: string): string => {
  const key = compactKey(header.replace(/^\ufeff/u, '').replace(/\([^)]*\)\s*$/u, ''));
  return key === '' ? compactKey(header) : key;
};

const FIELD_BY_KEY: ReadonlyMap<string, RosterField> = new Map(
  ROSTER_FIELDS.flatMap((field) => HEADER_SYNONYMS[field].map((label): [string, RosterField] => [headerKey(label), field])),
);

/**
 * Column index per roster field. The first column for a field wins; later
 * duplicates and unrecognised headers are reported in `unknown`; blank header
 * cells are ignored.
 */
export const matchRosterHeaders = (headers: string[]): { columns: RosterColumns; unknown: string[] } => {
  const columns: RosterColumns = {};
  const unknown: string[] = [];
  headers.forEach((header, index) => {
    const key = headerKey(header);
    if (key === '') return;
    const field = FIELD_BY_KEY.get(key);
    if (field === undefined || columns[field] !== undefined) unknown.push(collapseSpaces(header.replace(/^\ufeff/u, '')));
    else columns[field] = index;
  });
  return { columns, unknown };
};

/** A roster without any name column cannot be imported at all. */
export const hasNameColumn = (columns: RosterColumns): boolean =>
  columns.businessName !== undefined || columns.ownerName !== undefined;

/** Fields a roster row cannot do without (a NIK or a phone is needed too, either one). */
export const REQUIRED_ROSTER_FIELDS: readonly RosterField[] = ['businessName', 'ownerName', 'regency'];
