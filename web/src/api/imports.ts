import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, buildUrl } from './client.ts';
import type { ImportJob } from './types.ts';

export type StartImportInput = { file: File; dryRun: boolean; sheet?: string };

/** How often a running import is asked for its progress. */
const POLL_MS = 500;

const importKeys = {
  list: (programmeId: string) => ['imports', 'list', programmeId] as const,
  detail: (id: string) => ['imports', 'detail', id] as const,
};

export const isImportRunning = (job: Pick<ImportJob, 'status'>): boolean => job.status === 'queued' || job.status === 'running';

/** A programme's imports, newest first; refreshed every few seconds while one of them runs. */
export function useImports(programmeId: string) {
  return useQuery({
    queryKey: importKeys.list(programmeId),
    queryFn: ({ signal }) => apiFetch<{ items: ImportJob[] }>(`/api/programs/${programmeId}/imports`, { signal }),
    refetchInterval: (query) => (query.state.data?.items.some(isImportRunning) ? 3_000 : false),
  });
}

/**
 * One import, asked again every half second while it is queued or running. When it ends, the
 * programme's import list and participant lists are refreshed.
 */
export function useImport(id: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: importKeys.detail(id),
    queryFn: async ({ signal }) => {
      const previous = queryClient.getQueryData<ImportJob>(importKeys.detail(id));
      const job = await apiFetch<ImportJob>(`/api/imports/${id}`, { signal });
      if (previous && isImportRunning(previous) && !isImportRunning(job)) {
        void queryClient.invalidateQueries({ queryKey: importKeys.list(job.programmeId) });
        void queryClient.invalidateQueries({ queryKey: ['participants'] });
      }
      return job;
    },
    refetchInterval: (query) => (query.state.data && isImportRunning(query.state.data) ? POLL_MS : false),
  });
}

/** Uploads a roster (multipart `file`) and queues its import; answers 202 with the queued job. */
export function useStartImport(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun, sheet }: StartImportInput) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return apiFetch<ImportJob>(`/api/programs/${programmeId}/imports`, { method: 'POST', query: { dryRun, sheet }, body: form });
    },
    onSuccess: (job) => {
      queryClient.setQueryData(importKeys.detail(job.id), job);
      return queryClient.invalidateQueries({ queryKey: importKeys.list(programmeId) });
    },
  });
}

/** The rejected rows as CSV, in the language of the `berdaya_lang` cookie; the server sends it as a download. */
export const importErrorsUrl = (id: string): string => buildUrl(`/api/imports/${id}/errors.csv`);
