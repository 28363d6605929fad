import { maskNik } from '../../core/nik.ts';
import { decryptOrNull, encryptOrNull, isCiphertext, keyIdOf, piiHash, protectIdentity, type ProtectedIdentity } from '../../core/pii-crypto.ts';
import { keysFor, piiKeys } from './keyring.ts';

/** The stored form of a person's identity with this process's keys. */
export function protectPerson(identity: { nik: string | null; phone: string | null }): ProtectedIdentity {
  return protectIdentity(piiKeys(), identity);
}

export function nikHash(nik: string): string {
  return piiHash(piiKeys(), 'nik', nik);
}

export function phoneHash(phone: string): string {
  return piiHash(piiKeys(), 'phone', phone);
}

export function encryptPhone(phone: string | null): string | null {
  return encryptOrNull(piiKeys(), 'phone', phone);
}

export function decryptNik(cipher: string | null | undefined): string | null {
  return decryptOrNull(keysFor(cipher ? keyIdOf(cipher) : null), 'nik', cipher);
}

/** The cells of a rejected roster row as staged (encrypted; rows staged before that are plain JSON). */
export function rejectedRowCells(raw: string | null): string[] {
  if (!raw) return [];
  const json = isCiphertext(raw) ? decryptOrNull(keysFor(keyIdOf(raw)), 'row', raw) : raw;
  return JSON.parse(json ?? '[]') as string[];
}

export function decryptPhone(cipher: string | null | undefined): string | null {
  return decryptOrNull(keysFor(cipher ? keyIdOf(cipher) : null), 'phone', cipher);
}

/** `3174********0001` from the stored NIK, or null. */
export function maskedNik(cipher: string | null | undefined): string | null {
  const nik = decryptNik(cipher);
  return nik ? maskNik(nik) : null;
}

/** A message address as the provider needs it: phone numbers are stored encrypted, email addresses as they are. */
export function readAddress(address: string): string;
export function readAddress(address: string | null): string | null;
export function readAddress(address: string | null): string | null {
  return address && isCiphertext(address) ? decryptPhone(address) : address;
}
