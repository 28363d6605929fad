/** What a trainer captured on the device: a person marked present, a QR code scanned, or a walk-in registered. */
export type OutboxKind = 'mark' | 'scan' | 'walk_in';

/**
 * `pending` until the server has answered; then `synced` (stored, or already there) or
 * `rejected` with the server's reason, which stays on screen: nothing is dropped silently.
 */
export type OutboxStatus = 'pending' | 'synced' | 'rejected';

/** The registry fields of a walk-in, as typed (the server validates them like a roster row). */
export type WalkInValues = {
  ownerName: string;
  businessName: string;
  nik: string;
  phone: string;
  gender: 'female' | 'male' | '';
  sector: string;
  regency: string;
};

export type OutboxRecord = {
  /** Generated on the device (`crypto.randomUUID()`): the server recognises a record sent again by it. */
  clientId: string;
  /** Who captured it: only their own records are sent with their session. */
  userId: string;
  sessionId: string;
  kind: OutboxKind;
  /** Known for marks and scans; for a walk-in once the server registered them. */
  personId: string | null;
  /** Shown in lists (the person's name). */
  name: string;
  /** The personal QR code's text (scans), verified by the server. */
  token: string | null;
  walkIn: WalkInValues | null;
  /** ISO 8601 with offset: when the trainer captured it, whatever the sync time. */
  capturedAt: string;
  capturedOffline: boolean;
  status: OutboxStatus;
  attempts: number;
  lastAttemptAt: string | null;
  syncedAt: string | null;
  /** A stable code (`session_cancelled`, `invalid_values`, …) and its message, for rejected records. */
  reason: string | null;
  message: string | null;
  /** Field → message, for a walk-in the registry refused. */
  fields: Record<string, string> | null;
};
