import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';
import type { Campaign, CampaignFilter, CampaignPreview, Channel, DeliveryStatus, RecipientPage } from './types.ts';

export type CampaignInput = {
  name: string;
  sessionId?: string;
  cohortId?: string;
  channel: Channel;
  subject?: string;
  template: string;
  filter: CampaignFilter;
};

export type RecipientFilters = { delivery?: DeliveryStatus | 'skipped'; rsvp?: 'yes' | 'no' | 'none' };

export const campaignKeys = {
  all: ['campaigns'] as const,
  list: (programmeId: string) => ['campaigns', 'list', programmeId] as const,
  detail: (id: string) => ['campaigns', 'detail', id] as const,
  recipients: (id: string, filters: RecipientFilters, cursor: string | null) => ['campaigns', 'recipients', id, filters, cursor] as const,
};

/** Sending is a job: poll while messages are still being written or delivered. */
export const isCampaignBusy = (campaign: Campaign | undefined): boolean =>
  campaign !== undefined && (campaign.status === 'queued' || (campaign.status === 'sent' && campaign.stats.delivery.queued + campaign.stats.delivery.sending > 0));

export function useCampaigns(programmeId: string) {
  return useQuery({
    queryKey: campaignKeys.list(programmeId),
    queryFn: ({ signal }) => apiFetch<{ items: Campaign[]; total: number }>(`/api/programs/${programmeId}/campaigns`, { signal }),
  });
}

export function useCampaign(id: string) {
  return useQuery({
    queryKey: campaignKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<Campaign>(`/api/campaigns/${id}`, { signal }),
    refetchInterval: (query) => (isCampaignBusy(query.state.data) ? 1000 : false),
  });
}

/** The count and a rendered sample of a campaign not saved yet. */
export function usePreviewCampaign(programmeId: string) {
  return useMutation({
    mutationFn: (input: CampaignInput) => apiFetch<CampaignPreview>(`/api/programs/${programmeId}/campaigns/preview`, { method: 'POST', body: input }),
    // Runs as the user types: the form shows the problem on its fields rather than in notifications.
    meta: { silent: true },
  });
}

/** The count and a rendered sample of a saved draft, as it would be sent now. */
export function useSavedCampaignPreview(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['campaigns', 'preview', id],
    queryFn: ({ signal }) => apiFetch<CampaignPreview>(`/api/campaigns/${id}/preview`, { method: 'POST', signal }),
    enabled,
  });
}

export function useCreateCampaign(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CampaignInput) => apiFetch<Campaign>(`/api/programs/${programmeId}/campaigns`, { method: 'POST', body: input }),
    onSuccess: (campaign) => {
      queryClient.setQueryData(campaignKeys.detail(campaign.id), campaign);
      return queryClient.invalidateQueries({ queryKey: campaignKeys.list(programmeId) });
    },
  });
}

export function useSendCampaign(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<Campaign>(`/api/campaigns/${id}/send`, { method: 'POST' }),
    onSuccess: (campaign) => {
      queryClient.setQueryData(campaignKeys.detail(id), campaign);
      return queryClient.invalidateQueries({ queryKey: campaignKeys.all });
    },
  });
}

export function useRecipients(id: string, filters: RecipientFilters, cursor: string | null, poll: boolean) {
  return useQuery({
    queryKey: campaignKeys.recipients(id, filters, cursor),
    queryFn: ({ signal }) => apiFetch<RecipientPage>(`/api/campaigns/${id}/recipients`, { query: { ...filters, cursor, limit: 50 }, signal }),
    refetchInterval: poll ? 1500 : false,
  });
}

/** A manager's decision on a message whose delivery is unknown or failed. */
export function useReviewMessage(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ messageId, decision }: { messageId: string; decision: 'sent' | 'resend' | 'failed' }) =>
      apiFetch<Campaign>(`/api/campaigns/${id}/messages/${messageId}/review`, { method: 'POST', body: { decision } }),
    onSuccess: (campaign) => {
      queryClient.setQueryData(campaignKeys.detail(id), campaign);
      return queryClient.invalidateQueries({ queryKey: ['campaigns', 'recipients', id] });
    },
  });
}

/**
 * The default invitation, mirroring src/core/message-template.ts. Messages go to Indonesian
 * participants, so the template stays in Bahasa Indonesia whatever the manager's language.
 */
export const DEFAULT_TEMPLATE = [
  'Halo {{nama}},',
  '',
  'Usaha Anda, {{usaha}}, kami undang mengikuti pelatihan "{{sesi}}" pada {{tanggal}} di {{tempat}}.',
  '',
  'Mohon konfirmasi kehadiran melalui tautan berikut: {{tautan}}',
  '',
  'Terima kasih.',
].join('\n');
export const DEFAULT_SUBJECT = 'Undangan pelatihan: {{sesi}}';
