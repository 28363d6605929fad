import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';
import type { Certificate, CertificateBundle, CertificateSettings, Eligibility, Verification } from './types.ts';

/** How often a running bundle is asked for its progress. */
const POLL_MS = 700;

export const certificateKeys = {
  all: (programmeId: string) => ['programmes', programmeId, 'certificates'] as const,
  settings: (programmeId: string) => ['programmes', programmeId, 'certificates', 'settings'] as const,
  list: (programmeId: string) => ['programmes', programmeId, 'certificates', 'list'] as const,
  eligibility: (programmeId: string, personId: string) => ['programmes', programmeId, 'certificates', 'eligibility', personId] as const,
  bundle: (id: string) => ['certificate-bundles', id] as const,
};

export function useCertificateSettings(programmeId: string) {
  return useQuery({
    queryKey: certificateKeys.settings(programmeId),
    queryFn: ({ signal }) => apiFetch<CertificateSettings>(`/api/programs/${programmeId}/certificate-settings`, { signal }),
  });
}

export type CertificateSettingsInput = Omit<CertificateSettings, 'programmeId'>;

export function useSaveCertificateSettings(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CertificateSettingsInput) => apiFetch<CertificateSettings>(`/api/programs/${programmeId}/certificate-settings`, { method: 'PUT', body: input }),
    onSuccess: (settings) => {
      queryClient.setQueryData(certificateKeys.settings(programmeId), settings);
      return queryClient.invalidateQueries({ queryKey: ['programmes', programmeId, 'certificates', 'eligibility'] });
    },
  });
}

/** The programme's certificates, newest first (up to 1,000). */
export function useCertificates(programmeId: string) {
  return useQuery({
    queryKey: certificateKeys.list(programmeId),
    queryFn: ({ signal }) => apiFetch<{ items: Certificate[]; total: number }>(`/api/programs/${programmeId}/certificates`, { query: { limit: 1000 }, signal }),
  });
}

/** Whether a participant meets the certificate rule, and if not why (in the user's language). */
export function useEligibility(programmeId: string, personId: string, enabled: boolean) {
  return useQuery({
    queryKey: certificateKeys.eligibility(programmeId, personId),
    queryFn: ({ signal }) => apiFetch<Eligibility>(`/api/programs/${programmeId}/certificates/eligibility/${personId}`, { signal }),
    enabled,
  });
}

/** Issues a certificate (201), or returns the one already issued (200, same serial); 409 says why not. */
export function useIssueCertificate(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (personId: string) => apiFetch<Certificate>(`/api/programs/${programmeId}/certificates`, { method: 'POST', body: { personId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: certificateKeys.all(programmeId) }),
  });
}

export function useRevokeCertificate(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => apiFetch<Certificate>(`/api/certificates/${id}/revoke`, { method: 'POST', body: { reason } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: certificateKeys.all(programmeId) }),
  });
}

export const certificatePdfUrl = (id: string): string => `/api/certificates/${id}/pdf`;

export const isBundleRunning = (bundle: Pick<CertificateBundle, 'status'>): boolean => bundle.status === 'queued' || bundle.status === 'running';

/** Queues one ZIP of the certificates of a cohort or the whole programme (202: a durable job). */
export function useCreateBundle(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (cohortId: string | null) => apiFetch<CertificateBundle>(`/api/programs/${programmeId}/certificate-bundles`, { method: 'POST', body: cohortId ? { cohortId } : {} }),
    onSuccess: (bundle) => queryClient.setQueryData(certificateKeys.bundle(bundle.id), bundle),
  });
}

/** A bundle's progress, asked again while it runs; when it ends, the certificate list is refreshed (it may have issued some). */
export function useBundle(id: string | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: certificateKeys.bundle(id ?? ''),
    queryFn: async ({ signal }) => {
      const previous = queryClient.getQueryData<CertificateBundle>(certificateKeys.bundle(id ?? ''));
      const bundle = await apiFetch<CertificateBundle>(`/api/certificate-bundles/${id}`, { signal });
      if (previous && isBundleRunning(previous) && !isBundleRunning(bundle)) void queryClient.invalidateQueries({ queryKey: certificateKeys.all(bundle.programmeId) });
      return bundle;
    },
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data && isBundleRunning(query.state.data) ? POLL_MS : false),
  });
}

/** Public verification by the code in the certificate's QR; texts in the language on screen. */
export function useVerification(code: string, language: string) {
  return useQuery({
    queryKey: ['verify', code, language],
    queryFn: ({ signal }) => apiFetch<Verification>(`/api/verify/${encodeURIComponent(code)}`, { signal, redirectOn401: false }),
    enabled: code !== '',
    retry: false,
  });
}
