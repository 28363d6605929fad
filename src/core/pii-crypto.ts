import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomFillSync } from 'node:crypto';

/**
 * Encryption of personal values at rest (NIK, phone numbers) and the keyed hashes that find them.
 *
 * - Ciphertext: AES-256-GCM, a fresh 12-byte IV per value, the field name as associated data (a
 *   NIK ciphertext cannot be passed off as a phone number), written `$<keyId>$<base64url(iv‖ct‖tag)>`.
 *   The key id makes rotation possible: old keys stay in the keyring to read until every value is
 *   re-encrypted with the current one.
 * - Index: HMAC-SHA256 with a separate key over `<field>:<value>`, base64url. Equal values give
 *   equal hashes (deduplication, exact search) without the value being readable or guessable
 *   from the database alone (an attacker would need the index key to test the 10^16 NIKs).
 */

/** What a ciphertext holds (bound into it): a NIK, a phone number, or a rejected roster row's cells. */
export type PiiField = 'nik' | 'phone' | 'row';

export type PiiKeys = {
  /** Id of the key new values are encrypted with. */
  currentId: string;
  /** Every key that may still be needed to decrypt, by id (32 bytes each). */
  keys: Record<string, Buffer>;
  /** HMAC key of the search/deduplication index (32 bytes); not rotated with the encryption keys. */
  indexKey: Buffer;
};

/** What a worker thread needs to encrypt and hash (structured-clone friendly). */
export type PiiKeyMaterial = { currentId: string; keys: Record<string, string>; indexKey: string };

const CIPHERTEXT = /^\$([a-z0-9-]{1,40})\$([A-Za-z0-9_-]{38,})$/;
const KEY_ID = /^[a-z0-9-]{1,40}$/;

export function isValidKeyId(id: string): boolean {
  return KEY_ID.test(id);
}

/** Encryption and index keys derived (HKDF-SHA256) from one secret; the key id names the secret. */
export function deriveKeys(secret: string, keyId: string): PiiKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('berdaya-pii'), Buffer.from(info), 32));
  return { currentId: keyId, keys: { [keyId]: derive('encryption/v1') }, indexKey: derive('index/v1') };
}

export function newKey(): Buffer {
  return randomBytes(32);
}

export function isCiphertext(value: string): boolean {
  return CIPHERTEXT.test(value);
}

/** The key id a ciphertext was made with, or null when the value is not one. */
export function keyIdOf(value: string): string | null {
  return CIPHERTEXT.exec(value)?.[1] ?? null;
}

/** The associated data of each field, made once. */
const FIELD_AAD: Record<PiiField, Buffer> = { nik: Buffer.from('nik'), phone: Buffer.from('phone'), row: Buffer.from('row') };

/**
 * IVs are taken in turn from a pool filled by the CSPRNG 4,096 at a time: asking the CSPRNG for
 * 12 bytes per value cost a quarter of a roster import's staging time. Every IV is still random
 * and used once.
 */
const IV_BYTES = 12;
const IV_POOL_BYTES = IV_BYTES * 4096;
let ivPool = Buffer.alloc(0);
let ivOffset = 0;

function nextIv(): Buffer {
  if (ivOffset + IV_BYTES > ivPool.length) {
    ivPool = randomFillSync(Buffer.allocUnsafe(IV_POOL_BYTES));
    ivOffset = 0;
  }
  ivOffset += IV_BYTES;
  return ivPool.subarray(ivOffset - IV_BYTES, ivOffset);
}

export function encryptPii(keys: PiiKeys, field: PiiField, plaintext: string): string {
  const key = keys.keys[keys.currentId];
  if (!key) throw new Error('current personal-data key missing from the keyring');
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(FIELD_AAD[field]);
  const body = cipher.update(plaintext, 'utf8');
  cipher.final();
  return `$${keys.currentId}$${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
}

/** Decrypts a value; throws when its key is unknown or the value was tampered with. */
export function decryptPii(keys: PiiKeys, field: PiiField, ciphertext: string): string {
  const match = CIPHERTEXT.exec(ciphertext);
  if (!match) throw new Error('not a personal-data ciphertext');
  const key = keys.keys[match[1] ?? ''];
  if (!key) throw new Error(`personal-data key ${match[1]} is not in the keyring`);
  const raw = Buffer.from(match[2] ?? '', 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(FIELD_AAD[field]);
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
}

export function encryptOrNull(keys: PiiKeys, field: PiiField, plaintext: string | null | undefined): string | null {
  return plaintext ? encryptPii(keys, field, plaintext) : null;
}

export function decryptOrNull(keys: PiiKeys, field: PiiField, ciphertext: string | null | undefined): string | null {
  return ciphertext ? decryptPii(keys, field, ciphertext) : null;
}

/** The keyed hash of a normalised value (16-digit NIK, E.164 phone). */
export function piiHash(keys: PiiKeys, field: PiiField, value: string): string {
  return createHmac('sha256', keys.indexKey).update(`${field}:${value}`).digest('base64url');
}

export function hashOrNull(keys: PiiKeys, field: PiiField, value: string | null | undefined): string | null {
  return value ? piiHash(keys, field, value) : null;
}

/** The registry identity of a person: `nik:<hash>` when the NIK is known, else `phone:<hash>`. */
export function personKey(keys: PiiKeys, identity: { nik: string | null; phone: string | null }): string {
  if (identity.nik) return `nik:${piiHash(keys, 'nik', identity.nik)}`;
  if (identity.phone) return `phone:${piiHash(keys, 'phone', identity.phone)}`;
  throw new Error('a person needs a NIK or a phone number');
}

/** The two-digit birth year in a NIK (digits 11–12), kept for the age-band indicator. */
export function nikBirthYear(nik: string | null | undefined): number | null {
  return nik && /^\d{16}$/.test(nik) ? Number(nik.slice(10, 12)) : null;
}

/** The stored (encrypted, hashed) form of a person's NIK and phone. */
export type ProtectedIdentity = {
  key: string;
  nikCipher: string | null;
  nikHash: string | null;
  nikBirthYy: number | null;
  phoneCipher: string | null;
  phoneHash: string | null;
};

export function protectIdentity(keys: PiiKeys, identity: { nik: string | null; phone: string | null }): ProtectedIdentity {
  const nikHash = hashOrNull(keys, 'nik', identity.nik);
  const phoneHash = hashOrNull(keys, 'phone', identity.phone);
  if (!nikHash && !phoneHash) throw new Error('a person needs a NIK or a phone number');
  return {
    key: nikHash ? `nik:${nikHash}` : `phone:${phoneHash}`,
    nikCipher: encryptOrNull(keys, 'nik', identity.nik),
    nikHash,
    nikBirthYy: nikBirthYear(identity.nik),
    phoneCipher: encryptOrNull(keys, 'phone', identity.phone),
    phoneHash,
  };
}

export function toKeyMaterial(keys: PiiKeys): PiiKeyMaterial {
  return { currentId: keys.currentId, keys: Object.fromEntries(Object.entries(keys.keys).map(([id, k]) => [id, k.toString('base64')])), indexKey: keys.indexKey.toString('base64') };
}

export function fromKeyMaterial(material: PiiKeyMaterial): PiiKeys {
  return { currentId: material.currentId, keys: Object.fromEntries(Object.entries(material.keys).map(([id, k]) => [id, Buffer.from(k, 'base64')])), indexKey: Buffer.from(material.indexKey, 'base64') };
}
