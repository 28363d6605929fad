import { EMPTY, INVALID, stripCell, valid, type Normalised } from './normalised.ts';

/** NIB (Nomor Induk Berusaha), the OSS business licence number: 13 digits. */
export const normaliseNib = (raw: string | null | undefined): Normalised<string> => {
  const s = stripCell(raw, /[\s\u200b.-]+/gu);
  if (s === '') return EMPTY;
  return /^[0-9]{13}$/u.test(s) ? valid(s) : INVALID;
};
