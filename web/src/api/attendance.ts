import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';
import type { CheckInCode, CheckInResult, ProgressPage, SyncRecord, SyncResult, WalkInResult } from './types.ts';
import { participantKeys, type ParticipantInput } from './participants.ts';

/** A participant's personal check-in QR code for a programme (text and SVG). */
export function useCheckInCode(programmeId: string, personId: string) {
  return useQuery({
    queryKey: ['check-in-codes', programmeId, personId],
    queryFn: ({ signal }) => apiFetch<CheckInCode>(`/api/programs/${programmeId}/check-in-codes/${personId}`, { signal }),
    staleTime: Infinity,
  });
}

export function useProgress(programmeId: string, enabled = true) {
  return useQuery({
    queryKey: ['programmes', programmeId, 'progress'],
    queryFn: ({ signal }) => apiFetch<ProgressPage>(`/api/programs/${programmeId}/progress`, { query: { limit: 200 }, signal }),
    enabled,
  });
}

/** An offline participant edit that met a newer server edit: both versions of the fields it changed. */
export type ParticipantConflict = {
  id: string;
  programmeId: string;
  person: { id: string; name: string };
  session: { id: string; title: string } | null;
  submittedBy: { id: string; name: string } | null;
  status: 'conflict' | 'kept_server' | 'applied_client';
  clientValues: Record<string, unknown>;
  serverValues: Record<string, unknown>;
  editedAt: string;
  createdAt: string;
  resolvedAt: string | null;
};

const conflictKeys = { open: (programmeId: string) => ['programmes', programmeId, 'participant-conflicts'] as const };

/** The programme's open conflicts, for the coordinator to decide. */
export function useParticipantConflicts(programmeId: string, enabled = true) {
  return useQuery({
    queryKey: conflictKeys.open(programmeId),
    queryFn: ({ signal }) => apiFetch<{ items: ParticipantConflict[] }>(`/api/programs/${programmeId}/participant-conflicts`, { signal }),
    enabled,
  });
}

/** Keeps the server's version or applies the device's; the participant's pages refresh (`participantKeys.all`). */
export function useResolveConflict(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ conflictId, keep }: { conflictId: string; keep: 'server' | 'client' }) =>
      apiFetch<ParticipantConflict>(`/api/programs/${programmeId}/participant-conflicts/${conflictId}/resolve`, { method: 'POST', body: { keep } }),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: conflictKeys.open(programmeId) }), queryClient.invalidateQueries({ queryKey: participantKeys.all })]),
  });
}

/*
 * The trainer app's writes. Plain functions rather than hooks: the app queues them in IndexedDB
 * and its sync loop sends them, again and again until the server has answered.
 */

/** Stable contract: the same record sent again is recognised by its `clientId`, never stored twice. */
export const syncAttendance = (records: SyncRecord[]): Promise<SyncResult> => apiFetch<SyncResult>('/api/sync/attendance', { method: 'POST', body: { records } });

/** A personal QR code scanned at the door; idempotent by `clientId` too. */
export const checkIn = (sessionId: string, body: { token: string; clientId: string; capturedAt: string }): Promise<CheckInResult> =>
  apiFetch<CheckInResult>(`/api/sessions/${sessionId}/check-in`, { method: 'POST', body });

export type WalkInInput = Omit<ParticipantInput, 'active' | 'willing'> & { clientId: string; capturedAt: string; method: 'manual' | 'offline' };

/** Registers a walk-in with the registry's validation and marks them present (by `clientId`). */
export const registerWalkIn = (sessionId: string, input: WalkInInput): Promise<WalkInResult> =>
  apiFetch<WalkInResult>(`/api/sessions/${sessionId}/walk-ins`, { method: 'POST', body: input });

/** A participant edit made on a trainer's device, with the version it was made on. */
export type ParticipantEditSync = {
  clientId: string;
  sessionId: string;
  personId: string;
  baseVersion: string;
  values: Record<string, string>;
  editedAt: string;
};

export type ParticipantEditResult = {
  clientId: string;
  outcome: 'applied' | 'duplicate' | 'conflict' | 'rejected';
  version: string | null;
  conflictId: string | null;
  reason: string | null;
  /** Field → the registry's message, for `invalid_values`. */
  fields: Record<string, string> | null;
};

/** Applied when the participant is unchanged since `baseVersion`, else kept as a conflict for the coordinator; once per `clientId`. */
export const syncParticipantEdits = (edits: ParticipantEditSync[]): Promise<{ results: ParticipantEditResult[] }> =>
  apiFetch<{ results: ParticipantEditResult[] }>('/api/sync/participants', { method: 'POST', body: { edits } });
