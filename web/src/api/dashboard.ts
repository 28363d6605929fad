import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';

/** Narrowing of every dashboard figure; each field optional (as the server's indicator filters). */
export type DashboardFilters = {
  province?: string;
  regency?: string;
  siteId?: string;
  sector?: string;
  gender?: 'female' | 'male';
  ageBand?: string;
  traineeType?: string;
  partnerId?: string;
  /** Inclusive `YYYY-MM-DD` (WIB). */
  from?: string;
  to?: string;
};

export const DASHBOARD_FILTER_KEYS = ['province', 'regency', 'siteId', 'sector', 'gender', 'ageBand', 'traineeType', 'partnerId', 'from', 'to'] as const;

export type FunnelStage = 'enrolled' | 'invited' | 'attended' | 'completed' | 'onboarded' | 'first_sale';

/** `GET /api/programs/:id/dashboard`: fast, from rollups. A `suppressed` figure (viewer, fewer than 5 people) is shown as "<5". */
export type Dashboard = {
  programmeId: string;
  /** When the rollups were last refreshed (null before the first refresh). */
  asOf: string | null;
  /** Changes not yet in the rollups (a refresh is queued). */
  pending: boolean;
  indicators: {
    code: string;
    name: { id: string; en: string };
    unit: 'count' | 'percent' | 'score' | string;
    version: number;
    value: number | null;
    numerator: number | null;
    denominator: number | null;
    target: number | null;
    /** actual ÷ target (1 = reached). */
    progress: number | null;
    projected: number | null;
    suppressed: boolean;
  }[];
  funnel: { stage: FunnelStage; count: number | null; suppressed: boolean }[];
  trend: { period: string; enrolled: number | null; attended: number | null; completed: number | null; onboarded: number | null }[];
  /** `code` is '' and `name` null where the province is unknown. */
  byProvince: { code: string; name: string | null; enrolled: number | null; completed: number | null; onboarded: number | null; suppressed: boolean }[];
  cascade: { trainersCertified: number | null; reach: number | null; suppressed: boolean };
};

export type ReportFormat = 'xlsx' | 'pdf';

export type ProgrammeReport = {
  id: string;
  programmeId: string;
  format: ReportFormat;
  from: string | null;
  to: string | null;
  status: 'queued' | 'running' | 'done' | 'failed';
  percent: number;
  error: string | null;
  filename: string | null;
  size: number | null;
  downloadUrl: string | null;
  createdAt: string;
  finishedAt: string | null;
};

export type PublicResultsSetting = { published: boolean; publishedAt: string | null };

/** `GET /api/public/programs/:code/results`: aggregates only, null where fewer than 5 people are behind a figure. */
export type PublicResults = {
  code: string;
  name: string;
  owner: string;
  startDate: string | null;
  endDate: string | null;
  asOf: string;
  indicators: { code: string; name: { id: string; en: string }; unit: string; value: number | null; target: number | null; progress: number | null }[];
  byProvince: { code: string; name: string; enrolled: number | null; trained: number | null; onboarded: number | null }[];
};

/** How often a running report is asked for its progress. */
const POLL_MS = 1000;

export const dashboardKeys = {
  dashboard: (programmeId: string, filters: DashboardFilters) => ['programmes', programmeId, 'dashboard', filters] as const,
  report: (id: string) => ['reports', id] as const,
  publicSetting: (programmeId: string) => ['programmes', programmeId, 'public-results'] as const,
  publicResults: (code: string) => ['public-results', code] as const,
};

export function useDashboard(programmeId: string, filters: DashboardFilters) {
  return useQuery({
    queryKey: dashboardKeys.dashboard(programmeId, filters),
    queryFn: ({ signal }) => apiFetch<Dashboard>(`/api/programs/${programmeId}/dashboard`, { query: filters, signal }),
    // Keep the charts on screen while a new filter loads.
    placeholderData: keepPreviousData,
  });
}

export const isReportRunning = (report: Pick<ProgrammeReport, 'status'>): boolean => report.status === 'queued' || report.status === 'running';

export function useCreateReport(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { format: ReportFormat; from?: string; to?: string }) => apiFetch<ProgrammeReport>(`/api/programs/${programmeId}/reports`, { method: 'POST', body: input }),
    onSuccess: (report) => queryClient.setQueryData(dashboardKeys.report(report.id), report),
  });
}

/** A report's progress, asked again while it is being made. */
export function useReport(id: string | null) {
  return useQuery({
    queryKey: dashboardKeys.report(id ?? ''),
    queryFn: ({ signal }) => apiFetch<ProgrammeReport>(`/api/reports/${id}`, { signal }),
    enabled: Boolean(id),
    refetchInterval: (query) => (query.state.data && isReportRunning(query.state.data) ? POLL_MS : false),
  });
}

export function usePublicResultsSetting(programmeId: string) {
  return useQuery({
    queryKey: dashboardKeys.publicSetting(programmeId),
    queryFn: ({ signal }) => apiFetch<PublicResultsSetting>(`/api/programs/${programmeId}/public-results`, { signal }),
  });
}

export function useSetPublicResults(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (published: boolean) => apiFetch<PublicResultsSetting>(`/api/programs/${programmeId}/public-results`, { method: 'PUT', body: { published } }),
    onSuccess: (setting) => queryClient.setQueryData(dashboardKeys.publicSetting(programmeId), setting),
  });
}

export function usePublicResults(code: string) {
  return useQuery({
    queryKey: dashboardKeys.publicResults(code),
    queryFn: ({ signal }) => apiFetch<PublicResults>(`/api/public/programs/${encodeURIComponent(code)}/results`, { signal, redirectOn401: false }),
    retry: false,
  });
}
