import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';
import type { AddFromListInput, AddFromListResult, AddToRosterResult, Cohort, Page, ParticipantPick, SessionDetail, SessionKind, SessionModality, SessionStatus, SessionSummary, TrainerOption } from './types.ts';

export type SessionFilters = { siteId?: string; cohortId?: string; status?: SessionStatus; trainerId?: string; from?: string; to?: string };

/** Times as typed: wall-clock time at the site (`2024-01-23T09:00`), converted by the server with the site's zone. */
export type SessionInput = {
  siteId: string;
  cohortId: string | null;
  title: string;
  /** `tot`: a training of trainers, whose attendees may be certified as trainers. */
  kind: SessionKind;
  modality: SessionModality;
  meetingUrl: string | null;
  venue: string | null;
  startsAt: string;
  endsAt: string;
  capacity: number;
  moduleIds: string[];
  trainerIds: string[];
  notes: string | null;
};
export type CreateSessionInput = SessionInput & { status?: 'planned' | 'open' };
export type UpdateSessionInput = Partial<SessionInput> & { status?: SessionStatus };

/** Add people to a roster by their ids, or everyone a filter picks (up to `limit`). */
export type AddToRosterInput = { personIds: string[] } | { filter: ParticipantPick; limit?: number };

export const sessionKeys = {
  all: ['sessions'] as const,
  list: (programmeId: string, filters: SessionFilters, page: number) => ['sessions', 'list', programmeId, filters, page] as const,
  calendar: (programmeId: string, from: string, to: string, filters: SessionFilters) => ['sessions', 'calendar', programmeId, from, to, filters] as const,
  detail: (id: string) => ['sessions', 'detail', id] as const,
};

export function useSessions(programmeId: string, filters: SessionFilters, page: number, pageSize = 20) {
  return useQuery({
    queryKey: sessionKeys.list(programmeId, filters, page),
    queryFn: ({ signal }) => apiFetch<Page<SessionSummary>>(`/api/programs/${programmeId}/sessions`, { query: { ...filters, page, pageSize }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Every session overlapping `from`–`to` (dates, whole days in WIB). */
export function useSessionCalendar(programmeId: string, from: string, to: string, filters: Omit<SessionFilters, 'from' | 'to' | 'cohortId'>) {
  return useQuery({
    queryKey: sessionKeys.calendar(programmeId, from, to, filters),
    queryFn: ({ signal }) =>
      apiFetch<{ items: SessionSummary[]; truncated: boolean }>(`/api/programs/${programmeId}/sessions/calendar`, { query: { ...filters, from, to }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useSession(id: string) {
  return useQuery({
    queryKey: sessionKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<SessionDetail>(`/api/sessions/${id}`, { signal }),
  });
}

export function useCreateSession(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateSessionInput) => apiFetch<SessionDetail>(`/api/programs/${programmeId}/sessions`, { method: 'POST', body: input }),
    onSuccess: (session) => {
      queryClient.setQueryData(sessionKeys.detail(session.id), session);
      return Promise.all([queryClient.invalidateQueries({ queryKey: ['sessions', 'list'] }), queryClient.invalidateQueries({ queryKey: ['sessions', 'calendar'] })]);
    },
  });
}

export function useUpdateSession(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateSessionInput) => apiFetch<SessionDetail>(`/api/sessions/${id}`, { method: 'PATCH', body: input }),
    onSuccess: (session) => {
      queryClient.setQueryData(sessionKeys.detail(id), session);
      return Promise.all([queryClient.invalidateQueries({ queryKey: ['sessions', 'list'] }), queryClient.invalidateQueries({ queryKey: ['sessions', 'calendar'] })]);
    },
  });
}

/** The answer lists who was added, who already was there and who was refused with the reason in words. */
export function useAddToRoster(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AddToRosterInput) => apiFetch<AddToRosterResult>(`/api/sessions/${sessionId}/participants`, { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKeys.all }),
  });
}

/** Sends a list (a file as multipart `file`, or pasted text as JSON) to a `…/participants` URL's `/file` or `/list`. */
function addFromList(base: string, input: AddFromListInput): Promise<AddFromListResult> {
  if ('file' in input) {
    const form = new FormData();
    form.append('file', input.file, input.file.name);
    return apiFetch<AddFromListResult>(`${base}/file`, { method: 'POST', body: form });
  }
  return apiFetch<AddFromListResult>(`${base}/list`, { method: 'POST', body: { text: input.text } });
}

/** Adds the participants a file or a pasted list names (NIK or phone); the answer reports every line that added nobody. */
export function useAddToRosterFromList(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AddFromListInput) => addFromList(`/api/sessions/${sessionId}/participants`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKeys.all }),
  });
}

export function useRemoveFromRoster(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (personId: string) => apiFetch<void>(`/api/sessions/${sessionId}/participants/${personId}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKeys.all }),
  });
}

const cohortKeys = { list: (programmeId: string) => ['programmes', programmeId, 'cohorts'] as const };

export function useCohorts(programmeId: string) {
  return useQuery({
    queryKey: cohortKeys.list(programmeId),
    queryFn: ({ signal }) => apiFetch<{ items: Cohort[]; total: number }>(`/api/programs/${programmeId}/cohorts`, { signal }),
  });
}

/** Adds people to every planned or open session of a cohort: all of them or none, per person. */
export function useAddToCohort(programmeId: string, cohortId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AddToRosterInput) => apiFetch<AddToRosterResult>(`/api/programs/${programmeId}/cohorts/${cohortId}/participants`, { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKeys.all }),
  });
}

/** The same from a list, into every planned or open session of a cohort. */
export function useAddToCohortFromList(programmeId: string, cohortId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AddFromListInput) => addFromList(`/api/programs/${programmeId}/cohorts/${cohortId}/participants`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKeys.all }),
  });
}

export function useCreateCohort(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; description: string | null }) => apiFetch<Cohort>(`/api/programs/${programmeId}/cohorts`, { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cohortKeys.list(programmeId) }),
  });
}

/** Trainer accounts that may run the programme's sessions. */
export function useTrainers(programmeId: string, enabled = true) {
  return useQuery({
    queryKey: ['programmes', programmeId, 'trainers'],
    queryFn: ({ signal }) => apiFetch<{ items: TrainerOption[] }>(`/api/programs/${programmeId}/trainers`, { signal }),
    enabled,
  });
}
