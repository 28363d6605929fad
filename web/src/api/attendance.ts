import { useQuery } from '@tanstack/react-query';
import { apiFetch } from './client.ts';
import type { CheckInCode, CheckInResult, ProgressPage, SyncRecord, SyncResult, WalkInResult } from './types.ts';
import type { ParticipantInput } from './participants.ts';

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
