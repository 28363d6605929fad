import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCheckInToken, createRsvpToken, readCheckInToken, readRsvpToken, signToken, verifyToken } from './signed-token.ts';

const SECRET = 'rahasia-uji-rahasia-uji-rahasia-uji-01';
const person = '0b7c5a52-1c1e-4f0a-9d55-3e0f5b1b2a10';
const programme = 'f3a1c2d4-5b6e-4f70-8a91-b2c3d4e5f607';

/** The token with one character of the given part changed (a different valid base64url character). */
function tamper(token: string, part: 0 | 1, index = 3): string {
  const parts = token.split('.');
  const text = parts[part] ?? '';
  const c = text[index] === 'A' ? 'B' : 'A';
  parts[part] = text.slice(0, index) + c + text.slice(index + 1);
  return parts.join('.');
}

describe('signed tokens', () => {
  it('verifies what it signed, for the same purpose only', () => {
    const token = signToken(SECRET, 'a', Buffer.from('halo'));
    expect(verifyToken(SECRET, 'a', token)?.toString()).toBe('halo');
    expect(verifyToken(SECRET, 'b', token)).toBeNull();
    expect(verifyToken(`${SECRET}x`, 'a', token)).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['no signature', 'aGFsbw'],
    ['three parts', 'aGFsbw.aGFsbw.aGFsbw'],
    ['not base64url', 'ha!lo.aGFsbw'],
    ['padding', 'aGFsbw==.aGFsbw'],
  ])('refuses a malformed token (%s)', (_name, token) => {
    expect(verifyToken(SECRET, 'a', token)).toBeNull();
  });

  it('refuses any single-character change to payload or signature', () => {
    const token = signToken(SECRET, 'a', Buffer.from('payload yang cukup panjang'));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: token.length - 1 }), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), (i, c) => {
        if (token[i] === '.' || token[i] === c) return;
        const changed = token.slice(0, i) + c + token.slice(i + 1);
        expect(verifyToken(SECRET, 'a', changed)).toBeNull();
      }),
    );
  });
});

describe('check-in QR token', () => {
  it('identifies the person and programme, and stays short for a QR code', () => {
    const token = createCheckInToken(SECRET, { personId: person, programmeId: programme });
    expect(token.length).toBeLessThanOrEqual(70);
    expect(readCheckInToken(SECRET, token)).toEqual({ personId: person, programmeId: programme });
  });

  it('refuses a tampered token, another secret, and an RSVP token', () => {
    const token = createCheckInToken(SECRET, { personId: person, programmeId: programme });
    expect(readCheckInToken(SECRET, tamper(token, 0))).toBeNull();
    expect(readCheckInToken(SECRET, tamper(token, 1))).toBeNull();
    expect(readCheckInToken('rahasia-lain-rahasia-lain-rahasia-lain', token)).toBeNull();
    const rsvp = createRsvpToken(SECRET, { recipientId: person, expiresAt: new Date('2030-01-01T00:00:00Z') });
    expect(readCheckInToken(SECRET, rsvp)).toBeNull();
  });
});

describe('RSVP token', () => {
  const expiresAt = new Date('2024-02-01T00:00:00Z');

  it('is valid until it expires, then authentic but expired', () => {
    const token = createRsvpToken(SECRET, { recipientId: person, expiresAt });
    expect(readRsvpToken(SECRET, token, new Date('2024-01-31T23:59:59Z'))).toEqual({ ok: true, recipientId: person, expiresAt, expired: false });
    expect(readRsvpToken(SECRET, token, expiresAt)).toMatchObject({ ok: true, expired: true });
  });

  it('refuses a tampered payload (e.g. a later expiry) or signature', () => {
    const token = createRsvpToken(SECRET, { recipientId: person, expiresAt });
    const later = createRsvpToken(SECRET, { recipientId: person, expiresAt: new Date('2031-01-01T00:00:00Z') });
    const forged = `${later.split('.')[0]}.${token.split('.')[1]}`;
    expect(readRsvpToken(SECRET, forged, new Date('2024-01-01T00:00:00Z'))).toEqual({ ok: false });
    expect(readRsvpToken(SECRET, tamper(token, 1), new Date('2024-01-01T00:00:00Z'))).toEqual({ ok: false });
    expect(readRsvpToken(SECRET, createCheckInToken(SECRET, { personId: person, programmeId: programme }))).toEqual({ ok: false });
  });
});
