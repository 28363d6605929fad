import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, apiUpload } from './client.ts';
import { invalidateProgramme } from './programmes.ts';
import type { Page, Partnership, PartnerRole } from './types.ts';

export type PartnershipFields = {
  role: PartnerRole;
  mouNumber: string | null;
  mouSignedOn: string | null;
  mouScope: string | null;
};
export type CreatePartnershipInput = PartnershipFields & { organisationId: string };
export type UpdatePartnershipInput = Partial<PartnershipFields> & { archived?: boolean };

const partnershipKeys = {
  all: (programmeId: string) => ['programmes', programmeId, 'partnerships'] as const,
  list: (programmeId: string, includeArchived: boolean) => ['programmes', programmeId, 'partnerships', { includeArchived }] as const,
};

/** Where the browser downloads the MoU PDF (the session cookie goes with it). */
export const mouDownloadUrl = (programmeId: string, partnershipId: string) => `/api/programs/${programmeId}/partnerships/${partnershipId}/mou`;

export function usePartnerships(programmeId: string, includeArchived: boolean) {
  return useQuery({
    queryKey: partnershipKeys.list(programmeId, includeArchived),
    queryFn: ({ signal }) => apiFetch<Page<Partnership>>(`/api/programs/${programmeId}/partnerships`, { query: { includeArchived }, signal }),
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
