import { openDB, type IDBPDatabase } from 'idb';
import type { AnswerStore } from '../offline/network-first.ts';
import type { QueuedAttempt, QueuedFeedback } from './participant-queue.ts';

/**
 * The participant page's IndexedDB database, `berdaya-participant`, so that the page opens and
 * works on the participant's phone without signal after one visit with signal:
 * - `attempts`: test attempts taken on this phone, kept until the server has scored them;
 * - `feedback`: session feedback given on this phone, kept until the server has it;
 * - `saved`: the server's last answers the page shows (the participant's tests with their
 *   questions, sessions and certificate per personal link; the self-assessment questions per
 *   language), keyed by what was asked.
 */
type ParticipantDb = {
  attempts: { key: string; value: QueuedAttempt };
  feedback: { key: string; value: QueuedFeedback };
  saved: { key: string; value: SavedAnswer };
};

type SavedAnswer = { key: string; value: unknown; savedAt: string };

let opening: Promise<IDBPDatabase<ParticipantDb>> | null = null;

export function database(): Promise<IDBPDatabase<ParticipantDb>> {
  opening ??= openDB<ParticipantDb>('berdaya-participant', 2, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) db.createObjectStore('attempts', { keyPath: 'clientId' });
      // Version 2: feedback queued like the attempts, and the page's data for use without signal.
      if (oldVersion < 2) {
        db.createObjectStore('feedback', { keyPath: 'clientId' });
        db.createObjectStore('saved', { keyPath: 'key' });
      }
    },
  });
  return opening;
}

/** The server's last answers, for `networkFirst`. */
export const savedAnswers: AnswerStore = {
  async get<T>(key: string) {
    const hit = await (await database()).get('saved', key);
    return hit ? { value: hit.value as T, savedAt: hit.savedAt } : undefined;
  },
  async put<T>(key: string, value: T) {
    const entry = { key, value, savedAt: new Date().toISOString() };
    await (await database()).put('saved', entry);
    return entry;
  },
};
