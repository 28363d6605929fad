import { useSyncExternalStore } from 'react';
import { mentoringAll, mentoringDelete, mentoringPut } from './db.ts';
import type { MentoringRecord, PhotoBlob } from './mentoring-record.ts';

/**
 * Mentoring records as the screens see them: loaded once from IndexedDB, kept in memory and
 * written through on every change (the same pattern as the attendance outbox).
 */
let records: MentoringRecord[] = [];
let loaded: Promise<void> | null = null;
const listeners = new Set<() => void>();

function publish(next: MentoringRecord[]): void {
  records = next.sort((a, b) => b.capturedAt.localeCompare(a.capturedAt));
  for (const listener of listeners) listener();
}

export function loadMentoring(): Promise<void> {
  loaded ??= mentoringAll().then(publish);
  return loaded;
}

export function mentoringSnapshot(): MentoringRecord[] {
  return records;
}

export function useMentoringRecords(): MentoringRecord[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => records,
  );
}

export async function saveMentoring(changed: MentoringRecord[], photos: PhotoBlob[] = []): Promise<void> {
  if (changed.length === 0) return;
  await mentoringPut(changed, photos);
  const byId = new Map(changed.map((r) => [r.clientId, r]));
  publish([...records.filter((r) => !byId.has(r.clientId)), ...changed]);
}

type Capture = Pick<MentoringRecord, 'userId' | 'kind' | 'programmeId' | 'msmeId' | 'businessName' | 'visit' | 'milestone'> & { photos: Blob[] };

/** A new visit or milestone with its photos, durable on the device before this resolves. */
export async function captureMentoring(input: Capture): Promise<MentoringRecord> {
  await loadMentoring();
  const clientId = crypto.randomUUID();
  const photos: PhotoBlob[] = input.photos.map((blob) => ({ clientId: crypto.randomUUID(), recordId: clientId, blob, type: blob.type || 'image/jpeg' }));
  const record: MentoringRecord = {
    clientId,
    userId: input.userId,
    kind: input.kind,
    programmeId: input.programmeId,
    msmeId: input.msmeId,
    businessName: input.businessName,
    visit: input.visit,
    milestone: input.milestone,
    photos: photos.map((p) => ({ clientId: p.clientId, size: p.blob.size, status: 'pending', message: null })),
    capturedAt: new Date().toISOString(),
    capturedOffline: !navigator.onLine,
    status: 'pending',
    serverId: null,
    attempts: 0,
    lastAttemptAt: null,
    syncedAt: null,
    reason: null,
    message: null,
  };
  await saveMentoring([record], photos);
  return record;
}

/** A record never sent may be taken back (with its photos). */
export async function discardMentoring(record: MentoringRecord): Promise<boolean> {
  const current = records.find((r) => r.clientId === record.clientId);
  if (!current || current.status !== 'pending' || current.attempts > 0) return false;
  await mentoringDelete(record.clientId, current.photos.map((p) => p.clientId));
  publish(records.filter((r) => r.clientId !== record.clientId));
  return true;
}
