import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { i18n } from '../i18n/setup.ts';
import { apiFetch, ApiError } from './client.ts';
import type {
  AttemptsResult,
  FeedbackResult,
  LocalisedTitle,
  MaturityAnswers,
  MaturityQuestionnaire,
  MaturityResult,
  MaturitySummary,
  ParticipantAttempt,
  ParticipantHome,
  ParticipantLink,
  ProgrammeFeedback,
  Question,
  QuestionKind,
  QuestionOption,
  TestPhase,
  TestsSummary,
} from './types.ts';

export const assessmentKeys = {
  all: (programmeId: string) => ['programmes', programmeId, 'assessments'] as const,
  maturity: (programmeId: string) => ['programmes', programmeId, 'assessments', 'maturity'] as const,
  tests: (programmeId: string) => ['programmes', programmeId, 'assessments', 'tests'] as const,
  feedback: (programmeId: string) => ['programmes', programmeId, 'assessments', 'feedback'] as const,
  questions: (programmeId: string, moduleId: string) => ['programmes', programmeId, 'assessments', 'questions', moduleId] as const,
};

/** Baseline and endline levels, businesses that moved up, newly on-boarded. */
export function useMaturitySummary(programmeId: string) {
  return useQuery({
    queryKey: assessmentKeys.maturity(programmeId),
    queryFn: ({ signal }) => apiFetch<MaturitySummary>(`/api/programs/${programmeId}/maturity/summary`, { signal }),
  });
}

export function useTestsSummary(programmeId: string) {
  return useQuery({
    queryKey: assessmentKeys.tests(programmeId),
    queryFn: ({ signal }) => apiFetch<TestsSummary>(`/api/programs/${programmeId}/tests/summary`, { signal }),
  });
}

export function useFeedbackSummary(programmeId: string) {
  return useQuery({
    queryKey: assessmentKeys.feedback(programmeId),
    queryFn: ({ signal }) => apiFetch<ProgrammeFeedback>(`/api/programs/${programmeId}/feedback/summary`, { signal }),
  });
}

/** A module's question bank, with the correct answers (organisers). */
export function useQuestions(programmeId: string, moduleId: string | null) {
  return useQuery({
    queryKey: assessmentKeys.questions(programmeId, moduleId ?? ''),
    queryFn: ({ signal }) => apiFetch<{ items: Question[] }>(`/api/programs/${programmeId}/modules/${moduleId}/questions`, { signal }),
    enabled: moduleId !== null,
  });
}

export type QuestionInput = { kind: QuestionKind; prompt: LocalisedTitle; options: QuestionOption[]; correct: string[]; position?: number };

export function useCreateQuestion(programmeId: string, moduleId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: QuestionInput) => apiFetch<Question>(`/api/programs/${programmeId}/modules/${moduleId}/questions`, { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assessmentKeys.all(programmeId) }),
  });
}

export function useUpdateQuestion(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: Partial<QuestionInput> & { archived?: boolean } }) =>
      apiFetch<Question>(`/api/programs/${programmeId}/questions/${id}`, { method: 'PATCH', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assessmentKeys.all(programmeId) }),
  });
}

/** A paper test result typed in by a trainer or an organiser: correct answers out of the questions asked. */
export type PaperAttempt = { clientId: string; programmeId: string; personId: string; moduleId: string; phase: TestPhase; score: { points: number; maxPoints: number }; takenAt: string };

/** Paper test results, each stored once by client id (sending the same ones again stores nothing twice). */
export function useRecordPaperAttempts(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (attempts: PaperAttempt[]) => apiFetch<AttemptsResult>('/api/sync/test-attempts', { method: 'POST', body: { attempts } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assessmentKeys.all(programmeId) }),
  });
}

export type PaperFeedbackInput = { clientId: string; rating: number | null; recommend: number | null; comment: string | null };

/** One feedback form collected on paper after a session (anonymous), stored once by client id. */
export function useRecordPaperFeedback(programmeId: string, sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PaperFeedbackInput) => apiFetch<FeedbackResult>(`/api/sessions/${sessionId}/feedback`, { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assessmentKeys.feedback(programmeId) }),
  });
}

/** A participant's personal link (`/peserta#<token>`) and QR code, valid for a year. */
export function useParticipantLink(programmeId: string, personId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['participant-links', programmeId, personId],
    queryFn: ({ signal }) => apiFetch<ParticipantLink>(`/api/programs/${programmeId}/participant-links/${personId}`, { signal }),
    enabled,
    staleTime: 10 * 60_000,
  });
}

export const fetchMaturityQuestionnaire = (signal?: AbortSignal): Promise<MaturityQuestionnaire> => apiFetch<MaturityQuestionnaire>('/api/maturity/questionnaire', { signal, redirectOn401: false });

/** The digital-maturity questions and levels, in the language on screen (public). */
export function useMaturityQuestionnaire(language: string) {
  return useQuery({
    queryKey: ['maturity-questionnaire', language],
    queryFn: ({ signal }) => fetchMaturityQuestionnaire(signal),
    staleTime: Infinity,
  });
}

/* Public: the participant's own page. The token travels in a header, never in a URL. */

const PARTICIPANT_HEADER = 'x-participant-token';
const participantHeaders = (token: string) => ({ [PARTICIPANT_HEADER]: token });

/** The participant's page data; the page keeps it on the phone (web/src/public/participant-data.ts). */
export const participantHomeKey = (token: string) => ['participant', token] as const;

export const fetchParticipantHome = (token: string, signal?: AbortSignal): Promise<ParticipantHome> =>
  apiFetch<ParticipantHome>('/api/participant', { headers: participantHeaders(token), signal, redirectOn401: false });

/** Test attempts, each stored once by client id and scored on arrival (sent again and again from the device's queue). */
export const sendParticipantAttempts = (token: string, attempts: ParticipantAttempt[]): Promise<AttemptsResult> =>
  apiFetch<AttemptsResult>('/api/participant/test-attempts', { method: 'POST', body: { attempts }, headers: participantHeaders(token), redirectOn401: false });

export type ParticipantFeedbackInput = { clientId: string; sessionId: string; rating: number | null; recommend: number | null; comment: string | null };

/** Feedback on a session, stored once by client id (and once per person and session): sent from the device's queue. */
export const sendParticipantFeedback = (token: string, input: ParticipantFeedbackInput): Promise<FeedbackResult> =>
  apiFetch<FeedbackResult>('/api/participant/feedback', { method: 'POST', body: input, headers: participantHeaders(token), redirectOn401: false });

export function useParticipantMaturity(token: string) {
  return useMutation({
    mutationFn: (input: { phase: 'baseline' | 'endline'; answers: MaturityAnswers }) =>
      apiFetch<MaturityResult>('/api/participant/maturity', { method: 'POST', body: input, headers: participantHeaders(token), redirectOn401: false }),
    meta: { silent: true },
  });
}

/** The participant's own certificate as a PDF file (the token goes in a header, so this is a fetch, not a link). */
export async function fetchParticipantCertificate(token: string): Promise<{ blob: Blob; filename: string }> {
  let response: Response;
  try {
    response = await fetch('/api/participant/certificate.pdf', { headers: participantHeaders(token), credentials: 'omit' });
  } catch {
    throw new ApiError(0, { code: 'network', message: i18n.t('errors.network') });
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new ApiError(response.status, body?.error ?? { code: 'http_error', message: i18n.t('errors.http', { status: response.status }) });
  }
  const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'sertifikat.pdf';
  return { blob: await response.blob(), filename };
}
