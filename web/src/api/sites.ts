import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchAllPages } from './all-pages.ts';
import { apiFetch } from './client.ts';
import { invalidateProgramme } from './programmes.ts';
import type { Page, Site, SiteType } from './types.ts';

export type SiteInput = { name: string; type: SiteType; regionCode: string; address: string | null };
export type UpdateSiteInput = Partial<SiteInput> & { archived?: boolean };

const siteKeys = {
  all: (programmeId: string) => ['programmes', programmeId, 'sites'] as const,
  list: (programmeId: string, includeArchived: boolean) => ['programmes', programmeId, 'sites', { includeArchived }] as const,
};

/** The API's largest page of sites. */
const SITE_PAGE_SIZE = 500;

/**
 * All sites of a programme, fetched page by page: the province grouping and the site pickers need
 * every one (a programme across all 514 regencies has more than one page).
 */
export function useSites(programmeId: string, includeArchived = false) {
  return useQuery({
    queryKey: siteKeys.list(programmeId, includeArchived),
    queryFn: ({ signal }) =>
      fetchAllPages((page) => apiFetch<Page<Site>>(`/api/programs/${programmeId}/sites`, { query: { includeArchived, page, pageSize: SITE_PAGE_SIZE }, signal })),
  });
}

function useRefresh(programmeId: string) {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: siteKeys.all(programmeId) }), invalidateProgramme(queryClient, programmeId)]);
}

export function useCreateSite(programmeId: string) {
  const refresh = useRefresh(programmeId);
  return useMutation({
    mutationFn: (input: SiteInput) => apiFetch<Site>(`/api/programs/${programmeId}/sites`, { method: 'POST', body: input }),
    onSuccess: refresh,
  });
}

export function useUpdateSite(programmeId: string) {
  const refresh = useRefresh(programmeId);
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateSiteInput }) => apiFetch<Site>(`/api/programs/${programmeId}/sites/${id}`, { method: 'PATCH', body: input }),
    onSuccess: refresh,
  });
}
