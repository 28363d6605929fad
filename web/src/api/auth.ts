import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';
import type { CurrentUser } from './types.ts';

export const meKey = ['auth', 'me'] as const;

/** Who is signed in; `null` when nobody is. */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async ({ signal }) => {
      const { user } = await apiFetch<{ user: CurrentUser | null }>('/api/auth/me', { signal, redirectOn401: false });
      return user;
    },
    staleTime: Infinity,
  });
}

export type LoginInput = { email: string; password: string };

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => apiFetch<{ user: CurrentUser }>('/api/auth/login', { method: 'POST', body: input, redirectOn401: false }),
    onSuccess: ({ user }) => queryClient.setQueryData(meKey, user),
    meta: { silent: true },
  });
}

export type AcceptInviteInput = { token: string; name?: string; password: string };

export function useAcceptInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AcceptInviteInput) => apiFetch<{ user: CurrentUser }>('/api/auth/accept-invite', { method: 'POST', body: input, redirectOn401: false }),
    onSuccess: ({ user }) => queryClient.setQueryData(meKey, user),
    meta: { silent: true },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<void>('/api/auth/logout', { method: 'POST', redirectOn401: false }),
    // Whatever the server said, nothing of the old session may stay on screen.
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(meKey, null);
    },
    meta: { silent: true },
  });
}
