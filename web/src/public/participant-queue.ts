import { openDB, type IDBPDatabase } from 'idb';
import { useSyncExternalStore } from 'react';
import { sendParticipantAttempts } from '../api/assessments.ts';
import { isApiError } from '../api/client.ts';
import type { ParticipantAttempt } from '../api/types.ts';

/**
 * Test attempts taken on the participant's phone, kept in IndexedDB (`berdaya-participant`)
 * until the server has scored them: a test finished without signal is sent when the network
 * returns, also after the page was closed and opened again. Each attempt carries a client id,
 * so sending it twice stores it once.
 */
export type QueuedAttempt = {
  clientId: string;
  /** The personal link it was taken through (sent only with that link's token). */
  token: string;
  attempt: ParticipantAttempt;
  status: 'pending' | 'scored' | 'rejected';
  score: { points: number; maxPoints: number; score: number; passed: boolean | null } | null;
  reason: string | null;
};

type Db = { attempts: { key: string; value: QueuedAttempt } };

let opening: Promise<IDBPDatabase<Db>> | null = null;
const database = () => (opening ??= openDB<Db>('berdaya-participant', 1, { upgrade: (db) => void db.createObjectStore('attempts', { keyPath: 'clientId' }) }));

let records: QueuedAttempt[] = [];
let loaded: Promise<void> | null = null;
const listeners = new Set<() => void>();
const publish = (next: QueuedAttempt[]) => {
  records = next;
  listeners.forEach((l) => l());
};

function load(): Promise<void> {
  loaded ??= database()
    .then((db) => db.getAll('attempts'))
    .then(publish)
    .catch(() => publish([]));
  return loaded;
}

async function save(changed: QueuedAttempt[]): Promise<void> {
  const db = await database();
  const tx = db.transaction('attempts', 'readwrite');
  await Promise.all([...changed.map((r) => tx.store.put(r)), tx.done]);
  const ids = new Set(changed.map((r) => r.clientId));
  publish([...records.filter((r) => !ids.has(r.clientId)), ...changed]);
}

export function useQueuedAttempts(token: string): QueuedAttempt[] {
  const all = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      void load();
      return () => listeners.delete(listener);
    },
    () => records,
  );
  return all.filter((r) => r.token === token);
}

let sending: Promise<void> | null = null;

/** Sends the link's pending attempts; no network or server trouble leaves them pending for the next try. */
export function flushAttempts(token: string): Promise<void> {
  sending ??= (async () => {
    await load();
    const pending = records.filter((r) => r.token === token && r.status === 'pending');
    if (pending.length === 0 || !navigator.onLine) return;
    try {
      const result = await sendParticipantAttempts(
        token,
        pending.map((r) => r.attempt),
      );
      const scores = new Map(result.scores.map((s) => [s.clientId, s]));
      const refused = new Map(result.rejected.map((r) => [r.clientId, r.reason]));
      await save(
        pending.map((r) => {
          const score = scores.get(r.clientId);
          if (score) return { ...r, status: 'scored', score: { points: score.points, maxPoints: score.maxPoints, score: score.score, passed: score.passed } };
          const reason = refused.get(r.clientId);
          return reason ? { ...r, status: 'rejected', reason } : r;
        }),
      );
    } catch (error) {
      // A refusal of the whole request (an expired link) keeps them: nothing is dropped silently.
      if (isApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429) {
        await save(pending.map((r) => ({ ...r, status: 'rejected', reason: error.message })));
      }
    }
  })().finally(() => {
    sending = null;
  });
  return sending;
}

/** Keeps the attempt on the device first, then sends it at once if there is network. */
export async function queueAttempt(token: string, attempt: ParticipantAttempt): Promise<void> {
  await load();
  await save([{ clientId: attempt.clientId, token, attempt, status: 'pending', score: null, reason: null }]);
  void flushAttempts(token);
}
