import { useQuery } from '@tanstack/react-query';
import { apiFetch } from './client.ts';
import type { Reference } from './types.ts';

/** Code lists for forms (indicators, sectors, site types, ...); they change only with a release. */
export function useReference() {
  return useQuery({
    queryKey: ['reference'],
    queryFn: ({ signal }) => apiFetch<Reference>('/api/reference', { signal }),
    staleTime: Infinity,
  });
}
