import { isApiError } from '../api/client.ts';

/** A server answer, fresh or (without network) the last one kept on the device. */
export type Cached<T> = { data: T; savedAt: string; fromCache: boolean };

/** Where an app keeps its last answers (an IndexedDB store of its own database). */
export type AnswerStore = {
  get<T>(key: string): Promise<{ value: T; savedAt: string } | undefined>;
  put<T>(key: string, value: T): Promise<{ savedAt: string }>;
};

/** No network, or the server is unreachable or failing: the device's copy will do. */
const unreachable = (error: unknown): boolean => isApiError(error) && (error.status === 0 || error.status >= 500);

/** Network first (the freshest answer, then kept on the device); the kept copy when there is no network. */
export async function networkFirst<T>(store: AnswerStore, key: string, load: () => Promise<T>): Promise<Cached<T>> {
  try {
    const data = await load();
    const entry = await store.put(key, data);
    return { data, savedAt: entry.savedAt, fromCache: false };
  } catch (error) {
    if (unreachable(error)) {
      const hit = await store.get<T>(key);
      if (hit) return { data: hit.value, savedAt: hit.savedAt, fromCache: true };
    }
    throw error;
  }
}
