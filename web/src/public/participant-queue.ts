import { useSyncExternalStore } from 'react';
import { sendParticipantAttempts, sendParticipantFeedback, type ParticipantFeedbackInput } from '../api/assessments.ts';
import { isApiError, type ApiError } from '../api/client.ts';
import type { ParticipantAttempt } from '../api/types.ts';
import { database } from './participant-db.ts';

/**
 * Test attempts and session feedback given on the participant's phone, kept in IndexedDB
 * (`berdaya-participant`, see participant-db.ts) until the server has them: what was finished
 * without signal is sent when the network returns, also after the page was closed and opened
 * again. Each record carries a client id, so sending it twice stores it once.
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

/** Feedback on a session: `sent` once the server has it (also when it already had it). */
export type QueuedFeedback = {
  clientId: string;
  token: string;
  feedback: ParticipantFeedbackInput;
  status: 'pending' | 'sent' | 'rejected';
  reason: string | null;
};

type Stores = { attempts: QueuedAttempt; feedback: QueuedFeedback };

/** One store of queued records, mirrored in memory for the page. */
function queue<S extends keyof Stores>(store: S) {
  type Record = Stores[S];
  let records: Record[] = [];
  let loaded: Promise<void> | null = null;
  const listeners = new Set<() => void>();
  const publish = (next: Record[]) => {
    records = next;
    listeners.forEach((l) => l());
  };
  const load = (): Promise<void> => {
    loaded ??= database()
      .then((db) => db.getAll(store) as Promise<Record[]>)
      .then(publish)
      .catch(() => publish([]));
    return loaded;
  };
  return {
    load,
    pending: (token: string) => records.filter((r) => r.token === token && r.status === 'pending'),
    async save(changed: Record[]): Promise<void> {
      const tx = (await database()).transaction(store, 'readwrite');
      await Promise.all([...changed.map((r) => tx.store.put(r)), tx.done]);
      const ids = new Set(changed.map((r) => r.clientId));
      publish([...records.filter((r) => !ids.has(r.clientId)), ...changed]);
    },
    useRecords(token: string): Record[] {
      const all = useSyncExternalStore(
        (listener) => {
          listeners.add(listener);
          void load();
          return () => listeners.delete(listener);
        },
        () => records,
      );
      return all.filter((r) => r.token === token);
    },
  };
}

const attempts = queue('attempts');
const feedback = queue('feedback');

export const useQueuedAttempts = (token: string): QueuedAttempt[] => attempts.useRecords(token);
export const useQueuedFeedback = (token: string): QueuedFeedback[] => feedback.useRecords(token);

/** The server refused the request itself (not the network, nor a timeout or too many requests): sending again will not help. */
const refused = (error: unknown): error is ApiError => isApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;

async function sendAttempts(token: string): Promise<void> {
  const pending = attempts.pending(token);
  if (pending.length === 0) return;
  try {
    const result = await sendParticipantAttempts(
      token,
      pending.map((r) => r.attempt),
    );
    const scores = new Map(result.scores.map((s) => [s.clientId, s]));
    const rejected = new Map(result.rejected.map((r) => [r.clientId, r.reason]));
    await attempts.save(
      pending.map((r) => {
        const score = scores.get(r.clientId);
        if (score) return { ...r, status: 'scored', score: { points: score.points, maxPoints: score.maxPoints, score: score.score, passed: score.passed } };
        const reason = rejected.get(r.clientId);
        return reason ? { ...r, status: 'rejected', reason } : r;
      }),
    );
  } catch (error) {
    // A refusal of the whole request (an expired link) is shown on each: nothing is dropped silently.
    if (refused(error)) await attempts.save(pending.map((r) => ({ ...r, status: 'rejected', reason: error.message })));
  }
}

async function sendFeedback(token: string): Promise<void> {
  for (const record of feedback.pending(token)) {
    try {
      await sendParticipantFeedback(token, record.feedback);
      await feedback.save([{ ...record, status: 'sent' }]);
    } catch (error) {
      // No network or server trouble: the rest waits for the next try as well.
      if (!refused(error)) return;
      const reason = Object.values(error.fields).join(' · ') || error.message;
      await feedback.save([{ ...record, status: 'rejected', reason }]);
    }
  }
}

let sending: Promise<void> | null = null;
/** A link to send for again once the current round is over (something was queued meanwhile). */
let again: string | null = null;

/** Sends the link's pending attempts and feedback; no network or server trouble leaves them pending for the next try. */
export function flushQueued(token: string): Promise<void> {
  if (sending) {
    again = token;
    return sending;
  }
  sending = (async () => {
    await Promise.all([attempts.load(), feedback.load()]);
    for (let next: string | null = token; next !== null && navigator.onLine; next = again) {
      again = null;
      await sendAttempts(next);
      await sendFeedback(next);
    }
  })().finally(() => {
    sending = null;
    again = null;
  });
  return sending;
}

/** Keeps the attempt on the device first, then sends it at once if there is network. */
export async function queueAttempt(token: string, attempt: ParticipantAttempt): Promise<void> {
  await attempts.load();
  await attempts.save([{ clientId: attempt.clientId, token, attempt, status: 'pending', score: null, reason: null }]);
  void flushQueued(token);
}

/** Keeps the feedback on the device first (again under the same client id after a refusal), then sends it if there is network. */
export async function queueFeedback(token: string, input: ParticipantFeedbackInput): Promise<void> {
  await feedback.load();
  await feedback.save([{ clientId: input.clientId, token, feedback: input, status: 'pending', reason: null }]);
  void flushQueued(token);
}
