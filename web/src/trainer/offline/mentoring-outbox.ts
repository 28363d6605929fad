import { mentoringAll, mentoringDelete, mentoringPut } from './db.ts';
import { recordStore } from './record-store.ts';
import type { MentoringRecord, PhotoBlob } from './mentoring-record.ts';

/**
 * Mentoring records as the screens see them: loaded once from IndexedDB, kept in memory and
 * written through on every change (the same pattern as the attendance outbox).
 */
const store = recordStore<MentoringRecord>({ readAll: mentoringAll, order: (a, b) => b.capturedAt.localeCompare(a.capturedAt) });

export const loadMentoring = store.load;
export const mentoringSnapshot = store.snapshot;
export const useMentoringRecords = store.useRecords;

export async function saveMentoring(changed: MentoringRecord[], photos: PhotoBlob[] = []): Promise<void> {
  if (changed.length === 0) return;
  await mentoringPut(changed, photos);
  store.show(changed);
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
  const current = store.snapshot().find((r) => r.clientId === record.clientId);
  if (!current || current.status !== 'pending' || current.attempts > 0) return false;
  await mentoringDelete(record.clientId, current.photos.map((p) => p.clientId));
  store.show([], [record.clientId]);
  return true;
}
