import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';
import type { Bilingual } from './quality.ts';

export type SurveyPhase = 'baseline' | 'endline' | 'followup';
export type SurveyRound = { id: string; phase: SurveyPhase; channel: string; expiresAt: string; sentAt: string | null; invited: number; skipped: number; answered: number; responseRate: number | null };
export type OutcomeIndicator = {
  code: string;
  version: number;
  name: { id: string; en: string };
  unit: string;
  value: number | null;
  suppressed: boolean;
  respondents: number;
  eligible: number;
  responseRate: number | null;
};
export type OutcomeEstimate = { estimate: number | null; low: number | null; high: number | null; treatedChange: number | null; comparisonChange: number | null };
type Estimate = OutcomeEstimate | null;
type Caveat = Bilingual & { code: string };
export type Outcomes = {
  programmeId: string;
  eligible: number;
  answered: number;
  responseRate: number | null;
  byPhase: { phase: string; answered: number; byLink: number; byMentor: number; responseRate: number | null }[];
  indicators: OutcomeIndicator[];
  differenceInDifferences: {
    available: boolean;
    unavailableReason: Caveat | null;
    method: Bilingual;
    treated: number | null;
    comparison: number | null;
    /** Partly trained at the later answer: in neither group (null: fewer than 5, hidden). */
    partlyTrainedExcluded: number | null;
    workers: Estimate;
    onlineShare: Estimate;
    /** Steps between revenue bands. */
    revenueBand: Estimate;
    caveats: Caveat[];
  };
};
export const REVENUE_BANDS = ['lt_5m', '5m_15m', '15m_50m', '50m_100m', '100m_250m', 'gte_250m'] as const;
export const PLATFORMS = ['shopee', 'tokopedia', 'tiktok_shop', 'lazada', 'bukalapak', 'blibli', 'instagram', 'facebook', 'whatsapp_business', 'gofood', 'grabfood', 'website', 'other'] as const;
export type OutcomeAnswer = {
  revenueBand: string;
  onlineSharePercent: number;
  workersPaid: number;
  workersUnpaid: number;
  workersWomen: number;
  newHires: number | null;
  platforms: string[];
};
export type OpenedSurvey = { programme: string; businessName: string; phase: SurveyPhase; answered: boolean; asksNewHires: boolean };

export function useOutcomes(programmeId: string) {
  return useQuery({ queryKey: ['outcomes', programmeId], queryFn: ({ signal }) => apiFetch<Outcomes>(`/api/programs/${programmeId}/outcomes`, { signal }) });
}

export function useSurveyRounds(programmeId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['outcomes', programmeId, 'rounds'],
    queryFn: ({ signal }) => apiFetch<{ items: SurveyRound[] }>(`/api/programs/${programmeId}/outcome-surveys`, { signal }),
    enabled,
  });
}

export function useSendSurvey(programmeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { phase: SurveyPhase; channel: string; expiresOn: string }) => apiFetch<SurveyRound>(`/api/programs/${programmeId}/outcome-surveys`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['outcomes', programmeId] }),
  });
}

/** The token travels in POST bodies only, never in a URL that a server could log. */
export function useOpenSurvey(token: string) {
  return useQuery({
    queryKey: ['survey', token],
    queryFn: () => apiFetch<OpenedSurvey>('/api/outcome-survey/open', { method: 'POST', body: { token }, redirectOn401: false }),
    enabled: token !== '',
    retry: false,
  });
}

export function useAnswerSurvey(token: string) {
  return useMutation({
    mutationFn: (answer: OutcomeAnswer) => apiFetch<{ phase: SurveyPhase; stored: true }>('/api/outcome-survey/answer', { method: 'POST', body: { token, answer }, redirectOn401: false }),
    meta: { silent: true },
  });
}

/** An answer entered by a mentor or an organiser for an MSME (their caseload), e.g. after a visit or a call. */
export function useRecordOutcome(programmeId: string, msmeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { phase: SurveyPhase; answer: OutcomeAnswer }) => apiFetch<{ id: string; phase: SurveyPhase }>(`/api/programs/${programmeId}/msmes/${msmeId}/outcome-responses`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['outcomes', programmeId] }),
    meta: { silent: true },
  });
}
