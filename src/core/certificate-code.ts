import { randomBytes } from 'node:crypto';

/**
 * Certificate identifiers. The serial is what people read and quote (`JAKPRENEUR-2024-00042`):
 * the programme code and a number that grows within the programme (gaps are possible: a number
 * reserved by an issue that turned out to exist already is not reused). The verification code
 * is what the QR code carries: 12 characters of Crockford base32 (60 random bits), unguessable,
 * with no letters that read like digits (I, L, O, U are not used).
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const VERIFICATION_CODE_LENGTH = 12;

export function certificateSerial(programmeCode: string, number: number): string {
  return `${programmeCode}-${String(number).padStart(5, '0')}`;
}

export function newVerificationCode(random: (n: number) => Buffer = randomBytes): string {
  const bytes = random(VERIFICATION_CODE_LENGTH);
  let code = '';
  for (const b of bytes) code += ALPHABET[b & 31];
  return code;
}

/**
 * A code as typed or scanned, made canonical: case and separators ignored, and the letters
 * people confuse with digits read as those digits (O → 0, I/L → 1). Null when it cannot be one.
 */
export function normaliseVerificationCode(raw: string): string | null {
  const s = raw
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (s.length !== VERIFICATION_CODE_LENGTH) return null;
  return [...s].every((c) => ALPHABET.includes(c)) ? s : null;
}

/** `<public url>/verify/<code>`: where the certificate's QR code points. */
export function verificationUrl(base: string, code: string): string {
  return `${base.replace(/\/+$/, '')}/verify/${code}`;
}
