import { openDB, type IDBPDatabase } from 'idb';
import type { EditRecord } from './edit-record.ts';
import type { MentoringRecord, PhotoBlob } from './mentoring-record.ts';
import type { OutboxRecord } from './outbox-record.ts';

/**
 * The trainer app's IndexedDB database, `berdaya-trainer`:
 * - `cache`: the last answers of the server the app needs offline (who is signed in, my
 *   sessions, each session with its roster), keyed by what was asked;
 * - `outbox`: every attendance mark, QR scan and walk-in captured on this device, kept until
 *   the server has answered for it, and afterwards with that answer (synced or rejected);
 * - `mentoring`: mentoring visits and milestones recorded on this device, the same way;
 * - `photos`: their photos (compressed on the phone) until each is uploaded;
 * - `edits`: participant edits made on a roster, kept with the server's answer (applied, or
 *   kept for the coordinator as a conflict).
 */
type TrainerDb = {
  cache: { key: string; value: CacheEntry };
  outbox: { key: string; value: OutboxRecord; indexes: { bySession: string } };
  mentoring: { key: string; value: MentoringRecord };
  photos: { key: string; value: PhotoBlob };
  edits: { key: string; value: EditRecord };
};

export type CacheEntry<T = unknown> = { key: string; value: T; savedAt: string };

const NAME = 'berdaya-trainer';
let opening: Promise<IDBPDatabase<TrainerDb>> | null = null;

export function database(): Promise<IDBPDatabase<TrainerDb>> {
  opening ??= openDB<TrainerDb>(NAME, 3, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('cache', { keyPath: 'key' });
        const outbox = db.createObjectStore('outbox', { keyPath: 'clientId' });
        outbox.createIndex('bySession', 'sessionId');
      }
      // Version 2: mentoring visits and milestones, and their photos.
      if (oldVersion < 2) {
        db.createObjectStore('mentoring', { keyPath: 'clientId' });
        db.createObjectStore('photos', { keyPath: 'clientId' });
      }
      // Version 3: participant edits.
      if (oldVersion < 3) db.createObjectStore('edits', { keyPath: 'clientId' });
    },
  });
  return opening;
}

export async function cacheGet<T>(key: string): Promise<CacheEntry<T> | undefined> {
  return (await (await database()).get('cache', key)) as CacheEntry<T> | undefined;
}

export async function cachePut<T>(key: string, value: T): Promise<CacheEntry<T>> {
  const entry = { key, value, savedAt: new Date().toISOString() };
  await (await database()).put('cache', entry);
  return entry;
}

export async function outboxAll(): Promise<OutboxRecord[]> {
  return (await database()).getAll('outbox');
}

export async function outboxPut(records: OutboxRecord[]): Promise<void> {
  const tx = (await database()).transaction('outbox', 'readwrite');
  await Promise.all([...records.map((record) => tx.store.put(record)), tx.done]);
}

export async function outboxDelete(clientId: string): Promise<void> {
  await (await database()).delete('outbox', clientId);
}

export async function mentoringAll(): Promise<MentoringRecord[]> {
  return (await database()).getAll('mentoring');
}

/** Records and their new photos in one transaction: a visit is never kept without its photos, nor the reverse. */
export async function mentoringPut(records: MentoringRecord[], photos: PhotoBlob[] = []): Promise<void> {
  const tx = (await database()).transaction(['mentoring', 'photos'], 'readwrite');
  const mentoring = tx.objectStore('mentoring');
  const blobs = tx.objectStore('photos');
  await Promise.all([...records.map((r) => mentoring.put(r)), ...photos.map((p) => blobs.put(p)), tx.done]);
}

export async function mentoringDelete(clientId: string, photoIds: string[]): Promise<void> {
  const tx = (await database()).transaction(['mentoring', 'photos'], 'readwrite');
  await Promise.all([tx.objectStore('mentoring').delete(clientId), ...photoIds.map((id) => tx.objectStore('photos').delete(id)), tx.done]);
}

export async function photoGet(clientId: string): Promise<PhotoBlob | undefined> {
  return (await database()).get('photos', clientId);
}

export async function photoDelete(clientId: string): Promise<void> {
  await (await database()).delete('photos', clientId);
}

export async function editsAll(): Promise<EditRecord[]> {
  return (await database()).getAll('edits');
}

export async function editsPut(records: EditRecord[]): Promise<void> {
  const tx = (await database()).transaction('edits', 'readwrite');
  await Promise.all([...records.map((record) => tx.store.put(record)), tx.done]);
}

export async function editDelete(clientId: string): Promise<void> {
  await (await database()).delete('edits', clientId);
}
