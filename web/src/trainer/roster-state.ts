import type { RosterEntry } from '../api/types.ts';
import type { OutboxRecord } from './offline/outbox-record.ts';

/** A person's attendance as the trainer sees it: the server's record, else what this device holds. */
export type MarkState =
  | { kind: 'present'; method: string; capturedAt: string }
  | { kind: 'pending'; record: OutboxRecord }
  | { kind: 'synced'; record: OutboxRecord }
  | { kind: 'rejected'; record: OutboxRecord }
  | { kind: 'absent' };

export type RosterRow = { personId: string | null; name: string; detail: string | null; walkIn: boolean; state: MarkState; entry: RosterEntry | null; record: OutboxRecord | null };

const RANK: Record<OutboxRecord['status'], number> = { synced: 3, pending: 2, rejected: 1 };

/** The most telling record per person: synced over pending over rejected, later over earlier. */
function bestRecord(records: OutboxRecord[]): OutboxRecord | undefined {
  return [...records].sort((a, b) => RANK[b.status] - RANK[a.status] || b.capturedAt.localeCompare(a.capturedAt))[0];
}

function stateOf(entry: RosterEntry | null, record: OutboxRecord | undefined): MarkState {
  if (entry?.attendance) return { kind: 'present', method: entry.attendance.method, capturedAt: entry.attendance.capturedAt };
  if (!record) return { kind: 'absent' };
  return { kind: record.status, record } as MarkState;
}

/**
 * The roster (the server's, possibly the copy kept offline) merged with this session's records
 * on the device: marks and scans set a person's state; walk-ins not yet on the server's roster
 * are extra rows, so that nothing captured disappears from the screen before it is synced.
 */
export function mergeRoster(roster: RosterEntry[], records: OutboxRecord[]): RosterRow[] {
  const byPerson = new Map<string, OutboxRecord[]>();
  for (const record of records) if (record.personId) byPerson.set(record.personId, [...(byPerson.get(record.personId) ?? []), record]);
  const rows: RosterRow[] = roster.map((entry) => {
    const record = bestRecord(byPerson.get(entry.personId) ?? []);
    return { personId: entry.personId, name: entry.name, detail: entry.businessName, walkIn: entry.source === 'walk_in', state: stateOf(entry, record), entry, record: record ?? null };
  });
  const onRoster = new Set(roster.map((e) => e.personId));
  for (const record of records) {
    if (record.kind !== 'walk_in' || (record.personId && onRoster.has(record.personId))) continue;
    rows.push({ personId: record.personId, name: record.name, detail: record.walkIn?.businessName ?? null, walkIn: true, state: stateOf(null, record), entry: null, record });
  }
  // Scans of people not (yet) on the roster copy: shown too.
  for (const [personId, list] of byPerson) {
    if (onRoster.has(personId) || list.every((r) => r.kind === 'walk_in')) continue;
    const record = bestRecord(list.filter((r) => r.kind !== 'walk_in'));
    if (record) rows.push({ personId, name: record.name, detail: null, walkIn: false, state: stateOf(null, record), entry: null, record });
  }
  return rows;
}

export function countStates(rows: RosterRow[]) {
  return {
    present: rows.filter((r) => r.state.kind === 'present' || r.state.kind === 'synced').length,
    pending: rows.filter((r) => r.state.kind === 'pending').length,
    rejected: rows.filter((r) => r.state.kind === 'rejected').length,
  };
}
