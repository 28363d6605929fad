import { outboxAll, outboxDelete, outboxPut } from './db.ts';
import { recordStore } from './record-store.ts';
import type { OutboxKind, OutboxRecord, WalkInValues } from './outbox-record.ts';

/**
 * The outbox as the screens see it: loaded once from IndexedDB, then kept in memory and written
 * through on every change, so that a reload (even offline) shows exactly what is queued.
 */
const store = recordStore<OutboxRecord>({ readAll: outboxAll, order: (a, b) => a.capturedAt.localeCompare(b.capturedAt) });

export const loadOutbox = store.load;
export const outboxSnapshot = store.snapshot;
export const useOutbox = store.useRecords;

/** Writes changed records to IndexedDB first, then to the screens. */
export async function saveRecords(changed: OutboxRecord[]): Promise<void> {
  if (changed.length === 0) return;
  await outboxPut(changed);
  store.show(changed);
}

type Capture = { userId: string; sessionId: string; kind: OutboxKind; personId: string | null; name: string; token?: string; walkIn?: WalkInValues };

/** A new record, with its client-generated id; it is durable (in IndexedDB) before this resolves. */
export async function capture(input: Capture): Promise<OutboxRecord> {
  await loadOutbox();
  const record: OutboxRecord = {
    clientId: crypto.randomUUID(),
    userId: input.userId,
    sessionId: input.sessionId,
    kind: input.kind,
    personId: input.personId,
    name: input.name,
    token: input.token ?? null,
    walkIn: input.walkIn ?? null,
    capturedAt: new Date().toISOString(),
    capturedOffline: !navigator.onLine,
    status: 'pending',
    attempts: 0,
    lastAttemptAt: null,
    syncedAt: null,
    reason: null,
    message: null,
    fields: null,
  };
  await saveRecords([record]);
  return record;
}

/** A mistaken tap may be taken back while the record has never been sent. */
export async function discard(record: OutboxRecord): Promise<boolean> {
  // The latest state, not the one on screen: the sync loop may have started sending it.
  const current = store.snapshot().find((r) => r.clientId === record.clientId);
  if (!current || current.status !== 'pending' || current.attempts > 0) return false;
  await outboxDelete(record.clientId);
  store.show([], [record.clientId]);
  return true;
}

/** A refused walk-in, corrected by the trainer, is queued again (same client id: still one attendance). */
export async function retryWalkIn(record: OutboxRecord, walkIn: WalkInValues): Promise<void> {
  await saveRecords([{ ...record, walkIn, name: walkIn.ownerName, status: 'pending', reason: null, message: null, fields: null }]);
}
