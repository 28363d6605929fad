import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';
import type { InviteResult, Page, Role, User } from './types.ts';

export type UserListParams = { q?: string; role?: Role; organisationId?: string; page?: number; pageSize?: number };
export type InviteUserInput = { email: string; name: string; role: Role; organisationId: string | null; programmeIds: string[] };
export type UpdateUserInput = { name?: string; role?: Role; organisationId?: string | null; active?: boolean; programmeIds?: string[] };

const userKeys = {
  all: ['users'] as const,
  list: (params: UserListParams) => ['users', 'list', params] as const,
};

export function useUsers(params: UserListParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    enabled: options.enabled,
    queryKey: userKeys.list(params),
    queryFn: ({ signal }) => apiFetch<Page<User>>('/api/users', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useInviteUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InviteUserInput) => apiFetch<InviteResult>('/api/users', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateUserInput }) => apiFetch<User>(`/api/users/${id}`, { method: 'PATCH', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useReissueInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<InviteResult>(`/api/users/${id}/invite`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
