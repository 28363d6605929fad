import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, apiUpload } from './client.ts';
import type { CaseloadItem, CaseloadResult, Milestone, MilestoneKind, MilestoneStatus, PhotoResult, Visit, VisitSyncRecord, VisitSyncResult } from './types.ts';

export const mentoringKeys = {
  all: (programmeId: string) => ['programmes', programmeId, 'mentoring'] as const,
  caseloads: (programmeId: string) => ['programmes', programmeId, 'mentoring', 'caseloads'] as const,
  visits: (programmeId: string, msmeId: string) => ['programmes', programmeId, 'mentoring', 'visits', msmeId] as const,
  milestones: (programmeId: string, status: MilestoneStatus | null) => ['programmes', programmeId, 'mentoring', 'milestones', status] as const,
};

/** Mentors' active caseloads, with visit counts and the last visit. */
export function useCaseloads(programmeId: string) {
  return useQuery({
    queryKey: mentoringKeys.caseloads(programmeId),
    queryFn: ({ signal }) => apiFetch<{ items: CaseloadItem[] }>(`/api/programs/${programmeId}/caseloads`, { signal }),
  });
}

export type CaseloadInput = { mentorUserId: string; msmeIds: string[] };

export function useAssignCaseload(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CaseloadInput) => apiFetch<CaseloadResult>(`/api/programs/${programmeId}/caseloads`, { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mentoringKeys.caseloads(programmeId) }),
  });
}

/** Ends MSMEs' assignment to a mentor; their visits stay. */
export function useEndCaseload(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CaseloadInput) => apiFetch<{ ended: number }>(`/api/programs/${programmeId}/caseloads/end`, { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mentoringKeys.caseloads(programmeId) }),
  });
}

/** An MSME's visits, newest first. */
export function useVisits(programmeId: string, msmeId: string, enabled = true) {
  return useQuery({
    queryKey: mentoringKeys.visits(programmeId, msmeId),
    queryFn: ({ signal }) => apiFetch<{ items: Visit[] }>(`/api/programs/${programmeId}/msmes/${msmeId}/visits`, { signal }),
    enabled,
  });
}

export const visitPhotoUrl = (visitId: string, photoId: string): string => `/api/visits/${visitId}/photos/${photoId}`;
export const milestonePhotoUrl = (programmeId: string, msmeId: string, kind: MilestoneKind): string => `/api/programs/${programmeId}/msmes/${msmeId}/milestones/${kind}/photo`;

/** The programme's milestones, e.g. those waiting for verification. */
export function useMilestones(programmeId: string, status: MilestoneStatus | null) {
  return useQuery({
    queryKey: mentoringKeys.milestones(programmeId, status),
    queryFn: ({ signal }) => apiFetch<{ items: Milestone[] }>(`/api/programs/${programmeId}/milestones`, { query: { status, limit: 200 }, signal }),
  });
}

export type VerifyMilestoneInput = { msmeId: string; kind: MilestoneKind; decision: 'verified' | 'rejected'; reason?: string };

/** A coordinator verifies the evidence, or rejects it with a reason. */
export function useVerifyMilestone(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ msmeId, kind, decision, reason }: VerifyMilestoneInput) =>
      apiFetch<Milestone>(`/api/programs/${programmeId}/msmes/${msmeId}/milestones/${kind}/verify`, { method: 'POST', body: { decision, reason } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mentoringKeys.all(programmeId) }),
  });
}

/*
 * The trainer app's writes: plain functions, queued in IndexedDB and sent by its sync loop.
 */

/** Stable contract: a visit sent again is recognised by its `clientId`; the answer maps client ids to visit ids. */
export const syncVisits = (records: VisitSyncRecord[]): Promise<VisitSyncResult> => apiFetch<VisitSyncResult>('/api/sync/visits', { method: 'POST', body: { records } });

/** A photo of a visit; the photo's own `clientId` makes a repeated upload harmless. */
export const uploadVisitPhoto = (visitId: string, file: File, clientId: string): Promise<PhotoResult> =>
  apiUpload<PhotoResult>(`/api/visits/${visitId}/photos`, file, 'POST', { clientId });

export type MilestoneInput = { reachedOn: string; evidenceUrl: string | null; notes: string | null };

/** Records that the MSME reached a milestone (it then waits for verification); a PUT, so sending it again is harmless. */
export const submitMilestone = (programmeId: string, msmeId: string, kind: MilestoneKind, input: MilestoneInput): Promise<Milestone> =>
  apiFetch<Milestone>(`/api/programs/${programmeId}/msmes/${msmeId}/milestones/${kind}`, { method: 'PUT', body: input });

export const uploadMilestonePhoto = (programmeId: string, msmeId: string, kind: MilestoneKind, file: File): Promise<Milestone> =>
  apiUpload<Milestone>(milestonePhotoUrl(programmeId, msmeId, kind), file, 'PUT');
