import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';
import type { Organisation, OrganisationKind, Page } from './types.ts';

export type OrganisationListParams = { q?: string; kind?: OrganisationKind; includeArchived?: boolean; page?: number; pageSize?: number };
export type OrganisationInput = { name: string; shortName: string | null; kind: OrganisationKind; website: string | null };
export type UpdateOrganisationInput = Partial<OrganisationInput> & { archived?: boolean };

export const organisationKeys = {
  all: ['organisations'] as const,
  list: (params: OrganisationListParams) => ['organisations', 'list', params] as const,
};

export function useOrganisations(params: OrganisationListParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: organisationKeys.list(params),
    queryFn: ({ signal }) => apiFetch<Page<Organisation>>('/api/organisations', { query: params, signal }),
    placeholderData: keepPreviousData,
    enabled: options.enabled,
  });
}

export function useCreateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OrganisationInput) => apiFetch<Organisation>('/api/organisations', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationKeys.all }),
  });
}

export function useUpdateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateOrganisationInput }) => apiFetch<Organisation>(`/api/organisations/${id}`, { method: 'PATCH', body: input }),
    // Organisation names appear in programme and partner lists too.
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: organisationKeys.all }), queryClient.invalidateQueries({ queryKey: ['programmes'] })]),
  });
}
