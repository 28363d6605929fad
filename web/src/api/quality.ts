import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';

export const QUALITY_CHECKS = [
  'session_over_capacity',
  'attendance_outside_window',
  'participant_two_places',
  'attendance_spike',
  'missing_gender_sector',
  'milestone_without_evidence',
  'trainer_implausible_roster',
] as const;
export type QualityCheck = (typeof QUALITY_CHECKS)[number];

export type QualityTask = {
  id: string;
  check: QualityCheck;
  subjectKey: string;
  /** The numbers behind the problem, per check (src/modules/quality/checks.ts). */
  details: Record<string, unknown>;
  status: 'open' | 'resolved';
  assigneeUserId: string | null;
  assigneeName: string | null;
  firstFoundAt: string;
  lastFoundAt: string;
  resolvedAt: string | null;
  resolvedByName: string | null;
  autoClosed: boolean;
  resolutionComment: string | null;
};

export type QualityTaskList = { items: QualityTask[]; total: number; page: number; pageSize: number; openByCheck: Partial<Record<QualityCheck, number>> };
export type QualityFilters = { status: 'open' | 'resolved' | null; check: QualityCheck | null; assignee: 'me' | 'none' | null; page: number };
export type CheckOutcome = { check: QualityCheck; found: number; opened: number; updated: number; closed: number };

export const qualityKeys = {
  all: (programmeId: string) => ['programmes', programmeId, 'quality'] as const,
  tasks: (programmeId: string, filters: QualityFilters) => ['programmes', programmeId, 'quality', 'tasks', filters] as const,
  impact: (programmeId: string, filters: ImpactFilters) => ['programmes', programmeId, 'impact', filters] as const,
};

export const TASK_PAGE_SIZE = 25;

export function useQualityTasks(programmeId: string, filters: QualityFilters) {
  return useQuery({
    queryKey: qualityKeys.tasks(programmeId, filters),
    queryFn: ({ signal }) =>
      apiFetch<QualityTaskList>(`/api/programs/${programmeId}/quality/tasks`, {
        query: { status: filters.status, check: filters.check, assignee: filters.assignee, page: filters.page, pageSize: TASK_PAGE_SIZE },
        signal,
      }),
  });
}

/** Runs every check now; the list refreshes with what they found. */
export function useRunQualityChecks(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ checks: CheckOutcome[] }>(`/api/programs/${programmeId}/quality/run`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: qualityKeys.all(programmeId) }),
  });
}

export function useResolveQualityTask(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { taskId: string; comment: string }) =>
      apiFetch<{ id: string }>(`/api/programs/${programmeId}/quality/tasks/${input.taskId}/resolve`, { method: 'POST', body: { comment: input.comment } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: qualityKeys.all(programmeId) }),
  });
}

export type Bilingual = { id: string; en: string };
export type PrePost = { n: number | null; meanBefore: number | null; meanAfter: number | null; meanChange: number | null; low: number | null; high: number | null; df: number | null; suppressed: boolean };
export type DidGroup = { n: number | null; meanBefore: number | null; meanAfter: number | null; meanChange: number | null };
export type DidEstimate = { estimate: number | null; low: number | null; high: number | null; se: number | null; df: number | null; treated: DidGroup; comparison: DidGroup; suppressed: boolean };
export type Impact = {
  programmeId: string;
  factsPending: boolean;
  prePost: { method: Bilingual; maturity: PrePost; testScore: PrePost };
  differenceInDifferences: {
    available: boolean;
    unavailableReason: (Bilingual & { code: string }) | null;
    method: Bilingual;
    samples: { treated: { baseline: number | null; endline: number | null }; comparison: { baseline: number | null; endline: number | null }; partlyTrainedExcluded: number | null };
    maturity: DidEstimate | null;
    /** Percentage points. */
    firstOnlineSale: DidEstimate | null;
    caveats: (Bilingual & { code: string })[];
  };
};

/** The indicator filters the impact estimates take (a subset shown on the page). */
export type ImpactFilters = { sector: string | null; gender: 'female' | 'male' | null };

export function useImpact(programmeId: string, filters: ImpactFilters) {
  return useQuery({
    queryKey: qualityKeys.impact(programmeId, filters),
    queryFn: ({ signal }) => apiFetch<Impact>(`/api/programs/${programmeId}/impact`, { query: filters, signal }),
  });
}
