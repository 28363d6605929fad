import type { WalkInValues } from './offline/outbox-record.ts';

/**
 * The registry's rules for a walk-in, checked on the device so that a trainer without signal
 * hears of a typo at once (src/core/roster-row.ts decides for good when the record syncs).
 */
export type WalkInProblem = 'required' | 'nik_invalid' | 'phone_invalid' | 'no_identity';

const digits = (value: string, strip: RegExp) => value.replace(strip, '');

export function nikProblem(raw: string): 'nik_invalid' | null {
  const nik = digits(raw.trim(), /[\s.]+/g);
  if (nik === '') return null;
  if (!/^\d{16}$/.test(nik)) return 'nik_invalid';
  const day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const dayOk = (day >= 1 && day <= 31) || (day >= 41 && day <= 71);
  return dayOk && month >= 1 && month <= 12 ? null : 'nik_invalid';
}

/** Indonesian mobile numbers only: `08…`, `628…` or `+628…`, 8–11 digits after `8`. */
export function phoneProblem(raw: string): 'phone_invalid' | null {
  const s = digits(raw.trim(), /[\s.\-()]+/g);
  if (s === '') return null;
  const e164 = s.startsWith('08') ? `+62${s.slice(1)}` : s.startsWith('628') ? `+${s}` : s;
  return /^\+628\d{8,11}$/.test(e164) ? null : 'phone_invalid';
}

/** Field → problem; empty when the walk-in may be queued. */
export function walkInProblems(values: WalkInValues): Partial<Record<keyof WalkInValues, WalkInProblem>> {
  const problems: Partial<Record<keyof WalkInValues, WalkInProblem>> = {};
  if (!values.ownerName.trim()) problems.ownerName = 'required';
  if (!values.businessName.trim()) problems.businessName = 'required';
  if (!values.regency.trim()) problems.regency = 'required';
  const nik = nikProblem(values.nik);
  const phone = phoneProblem(values.phone);
  if (nik) problems.nik = nik;
  if (phone) problems.phone = phone;
  if (!values.nik.trim() && !values.phone.trim()) problems.phone = 'no_identity';
  return problems;
}
