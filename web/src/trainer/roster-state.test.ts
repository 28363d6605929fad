import { describe, expect, it } from 'vitest';
import type { RosterEntry } from '../api/types.ts';
import type { OutboxRecord } from './offline/outbox-record.ts';
import { countStates, mergeRoster } from './roster-state.ts';

const entry = (personId: string, attended = false): RosterEntry => ({
  personId,
  name: `Peserta ${personId}`,
  nik: null,
  phone: null,
  gender: null,
  businessName: null,
  source: 'manual',
  addedAt: '2024-01-01T00:00:00.000Z',
  attendance: attended ? { method: 'qr', capturedAt: '2024-01-23T01:00:00.000Z' } : null,
  rsvp: null,
  version: '1',
});

const record = (change: Partial<OutboxRecord>): OutboxRecord => ({
  clientId: crypto.randomUUID(),
  userId: 'u',
  sessionId: 's',
  kind: 'mark',
  personId: null,
  name: 'x',
  token: null,
  walkIn: null,
  capturedAt: '2024-01-23T02:00:00.000Z',
  capturedOffline: true,
  status: 'pending',
  attempts: 0,
  lastAttemptAt: null,
  syncedAt: null,
  reason: null,
  message: null,
  fields: null,
  ...change,
});

describe('mergeRoster', () => {
  it("shows the server's attendance first, then the device's records", () => {
    const rows = mergeRoster([entry('a', true), entry('b'), entry('c'), entry('d')], [
      record({ personId: 'a' }),
      record({ personId: 'b' }),
      record({ personId: 'c', status: 'rejected', reason: 'session_cancelled' }),
    ]);
    expect(rows.map((r) => r.state.kind)).toEqual(['present', 'pending', 'rejected', 'absent']);
  });

  it('prefers a synced record over an older rejected one', () => {
    const [row] = mergeRoster([entry('a')], [record({ personId: 'a', status: 'rejected', capturedAt: '2024-01-23T03:00:00Z' }), record({ personId: 'a', status: 'synced' })]);
    expect(row?.state.kind).toBe('synced');
  });

  it('adds walk-ins until the roster has them, and counts states', () => {
    const walkIn = record({ kind: 'walk_in', name: 'Maria', walkIn: { ownerName: 'Maria', businessName: 'Tenun', nik: '', phone: '0812', gender: '', sector: '', regency: '53.15' } });
    const rows = mergeRoster([entry('a')], [walkIn, record({ personId: 'a' })]);
    expect(rows.map((r) => [r.name, r.walkIn, r.state.kind])).toEqual([
      ['Peserta a', false, 'pending'],
      ['Maria', true, 'pending'],
    ]);
    expect(countStates(rows)).toEqual({ present: 0, pending: 2, rejected: 0 });
    const synced = mergeRoster([entry('a'), { ...entry('m', true), source: 'walk_in', name: 'Maria' }], [{ ...walkIn, personId: 'm', status: 'synced' }]);
    expect(synced.map((r) => r.name)).toEqual(['Peserta a', 'Maria']);
  });
});
