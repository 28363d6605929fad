import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';
import type { Gender, Page, Target } from './types.ts';

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

const targetKeys = {
  all: (programmeId: string) => ['programmes', programmeId, 'targets'] as const,
  list: (programmeId: string, includeArchived: boolean) => ['programmes', programmeId, 'targets', { includeArchived }] as const,
};

export function useTargets(programmeId: string, includeArchived: boolean) {
  return useQuery({
    queryKey: targetKeys.list(programmeId, includeArchived),
    queryFn: ({ signal }) => apiFetch<Page<Target>>(`/api/programs/${programmeId}/targets`, { query: { includeArchived }, signal }),
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
