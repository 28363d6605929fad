import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from './client.ts';
import type { Region } from './types.ts';

/** Fewer characters match too much to be useful (and the list would jump while typing). */
export const REGION_SEARCH_MIN_LENGTH = 2;

/** Regions matching a name or Kemendagri code (`31.74` or `3174`); levels default to regencies/cities. */
export function useRegionSearch(q: string, levels: readonly number[] = [2]) {
  const term = q.trim();
  return useQuery({
    queryKey: ['regions', 'search', term, levels.join(',')],
    queryFn: ({ signal }) => apiFetch<{ items: Region[] }>('/api/regions', { query: { q: term, level: levels.join(','), limit: 20 }, signal }),
    enabled: term.length >= REGION_SEARCH_MIN_LENGTH,
    staleTime: 10 * 60_000,
    placeholderData: keepPreviousData,
  });
}
