import { describe, expect, it } from 'vitest';
import { mentoringState, type MentoringRecord } from '../offline/mentoring-record.ts';
import { whatsappNumber } from './mentoring-format.ts';

const record = (change: Partial<MentoringRecord>): MentoringRecord => ({
  clientId: 'c1',
  userId: 'u1',
  kind: 'visit',
  programmeId: 'p1',
  msmeId: 'm1',
  businessName: 'Tenun Ikat',
  visit: { visitedOn: '2024-05-02', mode: 'on_site', notes: null, agreedActions: [] },
  milestone: null,
  photos: [],
  capturedAt: '2024-05-02T09:00:00.000Z',
  capturedOffline: true,
  status: 'pending',
  serverId: null,
  attempts: 0,
  lastAttemptAt: null,
  syncedAt: null,
  reason: null,
  message: null,
  ...change,
});
const photo = (status: 'pending' | 'uploaded' | 'rejected') => ({ clientId: `ph-${status}`, size: 1000, status, message: null });

describe('mentoring record state', () => {
  it('waits while the record or one of its photos is not on the server', () => {
    expect(mentoringState(record({}))).toBe('pending');
    expect(mentoringState(record({ status: 'synced', serverId: 'v1', photos: [photo('uploaded'), photo('pending')] }))).toBe('pending');
  });

  it('is synced once the record and every photo have an answer', () => {
    expect(mentoringState(record({ status: 'synced', serverId: 'v1', photos: [photo('uploaded')] }))).toBe('synced');
    // A refused photo is shown with its reason, and does not hold the visit back.
    expect(mentoringState(record({ status: 'synced', serverId: 'v1', photos: [photo('rejected')] }))).toBe('synced');
  });

  it('is refused when the server refused the record', () => {
    expect(mentoringState(record({ status: 'rejected', reason: 'not_your_caseload', photos: [photo('pending')] }))).toBe('rejected');
  });
});

describe('WhatsApp link number', () => {
  it.each([
    ['+6281234567890', '6281234567890'],
    ['0812-3456', '08123456'],
    [null, null],
    ['12', null],
  ])('%s → %s', (phone, expected) => {
    expect(whatsappNumber(phone)).toBe(expected);
  });
});
