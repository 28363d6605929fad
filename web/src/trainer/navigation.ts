import { useSyncExternalStore } from 'react';

/**
 * The trainer app's screens, addressed by path so that a reload (also offline) comes back to
 * the same place. A few lines of History API rather than react-router, which would cost the
 * app a quarter of its JavaScript budget.
 */
export type TrainerRoute =
  | { name: 'sessions' }
  | { name: 'session'; id: string }
  | { name: 'caseload' }
  | { name: 'msme'; programmeId: string; msmeId: string };

export const sessionPath = (id: string) => `/trainer/sessions/${id}`;
export const CASELOAD_PATH = '/trainer/caseload';
export const msmePath = (programmeId: string, msmeId: string) => `${CASELOAD_PATH}/${programmeId}/${msmeId}`;

const UUID = '([0-9a-f-]{36})';

export function parseRoute(pathname: string): TrainerRoute {
  const session = new RegExp(`^/trainer/sessions/${UUID}/?$`, 'i').exec(pathname);
  if (session?.[1]) return { name: 'session', id: session[1] };
  const msme = new RegExp(`^/trainer/caseload/${UUID}/${UUID}/?$`, 'i').exec(pathname);
  if (msme?.[1] && msme[2]) return { name: 'msme', programmeId: msme[1], msmeId: msme[2] };
  if (/^\/trainer\/caseload\/?$/.test(pathname)) return { name: 'caseload' };
  return { name: 'sessions' };
}

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());
window.addEventListener('popstate', notify);

export function navigate(path: string): void {
  window.history.pushState(null, '', path);
  notify();
  window.scrollTo(0, 0);
}

export function useRoute(): TrainerRoute {
  const pathname = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => window.location.pathname,
  );
  return parseRoute(pathname);
}
