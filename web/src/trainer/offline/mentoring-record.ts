import type { MilestoneKind, VisitMode } from '../../api/types.ts';

/** A photo of a visit or milestone: compressed on the phone, kept in `photos` until the server has it. */
export type PhotoRef = {
  /** Generated on the device: an upload sent twice is stored once. */
  clientId: string;
  size: number;
  status: 'pending' | 'uploaded' | 'rejected';
  message: string | null;
};

export type PhotoBlob = { clientId: string; recordId: string; blob: Blob; type: string };

/**
 * A mentoring visit or a milestone recorded by a mentor on this device. `status` is the record's
 * own answer from the server (`pending` until it came): `synced` (stored, or already there) or
 * `rejected` with the reason. Photos follow the record: they are uploaded once the server has
 * answered with the visit's id.
 */
export type MentoringRecord = {
  clientId: string;
  userId: string;
  kind: 'visit' | 'milestone';
  programmeId: string;
  msmeId: string;
  /** Shown in lists. */
  businessName: string;
  visit: { visitedOn: string; mode: VisitMode; notes: string | null; agreedActions: string[] } | null;
  milestone: { kind: MilestoneKind; reachedOn: string; evidenceUrl: string | null; notes: string | null } | null;
  photos: PhotoRef[];
  /** ISO 8601 with offset: when the mentor recorded it. */
  capturedAt: string;
  capturedOffline: boolean;
  status: 'pending' | 'synced' | 'rejected';
  /** The visit's id on the server, once it answered. */
  serverId: string | null;
  attempts: number;
  lastAttemptAt: string | null;
  syncedAt: string | null;
  reason: string | null;
  message: string | null;
};

/** What the mentor sees: waiting (the record or one of its photos), synced, or refused. */
export type MentoringState = 'pending' | 'synced' | 'rejected';

export function mentoringState(record: MentoringRecord): MentoringState {
  if (record.status === 'rejected') return 'rejected';
  if (record.status === 'pending' || record.photos.some((p) => p.status === 'pending')) return 'pending';
  return 'synced';
}

/** Something is left to send: the record, or a photo of a record the server has taken. */
export const needsSync = (record: MentoringRecord): boolean => mentoringState(record) === 'pending';
