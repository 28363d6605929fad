import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';
import type { Page, Programme, ProgrammeStatus, SiteType } from './types.ts';

export type ProgrammeListParams = {
  q?: string;
  status?: ProgrammeStatus;
  ownerOrganisationId?: string;
  includeArchived?: boolean;
  page?: number;
  pageSize?: number;
};

export type ProgrammeInput = {
  name: string;
  description: string | null;
  ownerOrganisationId?: string;
  startDate: string | null;
  endDate: string | null;
  status?: ProgrammeStatus;
};
export type CreateProgrammeInput = ProgrammeInput & { code: string };
export type UpdateProgrammeInput = Partial<ProgrammeInput> & { archived?: boolean };

export type ReplicateProgrammeInput = {
  code: string;
  name: string;
  startDate: string | null;
  endDate: string | null;
  regionCodes: string[];
  siteType?: SiteType;
  copyPartners: boolean;
  copyTargets: boolean;
};

export const programmeKeys = {
  all: ['programmes'] as const,
  list: (params: ProgrammeListParams) => ['programmes', 'list', params] as const,
  detail: (id: string) => ['programmes', 'detail', id] as const,
};

export function useProgrammes(params: ProgrammeListParams) {
  return useQuery({
    queryKey: programmeKeys.list(params),
    queryFn: ({ signal }) => apiFetch<Page<Programme>>('/api/programs', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useProgramme(id: string) {
  return useQuery({
    queryKey: programmeKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<Programme>(`/api/programs/${id}`, { signal }),
    // Pages that learn the programme from another record (a session) ask once they know it.
    enabled: id !== '',
  });
}

export function useCreateProgramme() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateProgrammeInput) => apiFetch<Programme>('/api/programs', { method: 'POST', body: input }),
    onSuccess: (programme) => {
      queryClient.setQueryData(programmeKeys.detail(programme.id), programme);
      return queryClient.invalidateQueries({ queryKey: programmeKeys.all });
    },
  });
}

export function useUpdateProgramme(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateProgrammeInput) => apiFetch<Programme>(`/api/programs/${id}`, { method: 'PATCH', body: input }),
    onSuccess: (programme) => {
      queryClient.setQueryData(programmeKeys.detail(id), programme);
      return queryClient.invalidateQueries({ queryKey: programmeKeys.all });
    },
  });
}

export function useReplicateProgramme(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ReplicateProgrammeInput) => apiFetch<Programme>(`/api/programs/${id}/replicate`, { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: programmeKeys.all }),
  });
}

/** Programmes counted by the programme detail: partner and site changes refresh them. */
export function invalidateProgramme(queryClient: ReturnType<typeof useQueryClient>, id: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: programmeKeys.detail(id) }),
    queryClient.invalidateQueries({ queryKey: ['programmes', 'list'] }),
  ]);
}
