import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, apiUpload } from './client.ts';
import type { CurriculumModule, LearningPath, LocalisedTitle, ModuleTopic } from './types.ts';

export type ModuleInput = {
  code: string;
  title: LocalisedTitle;
  topic: ModuleTopic;
  /** Minutes. */
  durationMinutes: number;
  description: string | null;
};
export type UpdateModuleInput = Partial<ModuleInput> & { archived?: boolean };
export type LearningPathInput = { moduleIds: string[]; completionMinPercent: number };

export const curriculumKeys = {
  all: (programmeId: string) => ['programmes', programmeId, 'curriculum'] as const,
  modules: (programmeId: string, includeArchived: boolean) => ['programmes', programmeId, 'curriculum', 'modules', { includeArchived }] as const,
  path: (programmeId: string) => ['programmes', programmeId, 'curriculum', 'path'] as const,
};

export function useModules(programmeId: string, includeArchived = false) {
  return useQuery({
    queryKey: curriculumKeys.modules(programmeId, includeArchived),
    queryFn: ({ signal }) => apiFetch<{ items: CurriculumModule[]; total: number }>(`/api/programs/${programmeId}/modules`, { query: { includeArchived }, signal }),
  });
}

export function useLearningPath(programmeId: string) {
  return useQuery({
    queryKey: curriculumKeys.path(programmeId),
    queryFn: ({ signal }) => apiFetch<LearningPath>(`/api/programs/${programmeId}/learning-path`, { signal }),
  });
}

function useRefresh(programmeId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: curriculumKeys.all(programmeId) });
}

export function useCreateModule(programmeId: string) {
  const refresh = useRefresh(programmeId);
  return useMutation({
    mutationFn: (input: ModuleInput) => apiFetch<CurriculumModule>(`/api/programs/${programmeId}/modules`, { method: 'POST', body: input }),
    onSuccess: refresh,
  });
}

export function useUpdateModule(programmeId: string) {
  const refresh = useRefresh(programmeId);
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateModuleInput }) => apiFetch<CurriculumModule>(`/api/programs/${programmeId}/modules/${id}`, { method: 'PATCH', body: input }),
    onSuccess: refresh,
  });
}

export function useAddMaterialLink(programmeId: string) {
  const refresh = useRefresh(programmeId);
  return useMutation({
    mutationFn: ({ moduleId, title, url }: { moduleId: string; title: string; url: string }) =>
      apiFetch<CurriculumModule>(`/api/programs/${programmeId}/modules/${moduleId}/materials`, { method: 'POST', body: { title, url } }),
    onSuccess: refresh,
  });
}

export function useUploadMaterial(programmeId: string) {
  const refresh = useRefresh(programmeId);
  return useMutation({
    mutationFn: ({ moduleId, file, title }: { moduleId: string; file: File; title: string }) =>
      apiUpload<CurriculumModule>(`/api/programs/${programmeId}/modules/${moduleId}/materials/file`, file, 'POST', title ? { title } : {}),
    onSuccess: refresh,
  });
}

export function useRemoveMaterial(programmeId: string) {
  const refresh = useRefresh(programmeId);
  return useMutation({
    mutationFn: ({ moduleId, materialId }: { moduleId: string; materialId: string }) =>
      apiFetch<CurriculumModule>(`/api/programs/${programmeId}/modules/${moduleId}/materials/${materialId}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}

export const materialFileUrl = (programmeId: string, moduleId: string, materialId: string): string =>
  `/api/programs/${programmeId}/modules/${moduleId}/materials/${materialId}/file`;

export function useSetLearningPath(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LearningPathInput) => apiFetch<LearningPath>(`/api/programs/${programmeId}/learning-path`, { method: 'PUT', body: input }),
    onSuccess: (path) => {
      queryClient.setQueryData(curriculumKeys.path(programmeId), path);
      return queryClient.invalidateQueries({ queryKey: curriculumKeys.all(programmeId) });
    },
  });
}
