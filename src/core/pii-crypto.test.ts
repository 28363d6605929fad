import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decryptPii, deriveKeys, encryptPii, isCiphertext, keyIdOf, nikBirthYear, piiHash, protectIdentity } from './pii-crypto.ts';

const keys = deriveKeys('a-test-secret-that-is-long-enough-000', 's1');
const other = deriveKeys('another-secret-that-is-long-enough-00', 's1');

describe('personal-data encryption', () => {
  it('round-trips any text, with a fresh IV each time and the key id in front', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (value) => {
        const a = encryptPii(keys, 'phone', value);
        const b = encryptPii(keys, 'phone', value);
        expect(a).not.toBe(b);
        expect(keyIdOf(a)).toBe('s1');
        expect(isCiphertext(a)).toBe(true);
        expect(decryptPii(keys, 'phone', a)).toBe(value);
      }),
    );
  });

  it('never repeats an IV, also across refills of the IV pool', () => {
    const ivs = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const value = encryptPii(keys, 'nik', '3174011203900001');
      ivs.add(Buffer.from(value.split('$')[2] ?? '', 'base64url').subarray(0, 12).toString('hex'));
      if (i % 997 === 0) expect(decryptPii(keys, 'nik', value)).toBe('3174011203900001');
    }
    expect(ivs.size).toBe(10_000);
  });

  it('refuses a tampered value, the wrong field, the wrong key and an unknown key id', () => {
    const c = encryptPii(keys, 'nik', '3174011203900001');
    const body = c.slice(4);
    const flipped = `$s1$${body.slice(0, 10)}${body[10] === 'A' ? 'B' : 'A'}${body.slice(11)}`;
    expect(() => decryptPii(keys, 'nik', flipped)).toThrow();
    expect(() => decryptPii(keys, 'phone', c)).toThrow();
    expect(() => decryptPii(other, 'nik', c)).toThrow();
    expect(() => decryptPii(keys, 'nik', c.replace('$s1$', '$k9$'))).toThrow(/k9/);
    expect(isCiphertext('+6281234567890')).toBe(false);
    expect(isCiphertext('sri@contoh.id')).toBe(false);
  });

  it('hashes deterministically per key and field, and builds the identity key from the NIK first', () => {
    expect(piiHash(keys, 'nik', '3174011203900001')).toBe(piiHash(keys, 'nik', '3174011203900001'));
    expect(piiHash(keys, 'nik', '3174011203900001')).not.toBe(piiHash(other, 'nik', '3174011203900001'));
    expect(piiHash(keys, 'phone', '1')).not.toBe(piiHash(keys, 'nik', '1'));
    const both = protectIdentity(keys, { nik: '3174011203900001', phone: '+6281234567890' });
    expect(both.key).toBe(`nik:${both.nikHash}`);
    expect(both.key).not.toContain('3174');
    expect(protectIdentity(keys, { nik: null, phone: '+6281234567890' })).toMatchObject({ nikCipher: null, nikHash: null, nikBirthYy: null, key: `phone:${piiHash(keys, 'phone', '+6281234567890')}` });
    expect(() => protectIdentity(keys, { nik: null, phone: null })).toThrow();
    expect(nikBirthYear('3174015203920001')).toBe(92);
  });
});
