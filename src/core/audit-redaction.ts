/**
 * What a `viewer` (oversight) may see of an audit event's details: everything but personal
 * values. Audit details are meant to hold ids, codes and counts only; this is the second line:
 * a key that names a personal field, or a value shaped like a NIK, a phone number or an email
 * address, is replaced by `REDACTED` wherever it is nested.
 */
export const REDACTED = '[redacted]';

/** Key names (any case, camelCase or snake_case, Indonesian or English) that hold personal values. */
const PERSONAL_KEY = /name|nama|nik|phone|telepon|telp|mobile|whatsapp|email|surel|address|alamat|birth|lahir|password|token|secret/iu;
/** 16 digits in a row (a NIK), an Indonesian mobile number, an email address: anywhere inside a string. */
const PERSONAL_VALUE = /(?<![0-9])[0-9]{16}(?![0-9])|(?:\+?62|(?<![0-9])0)\s?8(?:[\s.-]?[0-9]){7,11}|[^\s@]+@[^\s@]+\.[^\s@]+/u;

/** An id, never personal: its digit groups can look like a phone number (`…-6280-4890-8000-…`). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

export function redactPersonalValues(value: unknown): unknown {
  if (typeof value === 'string') return !UUID.test(value) && PERSONAL_VALUE.test(value) ? REDACTED : value;
  if (Array.isArray(value)) return value.map(redactPersonalValues);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, PERSONAL_KEY.test(key) ? REDACTED : redactPersonalValues(inner)]));
  }
  return value;
}
