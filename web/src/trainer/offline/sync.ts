import { useSyncExternalStore } from 'react';
import { checkIn, registerWalkIn, syncAttendance } from '../../api/attendance.ts';
import { editsSnapshot, loadEdits } from './edit-outbox.ts';
import { sendEdits } from './edit-sync.ts';
import { needsSync } from './mentoring-record.ts';
import { loadMentoring, mentoringSnapshot } from './mentoring-outbox.ts';
import { sendMentoring } from './mentoring-sync.ts';
import type { OutboxRecord } from './outbox-record.ts';
import { loadOutbox, outboxSnapshot, saveRecords } from './outbox.ts';
import { failure, reasonText, Stop } from './sync-failure.ts';

export type SyncState = {
  running: boolean;
  /** The last time every pending record got an answer. */
  lastSyncAt: string | null;
  /** Why the last attempt stopped (no network, server trouble), in the user's language. */
  problem: string | null;
  /** The session cookie has expired: records wait until the trainer signs in again. */
  needsSignIn: boolean;
};

let state: SyncState = { running: false, lastSyncAt: null, problem: null, needsSignIn: false };
const listeners = new Set<() => void>();
function setState(change: Partial<SyncState>): void {
  state = { ...state, ...change };
  for (const listener of listeners) listener();
}

export function useSyncState(): SyncState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}

const BATCH = 500;
let currentUserId: string | null = null;
/** Among the ids given to `onSynced`: mentoring records were sent (the caseload needs refreshing). */
export const MENTORING = 'mentoring';
let onSynced: (sessionIds: string[]) => void = () => {};

/** Who is signed in (records are sent only by the trainer who captured them) and what to refresh afterwards. */
export function configureSync(options: { userId: string | null; onSynced: (sessionIds: string[]) => void }): void {
  currentUserId = options.userId;
  onSynced = options.onSynced;
}

const now = () => new Date().toISOString();

/** The record, answered: stored (or already there) … */
const synced = (record: OutboxRecord, personId = record.personId): OutboxRecord => ({ ...record, personId, status: 'synced', syncedAt: now(), reason: null, message: null, fields: null });
/** … or refused, with a reason that stays on screen. */
const rejected = (record: OutboxRecord, reason: string, message: string, fields: Record<string, string> | null = null): OutboxRecord => ({ ...record, status: 'rejected', reason, message, fields });

async function attempt(records: OutboxRecord[]): Promise<void> {
  await saveRecords(records.map((r) => ({ ...r, attempts: r.attempts + 1, lastAttemptAt: now() })));
}

/** Manual marks: the stable batch contract, `POST /api/sync/attendance`. */
async function sendMarks(marks: OutboxRecord[]): Promise<void> {
  for (let i = 0; i < marks.length; i += BATCH) {
    const batch = marks.slice(i, i + BATCH);
    await attempt(batch);
    try {
      const result = await syncAttendance(
        batch.map((r) => ({ clientId: r.clientId, sessionId: r.sessionId, personId: r.personId ?? '', method: 'manual', capturedAt: r.capturedAt })),
      );
      const refused = new Map(result.rejected.map((r) => [r.clientId, r.reason]));
      await saveRecords(batch.map((r) => {
        const reason = refused.get(r.clientId);
        return reason ? rejected(r, reason, reasonText(reason)) : synced(r);
      }));
    } catch (error) {
      const f = failure(error);
      if (f.retry) throw new Stop(f.problem, f.signIn);
      await saveRecords(batch.map((r) => rejected(r, f.code, f.message)));
    }
  }
}

/** QR scans: the check-in endpoint verifies the code's signature; idempotent by client id too. */
async function sendScan(record: OutboxRecord): Promise<void> {
  await attempt([record]);
  try {
    const result = await checkIn(record.sessionId, { token: record.token ?? '', clientId: record.clientId, capturedAt: record.capturedAt });
    if (result.outcome === 'rejected') await saveRecords([rejected(record, result.reason ?? 'invalid_record', result.message)]);
    else await saveRecords([{ ...synced(record, result.person?.id ?? record.personId), name: result.person?.name ?? record.name }]);
  } catch (error) {
    const f = failure(error);
    if (f.retry) throw new Stop(f.problem, f.signIn);
    await saveRecords([rejected(record, f.code, f.message, f.fields)]);
  }
}

