import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';
import type { ParticipantInput } from './participants.ts';
import type { Champion, ChampionCategory, ChampionRanking, MaturityAnswers, ReferralInfo, ReferralLink } from './types.ts';

export type ChampionInput = { category: ChampionCategory; person: { name: string; nik?: string; phone?: string; email?: string; gender?: 'female' | 'male' | '' } };

export const championKeys = {
  all: (programmeId: string) => ['programmes', programmeId, 'champions'] as const,
  ranking: (programmeId: string, sort: ChampionRanking['sort']) => ['programmes', programmeId, 'champions', 'ranking', sort] as const,
  link: (programmeId: string, championId: string) => ['programmes', programmeId, 'champions', 'link', championId] as const,
};

/** Champions ranked by referrals or by referred people who completed the training. */
export function useChampions(programmeId: string, sort: ChampionRanking['sort']) {
  return useQuery({
    queryKey: championKeys.ranking(programmeId, sort),
    queryFn: ({ signal }) => apiFetch<ChampionRanking>(`/api/programs/${programmeId}/champions`, { query: { sort }, signal }),
  });
}

export function useCreateChampion(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChampionInput) => apiFetch<Champion>(`/api/programs/${programmeId}/champions`, { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: championKeys.all(programmeId) }),
  });
}

export function useUpdateChampion(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: { category?: ChampionCategory; active?: boolean } }) =>
      apiFetch<Champion>(`/api/programs/${programmeId}/champions/${id}`, { method: 'PATCH', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: championKeys.all(programmeId) }),
  });
}

/** The champion's personal link (`/daftar#<token>`) and its QR code. */
export function useReferralLink(programmeId: string, championId: string) {
  return useQuery({
    queryKey: championKeys.link(programmeId, championId),
    queryFn: ({ signal }) => apiFetch<ReferralLink>(`/api/programs/${programmeId}/champions/${championId}/referral-link`, { signal }),
    staleTime: Infinity,
  });
}

/* Public: the registration page behind a referral link. The token travels in a header and the body, never in a URL. */

const REFERRAL_HEADER = 'x-referral-token';

export function useReferral(token: string) {
  return useQuery({
    queryKey: ['referral', token],
    queryFn: ({ signal }) => apiFetch<ReferralInfo>('/api/register', { headers: { [REFERRAL_HEADER]: token }, signal, redirectOn401: false }),
    enabled: token !== '',
    retry: false,
  });
}

export type SelfRegistrationInput = Omit<ParticipantInput, 'active'> & { maturity?: MaturityAnswers };

export function useSelfRegister(token: string) {
  return useMutation({
    mutationFn: (input: SelfRegistrationInput) =>
      apiFetch<{ registered: true; message: string }>('/api/register', { method: 'POST', body: { ...input, token }, headers: { [REFERRAL_HEADER]: token }, redirectOn401: false }),
    meta: { silent: true },
  });
}
