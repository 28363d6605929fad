import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';
import type { Cascade, CertifyTrainersResult, RegisterPersonResult, TraineeKind, TraineeSummary, TrainerCertification } from './types.ts';

/** A person without a business: the roster's identity rules (NIK or phone). */
export type RegisterPersonInput = {
  kind: TraineeKind;
  name: string;
  nik?: string;
  phone?: string;
  email?: string;
  gender?: 'female' | 'male' | '';
  /** Government staff: where they work. */
  institution?: string | null;
  unit?: string | null;
  position?: string | null;
};

export type CertificationInput = { personId: string; userId?: string | null; organisationId?: string | null; parentId?: string | null; certifiedOn?: string };
export type CertifyTrainersInput = { personIds: string[]; certifiedByUserId?: string; accounts?: { personId: string; userId: string }[]; certifiedOn?: string };

export const cascadeKeys = {
  all: (programmeId: string) => ['programmes', programmeId, 'cascade'] as const,
  tree: (programmeId: string) => ['programmes', programmeId, 'cascade', 'tree'] as const,
  trainees: (programmeId: string) => ['programmes', programmeId, 'cascade', 'trainees'] as const,
};

/** The ToT tree with reach rolled up at each node (trainers see their branch; viewers no names). */
export function useCascade(programmeId: string) {
  return useQuery({
    queryKey: cascadeKeys.tree(programmeId),
    queryFn: ({ signal }) => apiFetch<Cascade>(`/api/programs/${programmeId}/cascade`, { signal }),
  });
}

/** People trained by type: MSME owners, government staff, trainers, champions. */
export function useTraineeSummary(programmeId: string, enabled = true) {
  return useQuery({
    queryKey: cascadeKeys.trainees(programmeId),
    queryFn: ({ signal }) => apiFetch<TraineeSummary>(`/api/programs/${programmeId}/trainees/summary`, { signal }),
    enabled,
  });
}

/** Registers government staff, a trainer, a champion or another trainee in the programme. */
export function useRegisterPerson(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RegisterPersonInput) => apiFetch<RegisterPersonResult>(`/api/programs/${programmeId}/people`, { method: 'POST', body: input }),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: cascadeKeys.all(programmeId) }), queryClient.invalidateQueries({ queryKey: ['participants'] })]),
  });
}

/** A master trainer (no parent) or a trainer certified outside a ToT session. */
export function useCreateCertification(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CertificationInput) => apiFetch<TrainerCertification>(`/api/programs/${programmeId}/trainer-certifications`, { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cascadeKeys.all(programmeId) }),
  });
}

/** Links a certified trainer's account (their sessions then hang under the node) or changes their organisation. */
export function useUpdateCertification(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: { userId?: string | null; organisationId?: string | null } }) =>
      apiFetch<TrainerCertification>(`/api/programs/${programmeId}/trainer-certifications/${id}`, { method: 'PATCH', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cascadeKeys.all(programmeId) }),
  });
}

/** Certifies attendees of a ToT session as trainers, under the session's certified trainer. */
export function useCertifyTrainers(programmeId: string, sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CertifyTrainersInput) => apiFetch<CertifyTrainersResult>(`/api/sessions/${sessionId}/certify-trainers`, { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cascadeKeys.all(programmeId) }),
  });
}
