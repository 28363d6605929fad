/**
 * A personal check-in QR code holds `<payload>.<signature>` in base64url; the payload is a
 * version byte (1), the person's id and the programme's id (16 bytes each). The device reads the
 * ids to show who was scanned, also offline; the server checks the signature when the scan syncs.
 */
export type CheckInIdentity = { personId: string; programmeId: string };

function base64UrlBytes(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  try {
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

function uuid(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The ids in a scanned code, or null for anything that is not a Berdaya check-in code. */
export function readCheckInCode(text: string): CheckInIdentity | null {
  const parts = text.trim().split('.');
  if (parts.length !== 2 || !parts[1]) return null;
  const payload = base64UrlBytes(parts[0] ?? '');
  if (!payload || payload.length !== 33 || payload[0] !== 1) return null;
  return { personId: uuid(payload.subarray(1, 17)), programmeId: uuid(payload.subarray(17, 33)) };
}
