import { decryptNik, decryptPhone, protectPerson } from '../../src/modules/personal-data/values.ts';

/**
 * The stored identity key for `nik:<16 digits>` or `phone:<E.164>`: since NIK and phone are
 * encrypted at rest, the key holds their keyed hash (src/core/pii-crypto.ts).
 */
export function storedKey(plain: string): string {
  const [kind, value] = plain.split(/:(.*)/s) as [string, string];
  return protectPerson(kind === 'nik' ? { nik: value, phone: null } : { nik: null, phone: value }).key;
}

/** A person row with its NIK and phone decrypted, for assertions. */
export function readable<T extends { nikCipher: string | null; phoneCipher: string | null }>(row: T | undefined): (T & { nik: string | null; phone: string | null }) | undefined {
  return row ? { ...row, nik: decryptNik(row.nikCipher), phone: decryptPhone(row.phoneCipher) } : undefined;
}
