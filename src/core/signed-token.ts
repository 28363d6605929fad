import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Compact signed tokens for links and QR codes: `<payload>.<signature>`, both base64url.
 * The signature is HMAC-SHA256 truncated to 128 bits, keyed by a key derived from the app
 * secret and the token's purpose, so that a check-in QR can never pass as an RSVP link.
 * Payloads are readable (not encrypted): they hold ids, never personal data.
 */
const SIGNATURE_BYTES = 16;

function purposeKey(secret: string, purpose: string): Buffer {
  return createHmac('sha256', secret).update(`berdaya:${purpose}`).digest();
}

function signature(secret: string, purpose: string, payload: Buffer): Buffer {
  return createHmac('sha256', purposeKey(secret, purpose)).update(payload).digest().subarray(0, SIGNATURE_BYTES);
}

export function signToken(secret: string, purpose: string, payload: Buffer): string {
  return `${payload.toString('base64url')}.${signature(secret, purpose, payload).toString('base64url')}`;
}

/** The payload when the signature is right; null for anything malformed or tampered with. */
export function verifyToken(secret: string, purpose: string, token: string): Buffer | null {
  const parts = token.trim().split('.');
  if (parts.length !== 2) return null;
  const [payloadText, signatureText] = parts as [string, string];
  if (!/^[\w-]+$/.test(payloadText) || !/^[\w-]+$/.test(signatureText)) return null;
  const payload = Buffer.from(payloadText, 'base64url');
  const given = Buffer.from(signatureText, 'base64url');
  // Reject non-canonical encodings, so that a token has exactly one spelling.
  if (payload.toString('base64url') !== payloadText || given.toString('base64url') !== signatureText) return null;
  const expected = signature(secret, purpose, payload);
  return given.length === expected.length && timingSafeEqual(given, expected) ? payload : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidBytes(id: string): Buffer {
  if (!UUID.test(id)) throw new Error('not a UUID');
  return Buffer.from(id.replaceAll('-', ''), 'hex');
}

function uuidFrom(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const CHECK_IN = 'check-in';
const CHECK_IN_VERSION = 1;

export type CheckInIdentity = { personId: string; programmeId: string };

/**
 * A participant's personal check-in QR: (person, programme), signed, without expiry (it is
 * printed and sent once). Payload: version byte, person id, programme id (33 bytes), so
 * that the QR stays small enough for a cheap phone camera. An offline trainer app may read
 * the person id from the payload without the secret; the server verifies the signature.
 */
export function createCheckInToken(secret: string, identity: CheckInIdentity): string {
  return signToken(secret, CHECK_IN, Buffer.concat([Buffer.from([CHECK_IN_VERSION]), uuidBytes(identity.personId), uuidBytes(identity.programmeId)]));
}

export function readCheckInToken(secret: string, token: string): CheckInIdentity | null {
  const payload = verifyToken(secret, CHECK_IN, token);
  if (!payload || payload.length !== 33 || payload[0] !== CHECK_IN_VERSION) return null;
  return { personId: uuidFrom(payload.subarray(1, 17)), programmeId: uuidFrom(payload.subarray(17, 33)) };
}

const RSVP = 'rsvp';
const RSVP_VERSION = 1;

export type RsvpTokenResult = { ok: true; recipientId: string; expiresAt: Date; expired: boolean } | { ok: false };

/**
 * A personal RSVP link: the campaign recipient and an expiry (whole seconds), signed.
 * Payload: version byte, recipient id, expiry as uint32 seconds (21 bytes).
 */
export function createRsvpToken(secret: string, options: { recipientId: string; expiresAt: Date }): string {
  const expiry = Buffer.alloc(4);
  expiry.writeUInt32BE(Math.floor(options.expiresAt.getTime() / 1000));
  return signToken(secret, RSVP, Buffer.concat([Buffer.from([RSVP_VERSION]), uuidBytes(options.recipientId), expiry]));
}

/** Verifies an RSVP token; an authentic but expired token is reported as such (opt-out still honours it). */
export function readRsvpToken(secret: string, token: string, now: Date = new Date()): RsvpTokenResult {
  const payload = verifyToken(secret, RSVP, token);
  if (!payload || payload.length !== 21 || payload[0] !== RSVP_VERSION) return { ok: false };
  const expiresAt = new Date(payload.readUInt32BE(17) * 1000);
  return { ok: true, recipientId: uuidFrom(payload.subarray(1, 17)), expiresAt, expired: now.getTime() >= expiresAt.getTime() };
}

const REFERRAL = 'referral';
const REFERRAL_VERSION = 1;

/**
 * A digital champion's personal referral link/QR: the champion id, signed, without expiry (it
 * is printed on posters). Payload: version byte, champion id (17 bytes). A champion who is
 * deactivated stops the link on the server, not in the token.
 */
export function createReferralToken(secret: string, championId: string): string {
  return signToken(secret, REFERRAL, Buffer.concat([Buffer.from([REFERRAL_VERSION]), uuidBytes(championId)]));
}

export function readReferralToken(secret: string, token: string): { championId: string } | null {
  const payload = verifyToken(secret, REFERRAL, token);
  if (!payload || payload.length !== 17 || payload[0] !== REFERRAL_VERSION) return null;
  return { championId: uuidFrom(payload.subarray(1, 17)) };
}

const PARTICIPANT = 'participant';
const PARTICIPANT_VERSION = 1;

export type ParticipantTokenResult = { ok: true; personId: string; programmeId: string; expiresAt: Date; expired: boolean } | { ok: false };

/**
 * A participant's personal link for the things they do themselves on their phone (knowledge
 * tests, session feedback, maturity self-assessment, their certificates): person, programme
 * and expiry, signed. Payload: version byte, person id, programme id, expiry as uint32
 * seconds (37 bytes). A purpose of its own: a check-in QR seen over a shoulder opens nothing.
 */
export function createParticipantToken(secret: string, options: { personId: string; programmeId: string; expiresAt: Date }): string {
  const expiry = Buffer.alloc(4);
  expiry.writeUInt32BE(Math.floor(options.expiresAt.getTime() / 1000));
  return signToken(secret, PARTICIPANT, Buffer.concat([Buffer.from([PARTICIPANT_VERSION]), uuidBytes(options.personId), uuidBytes(options.programmeId), expiry]));
}

export function readParticipantToken(secret: string, token: string, now: Date = new Date()): ParticipantTokenResult {
  const payload = verifyToken(secret, PARTICIPANT, token);
  if (!payload || payload.length !== 37 || payload[0] !== PARTICIPANT_VERSION) return { ok: false };
  const expiresAt = new Date(payload.readUInt32BE(33) * 1000);
  return { ok: true, personId: uuidFrom(payload.subarray(1, 17)), programmeId: uuidFrom(payload.subarray(17, 33)), expiresAt, expired: now.getTime() >= expiresAt.getTime() };
}

const MY_DATA = 'my-data';
const MY_DATA_VERSION = 1;

export type MyDataTokenResult = { ok: true; personId: string; requestId: string; expiresAt: Date; expired: boolean } | { ok: false };

/**
 * Short-lived access of a person to their own data, given after a one-time code was verified:
 * person, the code request it came from (deleted when the data is erased, which ends the access)
 * and expiry, signed. Payload: version byte, person id, request id, expiry as uint32 seconds (37 bytes).
 */
export function createMyDataToken(secret: string, options: { personId: string; requestId: string; expiresAt: Date }): string {
  const expiry = Buffer.alloc(4);
  expiry.writeUInt32BE(Math.floor(options.expiresAt.getTime() / 1000));
  return signToken(secret, MY_DATA, Buffer.concat([Buffer.from([MY_DATA_VERSION]), uuidBytes(options.personId), uuidBytes(options.requestId), expiry]));
}

export function readMyDataToken(secret: string, token: string, now: Date = new Date()): MyDataTokenResult {
  const payload = verifyToken(secret, MY_DATA, token);
  if (!payload || payload.length !== 37 || payload[0] !== MY_DATA_VERSION) return { ok: false };
  const expiresAt = new Date(payload.readUInt32BE(33) * 1000);
  return { ok: true, personId: uuidFrom(payload.subarray(1, 17)), requestId: uuidFrom(payload.subarray(17, 33)), expiresAt, expired: now.getTime() >= expiresAt.getTime() };
}
