import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';
import { participantKeys } from './participants.ts';

/** Must match src/modules/personal-data/schema.ts. */
export const CONSENT_PURPOSES = ['programme_participation', 'messaging', 'partner_sharing'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export type ConsentSource = 'import' | 'form' | 'rsvp' | 'admin';

/** One row of the consent ledger: given (`granted`) or withdrawn. */
export type Consent = {
  id: string;
  purpose: ConsentPurpose;
  granted: boolean;
  source: ConsentSource;
  wordingVersion: string;
  programme: { id: string; code: string } | null;
  partner: { id: string; name: string } | null;
  recordedAt: string;
  /** The staff member who recorded it; null when the person did (RSVP, registration) or a job. */
  recordedBy: { id: string; name: string } | null;
};

/** `current`: the latest record per purpose (per programme for participation, per partner for sharing); `history`: newest first. */
export type ConsentLedger = { current: Consent[]; history: Consent[] };

export type ConsentInput = {
  purpose: ConsentPurpose;
  granted: boolean;
  /** Version of the consent text the person saw, e.g. `2024-07`. */
  wordingVersion: string;
  programmeId?: string;
  partnerOrganisationId?: string;
};

export type Retention = { months: number | null; appliedAt: string | null };

export const personalDataKeys = {
  consents: (personId: string) => ['participants', 'consents', personId] as const,
  retention: (programmeId: string) => ['programmes', programmeId, 'retention'] as const,
};

/** Where the browser downloads everything held about a person (the session cookie goes with it; audited). */
export const personalDataExportUrl = (personId: string, format: 'json' | 'pdf') => `/api/participants/${personId}/personal-data?format=${format}`;

/** The full NIK; each call is written to the audit trail, so it is only made on request. */
export function useRevealNik(personId: string) {
  return useMutation({
    mutationFn: () => apiFetch<{ nik: string | null }>(`/api/participants/${personId}/reveal`, { method: 'POST' }),
  });
}

export function useConsents(personId: string, enabled: boolean) {
  return useQuery({
    queryKey: personalDataKeys.consents(personId),
    queryFn: ({ signal }) => apiFetch<ConsentLedger>(`/api/participants/${personId}/consents`, { signal }),
    enabled,
  });
}

/** Records consent given or withdrawn; withdrawing messaging cancels the person's queued messages (`cancelledMessages`). */
export function useRecordConsent(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ConsentInput) =>
      apiFetch<{ cancelledMessages: number }>(`/api/participants/${personId}/consents`, { method: 'POST', body: { ...input, source: 'admin' } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: personalDataKeys.consents(personId) }),
  });
}

/** Executes a deletion request: personal fields are removed for good; counts stay. */
export function useErasePerson(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reference: string) => apiFetch<{ personId: string; anonymisedAt: string }>(`/api/participants/${personId}/erase`, { method: 'POST', body: { reference } }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: participantKeys.detail(personId) }),
        queryClient.invalidateQueries({ queryKey: ['participants', 'list'] }),
        queryClient.invalidateQueries({ queryKey: personalDataKeys.consents(personId) }),
      ]),
  });
}

export function useRetention(programmeId: string) {
  return useQuery({
    queryKey: personalDataKeys.retention(programmeId),
    queryFn: ({ signal }) => apiFetch<Retention>(`/api/programs/${programmeId}/retention`, { signal }),
  });
}

/** Sets (a number of months) or clears (null: kept until removed by hand) the retention period. */
export function useSetRetention(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (months: number | null) => apiFetch<Retention>(`/api/programs/${programmeId}/retention`, { method: 'PUT', body: { months } }),
    onSuccess: (retention) => queryClient.setQueryData(personalDataKeys.retention(programmeId), retention),
  });
}
