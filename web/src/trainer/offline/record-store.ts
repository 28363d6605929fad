import { useSyncExternalStore } from 'react';

/**
 * Records queued on the device (attendance, mentoring, participant edits) as the screens see them:
 * loaded once from IndexedDB, kept in memory and shown again after every write to IndexedDB, so
 * that a reload (even offline) shows exactly what is queued. `order` sorts them for the screens.
 */
export function recordStore<T extends { clientId: string }>(options: { readAll: () => Promise<T[]>; order: (a: T, b: T) => number }) {
  let records: T[] = [];
  let loaded: Promise<void> | null = null;
  const listeners = new Set<() => void>();
  const publish = (next: T[]) => {
    records = next.sort(options.order);
    for (const listener of listeners) listener();
  };
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  return {
    load(): Promise<void> {
      loaded ??= options.readAll().then(publish);
      return loaded;
    },
    snapshot(): T[] {
      return records;
    },
    useRecords(): T[] {
      return useSyncExternalStore(subscribe, () => records);
    },
    /** Once IndexedDB holds the change: shows `changed` in place of their earlier state, without `removed`. */
    show(changed: T[], removed: string[] = []): void {
      const replaced = new Set([...changed.map((r) => r.clientId), ...removed]);
      publish([...records.filter((r) => !replaced.has(r.clientId)), ...changed]);
    },
  };
}
