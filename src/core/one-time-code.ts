import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * One-time codes for the self-service data page (a participant proves they hold a phone number
 * or email address). Nothing of a code is stored: it is derived from the request's id with a key
 * derived from the app secret, so a copy of the database (or of the outbox, where the message
 * waits with a slot instead of the code) reveals no live code.
 */
export const CODE_LENGTH = 6;

function purposeKey(secret: string, purpose: string): Buffer {
  return createHmac('sha256', secret).update(`berdaya:${purpose}`).digest();
}

/** The 6-digit code of a request (48 bits of an HMAC reduced modulo 10^6: no visible bias). */
export function oneTimeCode(secret: string, requestId: string): string {
  const mac = createHmac('sha256', purposeKey(secret, 'my-data-code')).update(requestId).digest();
  return String(mac.readUIntBE(0, 6) % 10 ** CODE_LENGTH).padStart(CODE_LENGTH, '0');
}

/** Compares a typed code with the expected one in constant time. */
export function sameCode(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What identifies a contact in the code table: an HMAC of `phone:+62…` or `email:…`, never the contact itself. */
export function contactDigest(secret: string, contact: { kind: 'phone' | 'email'; value: string }): string {
  return createHmac('sha256', purposeKey(secret, 'my-data-contact')).update(`${contact.kind}:${contact.value}`).digest('base64url');
}
