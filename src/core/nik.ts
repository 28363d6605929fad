import { EMPTY, INVALID, stripCell, valid, type Normalised } from './normalised.ts';

/**
 * NIK (Nomor Induk Kependudukan): 16 digits — province (2), regency (2),
 * district (2), birth day (2, plus 40 for women), birth month (2), birth
 * year (2), serial (4). Spreadsheet damage such as `3.17401E+15` is refused,
 * never repaired: the lost digits cannot be recovered.
 */
export const normaliseNik = (
  raw: string | null | undefined,
  provinceCodes: ReadonlySet<string>,
): Normalised<string> => {
  const s = stripCell(raw, /[\s\u200b.]+/gu);
  if (s === '') return EMPTY;
  if (!/^[0-9]{16}$/u.test(s)) return INVALID;
  if (!provinceCodes.has(s.slice(0, 2))) return INVALID;
  const day = Number(s.slice(6, 8));
  const month = Number(s.slice(8, 10));
  const dayOk = (day >= 1 && day <= 31) || (day >= 41 && day <= 71);
  if (!dayOk || month < 1 || month > 12) return INVALID;
  return valid(s);
};

/** `3174011203900001` → `3174********0001`, for logs and screens that must not show a NIK. */
export const maskNik = (nik: string): string => `${nik.slice(0, 4)}********${nik.slice(-4)}`;
