import { describe, expect, it } from 'vitest';
import { createCheckInToken, createParticipantToken, createReferralToken, readParticipantToken, readReferralToken } from './signed-token.ts';

const secret = 'rahasia-uji-rahasia-uji-rahasia-uji-1';
const championId = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const personId = '11111111-2222-4333-8444-555555555555';
const programmeId = '66666666-7777-4888-9999-aaaaaaaaaaaa';

describe('referral tokens', () => {
  it('round-trips the champion id and refuses tampering, another secret and another purpose', () => {
    const token = createReferralToken(secret, championId);
    expect(readReferralToken(secret, token)).toEqual({ championId });
    expect(readReferralToken('another-secret-another-secret-12345', token)).toBeNull();
    const [payload, signature] = token.split('.') as [string, string];
    expect(readReferralToken(secret, `${payload.slice(0, -2)}AA.${signature}`)).toBeNull();
    expect(readReferralToken(secret, createCheckInToken(secret, { personId, programmeId }))).toBeNull();
    expect(readReferralToken(secret, 'bukan token')).toBeNull();
  });
});

describe('participant tokens', () => {
  it('round-trips person, programme and expiry; reports expiry; never passes as a check-in QR', () => {
    const expiresAt = new Date('2030-01-01T00:00:00Z');
    const token = createParticipantToken(secret, { personId, programmeId, expiresAt });
    expect(readParticipantToken(secret, token, new Date('2029-12-31T23:59:59Z'))).toEqual({ ok: true, personId, programmeId, expiresAt, expired: false });
    expect(readParticipantToken(secret, token, expiresAt)).toMatchObject({ ok: true, expired: true });
    expect(readParticipantToken(secret, createCheckInToken(secret, { personId, programmeId }))).toEqual({ ok: false });
    expect(readParticipantToken(secret, createReferralToken(secret, championId))).toEqual({ ok: false });
  });
});
