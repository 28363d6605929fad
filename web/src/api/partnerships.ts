import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, apiUpload } from './client.ts';
import { invalidateProgramme } from './programmes.ts';
import type { ListStatus, Page, Partnership, PartnerRole } from './types.ts';

export type PartnershipFields = {
  role: PartnerRole;
  mouNumber: string | null;
  mouSignedOn: string | null;
  mouScope: string | null;
};
export type CreatePartnershipInput = PartnershipFields & { organisationId: string };
export type UpdatePartnershipInput = Partial<PartnershipFields> & { archived?: boolean };

/** Filters and paging of `GET /api/programs/:id/partnerships` (`q`: organisation name or MoU number). */
export type PartnershipListParams = {
  q?: string;
  organisationId?: string;
  role?: PartnerRole;
  status?: ListStatus;
  includeArchived?: boolean;
  page?: number;
  pageSize?: number;
};

const partnershipKeys = {
  all: (programmeId: string) => ['programmes', programmeId, 'partnerships'] as const,
  list: (programmeId: string, params: PartnershipListParams) => ['programmes', programmeId, 'partnerships', 'list', params] as const,
  one: (programmeId: string, id: string) => ['programmes', programmeId, 'partnerships', 'one', id] as const,
};

/** Where the browser downloads the MoU PDF (the session cookie goes with it). */
export const mouDownloadUrl = (programmeId: string, partnershipId: string) => `/api/programs/${programmeId}/partnerships/${partnershipId}/mou`;

export function usePartnerships(programmeId: string, params: PartnershipListParams) {
  return useQuery({
    queryKey: partnershipKeys.list(programmeId, params),
    queryFn: ({ signal }) => apiFetch<Page<Partnership>>(`/api/programs/${programmeId}/partnerships`, { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

/** One partnership with its MoU details; `null` while none is chosen. */
export function usePartnership(programmeId: string, partnershipId: string | null) {
  return useQuery({
    queryKey: partnershipKeys.one(programmeId, partnershipId ?? ''),
    queryFn: ({ signal }) => apiFetch<Partnership>(`/api/programs/${programmeId}/partnerships/${partnershipId}`, { signal }),
    enabled: partnershipId !== null,
  });
}

function useRefresh(programmeId: string) {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: partnershipKeys.all(programmeId) }), invalidateProgramme(queryClient, programmeId)]);
}

export function useCreatePartnership(programmeId: string) {
  const refresh = useRefresh(programmeId);
  return useMutation({
    mutationFn: (input: CreatePartnershipInput) => apiFetch<Partnership>(`/api/programs/${programmeId}/partnerships`, { method: 'POST', body: input }),
    onSuccess: refresh,
  });
}

export function useUpdatePartnership(programmeId: string) {
  const refresh = useRefresh(programmeId);
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdatePartnershipInput }) =>
      apiFetch<Partnership>(`/api/programs/${programmeId}/partnerships/${id}`, { method: 'PATCH', body: input }),
    onSuccess: refresh,
  });
}

export function useUploadMou(programmeId: string) {
  const refresh = useRefresh(programmeId);
  return useMutation({
    mutationFn: ({ id, file }: { id: string; file: File }) => apiUpload<Partnership>(`/api/programs/${programmeId}/partnerships/${id}/mou`, file),
    onSuccess: refresh,
  });
}
