import type { EditValues, KnownValues } from './offline/edit-record.ts';
import { nikProblem, phoneProblem } from './walk-in-rules.ts';

/**
 * The registry's rules for a participant edit, checked on the device so that a trainer without
 * signal hears of a typo at once. The server decides for good when the edit syncs (and answers
 * with the registry's messages, which the device-side ones repeat word for word).
 */
export type EditProblem = 'required' | 'nik_invalid' | 'phone_invalid' | 'nib_invalid' | 'no_identity';

/** NIB: 13 digits (src/core/nib.ts). */
export function nibProblem(raw: string): 'nib_invalid' | null {
  const s = raw.trim().replace(/[\s\u200b.-]+/gu, '');
  return s === '' || /^\d{13}$/.test(s) ? null : 'nib_invalid';
}

/**
 * Field → problem of the changes; empty when the edit may be queued. `hasNik`: the server holds
 * a NIK for the person (the roster shows it masked), so the phone may be cleared.
 */
export function editProblems(changes: EditValues, known: KnownValues, hasNik: boolean): Partial<Record<keyof EditValues, EditProblem>> {
  const problems: Partial<Record<keyof EditValues, EditProblem>> = {};
  if (changes.ownerName !== undefined && !changes.ownerName.trim()) problems.ownerName = 'required';
  if (changes.businessName !== undefined && !changes.businessName.trim()) problems.businessName = 'required';
  const nik = nikProblem(changes.nik ?? '');
  const phone = phoneProblem(changes.phone ?? '');
  const nib = nibProblem(changes.nib ?? '');
  if (nik) problems.nik = nik;
  if (phone) problems.phone = phone;
  if (nib) problems.nib = nib;
  const phoneAfter = changes.phone ?? known.phone;
  if (!phoneAfter.trim() && !changes.nik?.trim() && !hasNik) problems.phone = 'no_identity';
  return problems;
}

/**
 * What the trainer changed: the fields the device knows when they differ (`''` clears one), and
 * the others (which the device does not hold) when filled in.
 */
export function editChanges(form: KnownValues & Record<'nik' | 'email' | 'sector' | 'nib' | 'address' | 'regency', string>, known: KnownValues): EditValues {
  const changes: EditValues = {};
  for (const field of ['ownerName', 'businessName', 'phone'] as const) {
    const value = form[field].trim();
    if (value !== known[field].trim()) changes[field] = value;
  }
  if (form.gender !== known.gender) changes.gender = form.gender;
  for (const field of ['nik', 'email', 'sector', 'nib', 'address', 'regency'] as const) {
    const value = form[field].trim();
    if (value) changes[field] = value;
  }
  return changes;
}
