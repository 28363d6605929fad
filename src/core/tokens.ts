import { createHash, randomBytes } from 'node:crypto';

/** A random URL-safe token (256 bits). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What we store instead of a token, so that a database leak does not leak live sessions. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
