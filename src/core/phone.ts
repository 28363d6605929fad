import { EMPTY, INVALID, stripCell, valid, type Normalised } from './normalised.ts';

/**
 * Indonesian mobile number → E.164 (`+628…`). Only `08…`, `628…` and `+628…`
 * are accepted: a bare `812…` could be a typo as easily as a missing prefix,
 * and landlines cannot receive WhatsApp invitations.
 */
export const normalisePhone = (raw: string | null | undefined): Normalised<string> => {
  const s = stripCell(raw, /[\s\u200b.\-()]+/gu);
  if (s === '') return EMPTY;
  let e164: string;
  if (s.startsWith('08')) e164 = `+62${s.slice(1)}`;
  else if (s.startsWith('628')) e164 = `+${s}`;
  else if (s.startsWith('+628')) e164 = s;
  else return INVALID;
  return /^\+628[0-9]{8,11}$/u.test(e164) ? valid(e164) : INVALID;
};
