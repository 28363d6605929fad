import { describe, expect, it } from 'vitest';
import { createRsvpToken } from './signed-token.ts';
import { bandRank, createSurveyToken, outcomeAnswer, readSurveyToken } from './outcome-survey.ts';

const secret = 'rahasia-uji-rahasia-uji-rahasia-uji-1';
const inviteId = '11111111-2222-4333-8444-555555555555';
const good = { revenueBand: '5m_15m', onlineSharePercent: 30, workersPaid: 2, workersUnpaid: 1, workersWomen: 3, platforms: ['shopee'] };

describe('outcome answers', () => {
  it('accepts possible answers and orders revenue bands', () => {
    expect(outcomeAnswer.parse(good)).toEqual({ ...good, newHires: null });
    expect(bandRank('lt_5m')).toBeLessThan(bandRank('gte_250m'));
  });

  it.each([
    [{ workersPaid: -1, workersWomen: 0 }, 'workersPaid', 'errors.outcomeSurvey.negative'],
    [{ workersUnpaid: 1.5 }, 'workersUnpaid', 'errors.outcomeSurvey.wholeNumber'],
    [{ revenueBand: 'unknown' }, 'revenueBand', 'errors.outcomeSurvey.revenueBand'],
    [{ onlineSharePercent: 120 }, 'onlineSharePercent', 'errors.outcomeSurvey.percent'],
    [{ workersWomen: 4 }, 'workersWomen', 'errors.outcomeSurvey.womenAboveWorkers'],
    [{ platforms: ['friendster'] }, 'platforms', 'errors.outcomeSurvey.platform'],
  ])('refuses %j on %s', (change, field, message) => {
    const result = outcomeAnswer.safeParse({ ...good, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [String(i.path[0]), i.message])).toEqual([[field, message]]);
  });
});

describe('survey tokens', () => {
  it('round-trips the invitation and expiry, reports expiry, and never accepts another purpose', () => {
    const expiresAt = new Date('2030-01-01T00:00:00Z');
    const token = createSurveyToken(secret, { inviteId, expiresAt });
    expect(readSurveyToken(secret, token, new Date('2029-12-31T23:59:59Z'))).toEqual({ ok: true, inviteId, expiresAt, expired: false });
    expect(readSurveyToken(secret, token, expiresAt)).toMatchObject({ ok: true, expired: true });
    expect(readSurveyToken('lain-lain-lain-lain-lain-lain-lain-12', token)).toEqual({ ok: false });
    expect(readSurveyToken(secret, createRsvpToken(secret, { recipientId: inviteId, expiresAt }))).toEqual({ ok: false });
  });
});
