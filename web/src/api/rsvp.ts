import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';
import type { RsvpAnswerResult, RsvpInvitation } from './types.ts';

/** The token travels in a header (and POST bodies), never in a URL that a server could log. */
const TOKEN_HEADER = 'x-rsvp-token';

/** The invitation behind a personal RSVP link; the texts come in the language on screen. */
export function useRsvp(token: string, language: string) {
  return useQuery({
    queryKey: ['rsvp', token, language],
    queryFn: ({ signal }) => apiFetch<RsvpInvitation>('/api/rsvp/session', { headers: { [TOKEN_HEADER]: token }, signal, redirectOn401: false }),
    enabled: token !== '',
    retry: false,
  });
}

export function useAnswerRsvp(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answer: 'yes' | 'no') => apiFetch<RsvpAnswerResult>('/api/rsvp', { method: 'POST', body: { token, answer }, redirectOn401: false }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['rsvp', token] }),
    meta: { silent: true },
  });
}

export function useOptOut(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ optedOut: true; message: string }>('/api/rsvp/opt-out', { method: 'POST', body: { token }, redirectOn401: false }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['rsvp', token] }),
    meta: { silent: true },
  });
}
