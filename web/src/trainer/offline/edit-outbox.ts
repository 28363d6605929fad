import type { RosterEntry } from '../../api/types.ts';
import { recordStore } from './record-store.ts';
import { editDelete, editsAll, editsPut } from './db.ts';
import { previousEdit, type EditRecord, type EditValues } from './edit-record.ts';

/**
 * Participant edits as the screens see them: loaded once from IndexedDB, kept in memory and
 * written through on every change (the same pattern as the attendance outbox).
 */
const store = recordStore<EditRecord>({ readAll: editsAll, order: (a, b) => a.editedAt.localeCompare(b.editedAt) });

export const loadEdits = store.load;
export const editsSnapshot = store.snapshot;
export const useEdits = store.useRecords;

export async function saveEdits(changed: EditRecord[]): Promise<void> {
  if (changed.length === 0) return;
  await editsPut(changed);
  store.show(changed);
}

/** A new edit of a roster entry, with the version the device holds; durable before this resolves. */
export async function captureEdit(input: { userId: string; sessionId: string; entry: RosterEntry; values: EditValues }): Promise<EditRecord> {
  await loadEdits();
  const { entry } = input;
  const record: EditRecord = {
    clientId: crypto.randomUUID(),
    userId: input.userId,
    sessionId: input.sessionId,
    personId: entry.personId,
    name: entry.name,
    baseVersion: entry.version,
    after: previousEdit(entry, store.snapshot().filter((r) => r.userId === input.userId))?.clientId ?? null,
    sentBase: null,
    values: input.values,
    editedAt: new Date().toISOString(),
    capturedOffline: !navigator.onLine,
    status: 'pending',
    version: null,
    conflictId: null,
    attempts: 0,
    lastAttemptAt: null,
    syncedAt: null,
    reason: null,
    message: null,
    fields: null,
  };
  await saveEdits([record]);
  return record;
}

/** An edit never sent may be taken back (unless a later edit builds on it). */
export async function discardEdit(record: EditRecord): Promise<boolean> {
  const current = store.snapshot().find((r) => r.clientId === record.clientId);
  if (!current || current.status !== 'pending' || current.attempts > 0 || store.snapshot().some((r) => r.after === record.clientId)) return false;
  await editDelete(record.clientId);
  store.show([], [record.clientId]);
  return true;
}

/**
 * A refused edit, corrected by the trainer, is queued again as a new edit (a new client id: the
 * server keeps the refused one under the old id) on the same version, in place of the refused one.
 */
export async function retryEdit(record: EditRecord, values: EditValues): Promise<void> {
  const again: EditRecord = { ...record, clientId: crypto.randomUUID(), values, editedAt: new Date().toISOString(), capturedOffline: !navigator.onLine, status: 'pending', sentBase: null, attempts: 0, lastAttemptAt: null, reason: null, message: null, fields: null };
  await editsPut([again]);
  await editDelete(record.clientId);
  store.show([again], [record.clientId]);
}
