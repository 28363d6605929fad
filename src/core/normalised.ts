/** Outcome of normalising one spreadsheet cell: blank, a clean value, or unusable input. */
export type Normalised<T> = { kind: 'empty' } | { kind: 'valid'; value: T } | { kind: 'invalid' };

export const EMPTY: { kind: 'empty' } = { kind: 'empty' };
export const INVALID: { kind: 'invalid' } = { kind: 'invalid' };

export const valid = <T>(value: T): Normalised<T> => ({ kind: 'valid', value });

/** Trims and collapses every run of whitespace (tabs, newlines, NBSP, ...) to one space. */
export const collapseSpaces = (s: string): string => (TIDY.test(s) ? s : s.replace(/[\s\u200b]+/gu, ' ').trim());

/** Already collapsed: no edge spaces, no doubled spaces, no other whitespace (the common case). */
const TIDY = /^(?:[^\s\u200b]+(?: [^\s\u200b]+)*)?$/u;

const ASCII = /^[ -~]*$/u;

/** Drops combining accents (é → e); plain ASCII, nearly every cell, skips the costly normalisation. */
const withoutAccents = (s: string): string => (ASCII.test(s) ? s : s.normalize('NFKD').replace(/[\u0300-\u036f]/gu, ''));

/**
 * Lower-case key of the letters and digits of `s` only, for matching labels
 * whatever their case, spacing or punctuation ("Laki-laki" → "lakilaki").
 */
export const compactKey = (s: string): string =>
  withoutAccents(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '');

/** Lower-case words of `s`, split on anything that is not a letter or digit. */
export const words = (s: string): string[] =>
  withoutAccents(s)
    .toLowerCase()
    .split(/[^a-z0-9]+/u)
    .filter((w) => w !== '');

/** Trims, drops the leading apostrophe spreadsheets use to force text, then removes `strip`. */
export const stripCell = (raw: string | null | undefined, strip: RegExp): string => {
  if (raw == null) return '';
  return raw.trim().replace(/^'/u, '').replace(strip, '');
};
