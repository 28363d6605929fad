import { compactKey, EMPTY, INVALID, valid, type Normalised } from './normalised.ts';

const TRUE_KEYS = ['ya', 'iya', 'y', 'yes', 'aktif', 'active', 'bersedia', '1', 'true', 'benar'];
const FALSE_KEYS = [
  'tidak',
  'tdk',
  't',
  'no',
  'n',
  'tidakaktif',
  'nonaktif',
  'inactive',
  'tidakbersedia',
  '0',
  'false',
  'salah',
];

const BOOLEAN_BY_KEY: ReadonlyMap<string, boolean> = new Map([
  ...TRUE_KEYS.map((k): [string, boolean] => [k, true]),
  ...FALSE_KEYS.map((k): [string, boolean] => [k, false]),
]);

/** Yes/no cells such as "Status Aktif" or "Bersedia Ikut Pelatihan"; `T` means Tidak, not True. */
export const normaliseYesNo = (raw: string | null | undefined): Normalised<boolean> => {
  if (raw == null || raw.trim() === '') return EMPTY;
  const value = BOOLEAN_BY_KEY.get(compactKey(raw));
  return value === undefined ? INVALID : valid(value);
};
