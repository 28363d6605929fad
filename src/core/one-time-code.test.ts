import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contactDigest, oneTimeCode, sameCode } from './one-time-code.ts';
import { createMyDataToken, readMyDataToken, signToken } from './signed-token.ts';

const SECRET = 'rahasia-uji-rahasia-uji-rahasia-uji-01';

describe('one-time codes', () => {
  it('are six digits, the same for a request, different between requests and secrets', () => {
    const id = randomUUID();
    expect(oneTimeCode(SECRET, id)).toMatch(/^\d{6}$/);
    expect(oneTimeCode(SECRET, id)).toBe(oneTimeCode(SECRET, id));
    expect(oneTimeCode(`${SECRET}x`, id)).not.toBe(oneTimeCode(SECRET, id));
    const codes = new Set(Array.from({ length: 2000 }, () => oneTimeCode(SECRET, randomUUID())));
    // 2,000 draws from 10^6 values: a handful of collisions at most.
    expect(codes.size).toBeGreaterThan(1990);
  });

  it('spread over all first digits (no visible bias)', () => {
    const first = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const d = oneTimeCode(SECRET, randomUUID())[0] ?? '';
      first.set(d, (first.get(d) ?? 0) + 1);
    }
    expect(first.size).toBe(10);
    for (const n of first.values()) expect(n).toBeGreaterThan(350);
  });

  it('compare exactly', () => {
    expect(sameCode('012345', '012345')).toBe(true);
    expect(sameCode('012345', '12345')).toBe(false);
    expect(sameCode('012345', '012346')).toBe(false);
  });

  it('identify a contact by kind and value without holding it', () => {
    const digest = contactDigest(SECRET, { kind: 'phone', value: '+6281234567890' });
    expect(digest).not.toContain('81234567890');
    expect(digest).toBe(contactDigest(SECRET, { kind: 'phone', value: '+6281234567890' }));
    expect(digest).not.toBe(contactDigest(SECRET, { kind: 'email', value: '+6281234567890' }));
  });
});

describe('my-data access tokens', () => {
  const personId = randomUUID();
  const requestId = randomUUID();

  it('carry person, request and expiry, and report expiry', () => {
    const expiresAt = new Date(Math.floor(Date.now() / 1000) * 1000 + 30 * 60_000);
    const token = createMyDataToken(SECRET, { personId, requestId, expiresAt });
    expect(readMyDataToken(SECRET, token)).toEqual({ ok: true, personId, requestId, expiresAt, expired: false });
    expect(readMyDataToken(SECRET, token, new Date(expiresAt.getTime() + 1))).toMatchObject({ ok: true, expired: true });
  });

  it('refuse another secret and tokens of another purpose with the same layout', () => {
    const token = createMyDataToken(SECRET, { personId, requestId, expiresAt: new Date(Date.now() + 60_000) });
    expect(readMyDataToken(`${SECRET}x`, token)).toEqual({ ok: false });
    const [payload] = token.split('.') as [string];
    expect(readMyDataToken(SECRET, signToken(SECRET, 'participant', Buffer.from(payload, 'base64url')))).toEqual({ ok: false });
  });
});
