import { useQuery, type QueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../api/client.ts';
import type { CurrentUser, MyCaseloadItem, MySession, Reference, SessionDetail, Visit } from '../../api/types.ts';
import { addDays, todayInJakarta } from '../../format/time-zone.ts';
import { networkFirst, type AnswerStore, type Cached } from '../../offline/network-first.ts';
import { cacheGet, cachePut } from './db.ts';

export type { Cached };

const answers: AnswerStore = { get: cacheGet, put: cachePut };

/** Network first (the freshest roster); the copy in IndexedDB when there is no network. */
export function cachedFetch<T>(key: string, path: string, query?: Record<string, string>): Promise<Cached<T>> {
  return networkFirst(answers, key, () => apiFetch<T>(path, { query, redirectOn401: false }));
}

export const trainerKeys = {
  me: ['trainer', 'me'] as const,
  sessions: (userId: string) => ['trainer', userId, 'sessions'] as const,
  session: (userId: string, id: string) => ['trainer', userId, 'session', id] as const,
  reference: ['trainer', 'reference'] as const,
  caseload: (userId: string) => ['trainer', userId, 'caseload'] as const,
  visits: (userId: string, programmeId: string, msmeId: string) => ['trainer', userId, 'visits', programmeId, msmeId] as const,
};

/** Who is signed in; offline, the last trainer who was. `null` when nobody is. */
export function useTrainerMe() {
  return useQuery({
    queryKey: trainerKeys.me,
    queryFn: async () => {
      const me = await cachedFetch<{ user: CurrentUser | null }>('me', '/api/auth/me');
      return { ...me, data: me.data.user };
    },
  });
}

/** The trainer's sessions from a fortnight ago on, across programmes. */
export function useMySessions(userId: string) {
  return useQuery({
    queryKey: trainerKeys.sessions(userId),
    queryFn: () => cachedFetch<{ items: MySession[] }>(`u:${userId}:sessions`, '/api/me/sessions', { from: addDays(todayInJakarta(), -14) }),
  });
}

const sessionQuery = (userId: string, id: string) => ({
  queryKey: trainerKeys.session(userId, id),
  queryFn: () => cachedFetch<SessionDetail>(`u:${userId}:session:${id}`, `/api/sessions/${id}`),
});

export function useTrainerSession(userId: string, id: string) {
  return useQuery(sessionQuery(userId, id));
}

/** Sector codes for the walk-in form (they change only with a release). */
export function useTrainerReference() {
  return useQuery({ queryKey: trainerKeys.reference, queryFn: () => cachedFetch<Reference>('reference', '/api/reference'), staleTime: Infinity });
}

/**
 * Keeps every session that is not over on the device, with its roster, so that any of them can
 * be opened without network later. Returns when all are saved.
 */
export async function keepSessionsOffline(queryClient: QueryClient, userId: string, sessions: MySession[]): Promise<void> {
  const recent = Date.now() - 3 * 86_400_000;
  const soon = sessions.filter((s) => s.status !== 'cancelled' && new Date(s.endsAt).getTime() > recent).slice(0, 40);
  for (const session of soon) await queryClient.prefetchQuery(sessionQuery(userId, session.id));
}

/** The mentor's caseload across programmes, with owners' phones: kept on the device for visits without signal. */
export function useMyCaseload(userId: string) {
  return useQuery({
    queryKey: trainerKeys.caseload(userId),
    queryFn: () => cachedFetch<{ items: MyCaseloadItem[] }>(`u:${userId}:caseload`, '/api/me/caseload'),
  });
}

const visitsQuery = (userId: string, programmeId: string, msmeId: string) => ({
  queryKey: trainerKeys.visits(userId, programmeId, msmeId),
  queryFn: () => cachedFetch<{ items: Visit[] }>(`u:${userId}:visits:${programmeId}:${msmeId}`, `/api/programs/${programmeId}/msmes/${msmeId}/visits`),
});

/** An MSME's visits recorded on the server (by anyone), newest first. */
export function useMsmeVisits(userId: string, programmeId: string, msmeId: string) {
  return useQuery(visitsQuery(userId, programmeId, msmeId));
}

/**
 * Keeps the caseload and each MSME's visit history on the device (the 40 least recently
 * visited first: the ones a mentor is about to see), so that they open without network.
 */
export async function keepCaseloadOffline(queryClient: QueryClient, userId: string): Promise<void> {
  const caseload = await queryClient.fetchQuery({ queryKey: trainerKeys.caseload(userId), queryFn: () => cachedFetch<{ items: MyCaseloadItem[] }>(`u:${userId}:caseload`, '/api/me/caseload') });
  const next = [...caseload.data.items].sort((a, b) => (a.lastVisitOn ?? '').localeCompare(b.lastVisitOn ?? '')).slice(0, 40);
  for (const item of next) await queryClient.prefetchQuery(visitsQuery(userId, item.programme.id, item.msmeId));
}
