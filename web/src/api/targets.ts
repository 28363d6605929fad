import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';
import type { Gender, ListStatus, Page, Target } from './types.ts';

export type TargetInput = {
  indicator: string;
  value: number;
  siteId: string | null;
  regionCode: string | null;
  sector: string | null;
  gender: Gender | null;
  periodStart: string | null;
  periodEnd: string | null;
  notes: string | null;
};
export type UpdateTargetInput = Partial<TargetInput> & { archived?: boolean };

/**
 * Filters and paging of `GET /api/programs/:id/targets`. `regionCode` also matches regions within
 * it and targets through their site; the period keeps targets overlapping `periodFrom`–`periodTo`.
 */
export type TargetListParams = {
  indicator?: string;
  siteId?: string;
  regionCode?: string;
  sector?: string;
  gender?: Gender;
  periodFrom?: string;
  periodTo?: string;
  status?: ListStatus;
  includeArchived?: boolean;
  page?: number;
  pageSize?: number;
};

const targetKeys = {
  all: (programmeId: string) => ['programmes', programmeId, 'targets'] as const,
  list: (programmeId: string, params: TargetListParams) => ['programmes', programmeId, 'targets', 'list', params] as const,
  one: (programmeId: string, id: string) => ['programmes', programmeId, 'targets', 'one', id] as const,
};

export function useTargets(programmeId: string, params: TargetListParams) {
  return useQuery({
    queryKey: targetKeys.list(programmeId, params),
    queryFn: ({ signal }) => apiFetch<Page<Target>>(`/api/programs/${programmeId}/targets`, { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

/** One target; `null` while none is chosen. */
export function useTarget(programmeId: string, targetId: string | null) {
  return useQuery({
    queryKey: targetKeys.one(programmeId, targetId ?? ''),
    queryFn: ({ signal }) => apiFetch<Target>(`/api/programs/${programmeId}/targets/${targetId}`, { signal }),
    enabled: targetId !== null,
  });
}

function useRefresh(programmeId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: targetKeys.all(programmeId) });
}

export function useCreateTarget(programmeId: string) {
  const refresh = useRefresh(programmeId);
  return useMutation({
    mutationFn: (input: TargetInput) => apiFetch<Target>(`/api/programs/${programmeId}/targets`, { method: 'POST', body: input }),
    onSuccess: refresh,
  });
}

export function useUpdateTarget(programmeId: string) {
  const refresh = useRefresh(programmeId);
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateTargetInput }) => apiFetch<Target>(`/api/programs/${programmeId}/targets/${id}`, { method: 'PATCH', body: input }),
    onSuccess: refresh,
  });
}
