import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from './client.ts';
import type { Page, Role } from './types.ts';

/** Name and email are null for viewers (the server leaves them out). */
export type AuditActor = { id: string; role: Role; name: string | null; email: string | null };
export type AuditEvent = {
  id: number;
  at: string;
  actorUserId: string | null;
  actor: AuditActor | null;
  action: string;
  entityType: string;
  entityId: string | null;
  programmeId: string | null;
  programmeCode: string | null;
  details: Record<string, unknown> | null;
  hash: string | null;
};
export type AuditFilters = { actors: AuditActor[]; actions: string[]; entityTypes: string[] };
export type AuditListParams = { actorUserId?: string; action?: string; entityType?: string; from?: string; to?: string; page?: number; pageSize?: number };

export function useAuditEvents(params: AuditListParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    enabled: options.enabled,
    queryKey: ['audit', 'list', params],
    queryFn: ({ signal }) => apiFetch<Page<AuditEvent>>('/api/audit', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useAuditFilters(options: { enabled?: boolean } = {}) {
  return useQuery({
    enabled: options.enabled,
    queryKey: ['audit', 'filters'],
    queryFn: ({ signal }) => apiFetch<AuditFilters>('/api/audit/filters', { signal }),
  });
}
