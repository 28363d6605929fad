import { describe, expect, it } from 'vitest';
import type { RosterEntry } from '../../api/types.ts';
import { baseToSend, knownValues, latestEdit, previousEdit, type EditRecord } from './edit-record.ts';

const V1 = '2030-01-01T00:00:00.000Z';
const V2 = '2030-01-02T00:00:00.000Z';
const V3 = '2030-01-03T00:00:00.000Z';

const entry: RosterEntry = {
  personId: 'p1',
  name: 'Maria Goreti',
  nik: null,
  phone: '+6281234567890',
  gender: 'female',
  businessName: 'Tenun Ikat Maria',
  source: 'manual',
  addedAt: '2030-01-01T00:00:00.000Z',
  attendance: null,
  rsvp: null,
  version: V1,
};

const edit = (change: Partial<EditRecord>): EditRecord => ({
  clientId: crypto.randomUUID(),
  userId: 'u',
  sessionId: 's',
  personId: 'p1',
  name: 'Maria Goreti',
  baseVersion: V1,
  after: null,
  sentBase: null,
  values: {},
  editedAt: '2030-01-05T01:00:00.000Z',
  capturedOffline: true,
  status: 'pending',
  version: null,
  conflictId: null,
  attempts: 0,
  lastAttemptAt: null,
  syncedAt: null,
  reason: null,
  message: null,
  fields: null,
  ...change,
});

describe('participant edits on the device', () => {
  it("lays this device's edits the roster copy does not show yet over it", () => {
    const first = edit({ values: { phone: '0812-1111-2222' }, editedAt: '2030-01-05T01:00:00.000Z' });
    const second = edit({ values: { ownerName: 'Maria G. Nona' }, editedAt: '2030-01-05T02:00:00.000Z' });
    const refused = edit({ values: { businessName: 'x' }, status: 'rejected', editedAt: '2030-01-05T03:00:00.000Z' });
    const other = edit({ personId: 'p2', values: { ownerName: 'Orang lain' } });
    expect(knownValues(entry, [second, refused, first, other])).toEqual({ ownerName: 'Maria G. Nona', businessName: 'Tenun Ikat Maria', phone: '0812-1111-2222', gender: 'female' });
    // Applied and already in the roster copy (same or older version): the copy tells.
    const shown = edit({ values: { ownerName: 'Lama' }, status: 'applied', version: V1 });
    expect(knownValues(entry, [shown]).ownerName).toBe('Maria Goreti');
    expect(knownValues(entry, [{ ...shown, version: V2 }]).ownerName).toBe('Lama');
  });

  it('chains a second edit to the first one the roster copy does not show', () => {
    expect(previousEdit(entry, [])).toBeNull();
    const first = edit({});
    expect(previousEdit(entry, [first])?.clientId).toBe(first.clientId);
    expect(previousEdit(entry, [{ ...first, status: 'conflict' }])).toBeNull();
    expect(previousEdit(entry, [{ ...first, status: 'applied', version: V1 }])).toBeNull();
  });

  it('sends a chained edit on the version its predecessor produced, or on what the device knew', () => {
    const first = edit({ sentBase: V1 });
    const second = edit({ after: first.clientId });
    expect(baseToSend(edit({}), [])).toBe(V1);
    expect(baseToSend(second, [{ ...first, status: 'applied', version: V3 }])).toBe(V3);
    // The first one did not change the server: the second is judged on the same version (and conflicts when the first did).
    expect(baseToSend(second, [{ ...first, status: 'conflict' }])).toBe(V1);
    expect(baseToSend(second, [{ ...first, status: 'rejected', sentBase: V2 }])).toBe(V2);
    // Sent before, answer lost ("duplicate" of an applied edit): version unknown, the old base (a conflict, never an overwrite).
    expect(baseToSend(second, [{ ...first, status: 'applied', version: null }])).toBe(V1);
    expect(baseToSend(second, [])).toBe(V1);
  });

  it("shows a person's latest edit", () => {
    const early = edit({ editedAt: '2030-01-05T01:00:00.000Z', status: 'applied' });
    const late = edit({ editedAt: '2030-01-05T02:00:00.000Z', status: 'conflict' });
    expect(latestEdit('p1', [late, early])?.clientId).toBe(late.clientId);
    expect(latestEdit('p9', [late, early])).toBeNull();
  });
});
