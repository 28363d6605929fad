import type { Gender, RosterEntry } from '../../api/types.ts';

/** The participant fields a trainer may change offline (`POST /api/sync/participants`, src/modules/attendance/schema.ts). */
export const EDIT_FIELDS = ['ownerName', 'businessName', 'phone', 'nik', 'gender', 'email', 'sector', 'nib', 'address', 'regency'] as const;
export type EditField = (typeof EDIT_FIELDS)[number];

/** Only the fields the trainer changed; `''` clears one. */
export type EditValues = Partial<Record<Exclude<EditField, 'gender'>, string>> & { gender?: Gender | '' };

/**
 * What the server answered: `applied`, or `conflict` (the participant changed on the server
 * since the version the device edited: kept for the coordinator, nothing overwritten), or
 * `rejected` with the reason (and the registry's field messages for `invalid_values`).
 */
export type EditStatus = 'pending' | 'applied' | 'conflict' | 'rejected';

/** A participant edit made on this device (IndexedDB `edits`), kept with the server's answer. */
export type EditRecord = {
  /** Generated on the device: the server records each edit once by it. */
  clientId: string;
  userId: string;
  /** The session whose roster the trainer edited from (the server checks the trainer runs it). */
  sessionId: string;
  personId: string;
  /** The participant's name on the roster, for lists. */
  name: string;
  /** The participant's `version` on the roster copy the trainer edited. */
  baseVersion: string;
  /**
   * An earlier edit of the same person on this device that the roster copy did not show yet:
   * this edit builds on it, so it is sent with the version that edit produced (a trainer's
   * second edit never conflicts with their own first one).
   */
  after: string | null;
  /** The version actually sent (set when sent). */
  sentBase: string | null;
  values: EditValues;
  editedAt: string;
  capturedOffline: boolean;
  status: EditStatus;
  /** The participant's version after the edit (applied). */
  version: string | null;
  conflictId: string | null;
  attempts: number;
  lastAttemptAt: string | null;
  syncedAt: string | null;
  reason: string | null;
  message: string | null;
  fields: Record<string, string> | null;
};

/** The fields of a roster entry the device knows, as the edit form shows them. */
export type KnownValues = { ownerName: string; businessName: string; phone: string; gender: Gender | '' };

/** The roster copy's values with this device's edits not yet reflected in it laid over them. */
export function knownValues(entry: RosterEntry, edits: EditRecord[]): KnownValues {
  const known: KnownValues = { ownerName: entry.name, businessName: entry.businessName ?? '', phone: entry.phone ?? '', gender: entry.gender ?? '' };
  for (const edit of unreflected(entry, edits)) {
    for (const field of ['ownerName', 'businessName', 'phone', 'gender'] as const) {
      const value = edit.values[field];
      if (value !== undefined) Object.assign(known, { [field]: value });
    }
  }
  return known;
}

const byTime = (a: EditRecord, b: EditRecord) => a.editedAt.localeCompare(b.editedAt);

/**
 * This person's edits on the device that the roster copy does not show yet: waiting, or applied
 * after the copy was taken (versions are ISO timestamps, so they compare as strings).
 */
export function unreflected(entry: RosterEntry, edits: EditRecord[]): EditRecord[] {
  return edits
    .filter((e) => e.personId === entry.personId && (e.status === 'pending' || (e.status === 'applied' && e.version !== null && e.version > entry.version)))
    .sort(byTime);
}

/** The edit a new one builds on (see `EditRecord.after`), if any. */
export function previousEdit(entry: RosterEntry, edits: EditRecord[]): EditRecord | null {
  return unreflected(entry, edits).at(-1) ?? null;
}

/**
 * The version to send: the one the device edited, or, after an earlier edit of this device that
 * was applied, the version that edit produced. After one that conflicted or was refused, the
 * server did not take it: the earlier edit's own base still describes what the device knew.
 */
export function baseToSend(record: EditRecord, all: EditRecord[]): string {
  if (!record.after) return record.baseVersion;
  const previous = all.find((e) => e.clientId === record.after);
  if (!previous) return record.baseVersion;
  if (previous.status === 'applied' && previous.version) return previous.version;
  return previous.sentBase ?? previous.baseVersion;
}

/** The latest edit of a person on this device: its state is shown on the roster row. */
export function latestEdit(personId: string, edits: EditRecord[]): EditRecord | null {
  return edits.filter((e) => e.personId === personId).sort(byTime).at(-1) ?? null;
}
