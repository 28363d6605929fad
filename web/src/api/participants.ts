import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';
import type { EnrolmentStatus, Gender, ParticipantDetail, ParticipantPage } from './types.ts';

export type ParticipantFilters = {
  /** A name or business name (contains), a 16-digit NIK or a phone number. */
  q?: string;
  /** Regency code, `31.74`. */
  regency?: string;
  sector?: string;
  gender?: Gender;
  status?: EnrolmentStatus;
  active?: boolean;
  willing?: boolean;
};

/** The roster fields, as typed in a form: blanks are `''`; the server normalises them like an import row. */
export type ParticipantInput = {
  businessName?: string;
  ownerName?: string;
  nik?: string;
  nib?: string;
  phone?: string;
  email?: string;
  gender?: Gender | '';
  sector?: string;
  address?: string;
  /** Regency code (`31.74`). */
  regency?: string;
  active?: boolean | null;
  willing?: boolean | null;
};

export type EnrolmentInput = { status?: EnrolmentStatus; active?: boolean | null; willing?: boolean | null };

export const participantKeys = {
  all: ['participants'] as const,
  list: (programmeId: string, filters: ParticipantFilters, cursor: number | null, limit: number) => ['participants', 'list', programmeId, filters, cursor, limit] as const,
  detail: (personId: string) => ['participants', 'detail', personId] as const,
};

/** One keyset page of a programme's participants, newest first; `cursor` is the previous page's `nextCursor`. */
export function useParticipants(programmeId: string, filters: ParticipantFilters, cursor: number | null, limit: number) {
  return useQuery({
    queryKey: participantKeys.list(programmeId, filters, cursor, limit),
    queryFn: ({ signal }) => apiFetch<ParticipantPage>(`/api/programs/${programmeId}/participants`, { query: { ...filters, cursor, limit }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useParticipant(personId: string) {
  return useQuery({
    queryKey: participantKeys.detail(personId),
    queryFn: ({ signal }) => apiFetch<ParticipantDetail>(`/api/participants/${personId}`, { signal }),
  });
}

/**
 * Answered by a manual add: `existed` when the owner was already in the national registry,
 * `alreadyEnrolled` when they were already in this very programme.
 */
export type AddedParticipant = ParticipantDetail & { existed: boolean; alreadyEnrolled: boolean };

export function useAddParticipant(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ParticipantInput) => apiFetch<AddedParticipant>(`/api/programs/${programmeId}/participants`, { method: 'POST', body: input }),
    onSuccess: (added) => {
      queryClient.setQueryData(participantKeys.detail(added.person.id), added);
      return queryClient.invalidateQueries({ queryKey: ['participants', 'list'] });
    },
  });
}

export function useUpdateParticipant(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ParticipantInput) => apiFetch<ParticipantDetail>(`/api/participants/${personId}`, { method: 'PATCH', body: input }),
    onSuccess: (detail) => {
      queryClient.setQueryData(participantKeys.detail(personId), detail);
      return queryClient.invalidateQueries({ queryKey: ['participants', 'list'] });
    },
  });
}

/** Status, active and willing of one person in one programme. */
export function useUpdateEnrolment(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ programmeId, input }: { programmeId: string; input: EnrolmentInput }) =>
      apiFetch<void>(`/api/programs/${programmeId}/participants/${personId}`, { method: 'PATCH', body: input }),
    // Shown at once; a refusal puts the server's values back when the queries refresh.
    onMutate: async ({ programmeId, input }) => {
      await queryClient.cancelQueries({ queryKey: participantKeys.detail(personId) });
      const changes = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
      queryClient.setQueryData<ParticipantDetail>(participantKeys.detail(personId), (current) =>
        current && { ...current, enrolments: current.enrolments.map((e) => (e.programme.id === programmeId ? { ...e, ...changes } : e)) },
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: participantKeys.all }),
  });
}