/** Walk-ins: registered with the registry's validation and marked present by the same client id. */
async function sendWalkIn(record: OutboxRecord): Promise<void> {
  const values = record.walkIn;
  if (!values) return;
  await attempt([record]);
  try {
    const result = await registerWalkIn(record.sessionId, {
      ownerName: values.ownerName,
      businessName: values.businessName,
      nik: values.nik,
      phone: values.phone,
      gender: values.gender,
      sector: values.sector,
      regency: values.regency,
      clientId: record.clientId,
      capturedAt: record.capturedAt,
      method: record.capturedOffline ? 'offline' : 'manual',
    });
    await saveRecords([synced(record, result.personId)]);
  } catch (error) {
    const f = failure(error);
    if (f.retry) throw new Stop(f.problem, f.signIn);
    await saveRecords([rejected(record, f.code, f.message, f.fields)]);
  }
}

let running: Promise<void> | null = null;
let again = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let backoff = 0;
const BACKOFF_MS = [5_000, 10_000, 30_000, 60_000];

async function run(): Promise<void> {
  await Promise.all([loadOutbox(), loadMentoring(), loadEdits()]);
  const pending = outboxSnapshot().filter((r) => r.status === 'pending' && r.userId === currentUserId);
  const mentoring = mentoringSnapshot().filter((r) => needsSync(r) && r.userId === currentUserId);
  const edits = editsSnapshot().filter((r) => r.status === 'pending' && r.userId === currentUserId);
  if ((pending.length === 0 && mentoring.length === 0 && edits.length === 0) || currentUserId === null) {
    setState({ problem: null });
    return;
  }
  setState({ running: true });
  const touched = new Set<string>();
  try {
    await sendMarks(pending.filter((r) => r.kind === 'mark'));
    pending.forEach((r) => touched.add(r.sessionId));
    for (const record of pending.filter((r) => r.kind !== 'mark')) {
      if (record.kind === 'scan') await sendScan(record);
      else await sendWalkIn(record);
    }
    // Participant edits after the walk-ins and marks: applied, or kept for the coordinator.
    if (edits.length > 0) {
      edits.forEach((r) => touched.add(r.sessionId));
      await sendEdits(edits);
    }
    // Mentoring visits and milestones, then their photos.
    if (mentoring.length > 0) {
      touched.add(MENTORING);
      await sendMentoring(mentoring);
    }
    backoff = 0;
    setState({ lastSyncAt: now(), problem: null, needsSignIn: false });
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    setState({ problem: error.message, needsSignIn: error.signIn });
    // Tried again later, sooner when the network comes back (the `online` event).
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void syncNow(), BACKOFF_MS[Math.min(backoff++, BACKOFF_MS.length - 1)]);
  } finally {
    setState({ running: false });
    if (touched.size) onSynced([...touched]);
  }
}

/**
 * Sends every pending record of the signed-in trainer, oldest first. Calls while a run is going
 * on start one more run after it (records captured meanwhile are not left waiting). Replays are
 * harmless: the server recognises every record by its client id.
 */
export function syncNow(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = run()
    .catch((error: unknown) => setState({ problem: error instanceof Error ? error.message : String(error) }))
    .finally(() => {
      running = null;
      if (again) {
        again = false;
        void syncNow();
      }
    });
  return running;
}

/** Sync when the network returns, when the app comes back to the foreground, and at start. */
export function startAutoSync(): () => void {
  const online = () => {
    backoff = 0;
    void syncNow();
  };
  const visible = () => {
    if (document.visibilityState === 'visible' && navigator.onLine) void syncNow();
  };
  window.addEventListener('online', online);
  document.addEventListener('visibilitychange', visible);
  if (navigator.onLine) void syncNow();
  return () => {
    window.removeEventListener('online', online);
    document.removeEventListener('visibilitychange', visible);
    clearTimeout(retryTimer);
  };
}
