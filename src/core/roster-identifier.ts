import { maskNik, normaliseNik } from './nik.ts';
import { stripCell } from './normalised.ts';
import { normalisePhone } from './phone.ts';

/**
 * Who a line of an enrolment list names: a roster row's NIK and phone cells, or a pasted line
 * holding a NIK or a phone number (or both, separated by a comma, semicolon or tab). The
 * normalisers are the registry's, so a NIK or number matches exactly as the import stored it.
 */
export const LINE_PROBLEMS = ['nik_invalid', 'phone_invalid', 'not_identifier', 'no_identity'] as const;
export type LineProblem = (typeof LINE_PROBLEMS)[number];

export type LineIdentity =
  | { kind: 'blank' }
  /** At least one of the two is known; `shown` is it masked (NIK first), for answers and screens. */
  | { kind: 'identity'; nik: string | null; phone: string | null; shown: string }
  /** `shown`: the value at fault, masked; null when nothing was given. */
  | { kind: 'problem'; reason: LineProblem; shown: string | null };

/** `+6281234567890` → `+62812****7890`. */
export const maskPhone = (e164: string): string => `${e164.slice(0, 6)}${'*'.repeat(Math.max(e164.length - 10, 1))}${e164.slice(-4)}`;

/** Any other text the caller sent, masked but recognisable: `0812-345` → `08****45`. */
export const maskText = (raw: string): string => {
  const s = raw.trim();
  if (s.length <= 4) return '*'.repeat(s.length);
  return `${s.slice(0, 2)}${'*'.repeat(s.length - 4)}${s.slice(-2)}`;
};

const blankCell = (raw: string | undefined): boolean => stripCell(raw, /[\s\u200b]+/gu) === '' || /^[-\u2010-\u2015]+$/u.test((raw ?? '').trim());

function identity(nik: string | null, phone: string | null): LineIdentity {
  const shown = nik ? maskNik(nik) : phone ? maskPhone(phone) : '';
  return { kind: 'identity', nik, phone, shown };
}

/**
 * A roster row's NIK and phone cells. A row is usable when either is valid (a typo in one does
 * not lose the other); a row without both is `no_identity`, and one whose given values are all
 * unusable gets the reason of the first (NIK, then phone).
 */
export function identifyCells(cells: { nik?: string; phone?: string }, provinceCodes: ReadonlySet<string>): LineIdentity {
  const nikCell = blankCell(cells.nik) ? '' : (cells.nik ?? '');
  const phoneCell = blankCell(cells.phone) ? '' : (cells.phone ?? '');
  const nik = normaliseNik(nikCell, provinceCodes);
  const phone = normalisePhone(phoneCell);
  if (nik.kind === 'valid' || phone.kind === 'valid') return identity(nik.kind === 'valid' ? nik.value : null, phone.kind === 'valid' ? phone.value : null);
  if (nik.kind === 'invalid') return { kind: 'problem', reason: 'nik_invalid', shown: maskText(nikCell) };
  if (phone.kind === 'invalid') return { kind: 'problem', reason: 'phone_invalid', shown: maskText(phoneCell) };
  return { kind: 'problem', reason: 'no_identity', shown: null };
}

/** One value of a pasted line: 16 digits are a NIK (as in the participant search), other numbers a phone. */
function classify(token: string, provinceCodes: ReadonlySet<string>): { nik?: string; phone?: string; problem?: LineProblem } {
  const compact = stripCell(token, /[\s\u200b.\-()]+/gu);
  if (/^\d{16}$/u.test(compact)) {
    const nik = normaliseNik(compact, provinceCodes);
    return nik.kind === 'valid' ? { nik: nik.value } : { problem: 'nik_invalid' };
  }
  if (/^\+?\d+$/u.test(compact)) {
    const phone = normalisePhone(compact);
    return phone.kind === 'valid' ? { phone: phone.value } : { problem: 'phone_invalid' };
  }
  return { problem: 'not_identifier' };
}

/** A pasted line: one NIK or phone number, or a NIK and a phone number side by side. */
export function identifyPastedLine(line: string, provinceCodes: ReadonlySet<string>): LineIdentity {
  const tokens = line
    .split(/[,;\t]/u)
    .map((t) => t.trim())
    .filter((t) => !blankCell(t));
  if (tokens.length === 0) return { kind: 'blank' };
  let nik: string | null = null;
  let phone: string | null = null;
  let problem: { reason: LineProblem; shown: string } | null = null;
  for (const token of tokens) {
    const found = classify(token, provinceCodes);
    if (found.nik) nik ??= found.nik;
    else if (found.phone) phone ??= found.phone;
    else if (found.problem) problem ??= { reason: found.problem, shown: maskText(token) };
  }
  if (nik || phone) return identity(nik, phone);
  return { kind: 'problem', reason: problem?.reason ?? 'not_identifier', shown: problem?.shown ?? null };
}
