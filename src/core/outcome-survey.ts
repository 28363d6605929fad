import { z } from 'zod';
import { signToken, verifyToken } from './signed-token.ts';

/**
 * Economic outcome surveys of MSMEs (baseline, endline, six months after): the answer's
 * vocabulary, its validation and the personal link. Pure: no I/O.
 */
export const SURVEY_PHASES = ['baseline', 'endline', 'followup'] as const;
export type SurveyPhase = (typeof SURVEY_PHASES)[number];

/**
 * Monthly revenue bands in rupiah, in order: growth means a later band than at baseline.
 * The bounds follow the usual micro/small split of monthly turnover.
 */
export const REVENUE_BANDS = ['lt_5m', '5m_15m', '15m_50m', '50m_100m', '100m_250m', 'gte_250m'] as const;
export type RevenueBand = (typeof REVENUE_BANDS)[number];

/** Position of a band (0 = lowest). */
export function bandRank(band: RevenueBand): number {
  return REVENUE_BANDS.indexOf(band);
}

export const PLATFORMS = ['shopee', 'tokopedia', 'tiktok_shop', 'lazada', 'bukalapak', 'blibli', 'instagram', 'facebook', 'whatsapp_business', 'gofood', 'grabfood', 'website', 'other'] as const;

const count = z.number({ error: 'errors.outcomeSurvey.wholeNumber' }).int('errors.outcomeSurvey.wholeNumber').min(0, 'errors.outcomeSurvey.negative').max(10_000, 'errors.outcomeSurvey.tooMany');

/**
 * One answer. Counts are whole numbers ≥ 0; women are among the workers (paid + unpaid);
 * new hires are asked only after the baseline. Messages are i18n keys (src/server/messages.ts).
 */
export const outcomeAnswer = z
  .object({
    revenueBand: z.enum(REVENUE_BANDS, { error: 'errors.outcomeSurvey.revenueBand' }),
    /** Share of sales made online, percent 0–100. */
    onlineSharePercent: z.number({ error: 'errors.outcomeSurvey.percent' }).int('errors.outcomeSurvey.percent').min(0, 'errors.outcomeSurvey.percent').max(100, 'errors.outcomeSurvey.percent'),
    workersPaid: count,
    workersUnpaid: count,
    workersWomen: count,
    newHires: count.nullable().default(null),
    platforms: z.array(z.enum(PLATFORMS, { error: 'errors.outcomeSurvey.platform' })).max(PLATFORMS.length).default([]),
  })
  .superRefine((a, ctx) => {
    if (a.workersWomen > a.workersPaid + a.workersUnpaid) ctx.addIssue({ code: 'custom', path: ['workersWomen'], message: 'errors.outcomeSurvey.womenAboveWorkers' });
  });
export type OutcomeAnswer = z.infer<typeof outcomeAnswer>;

/** Total workers (paid and unpaid, the owner not included): the base of "jobs created". */
export function workersOf(a: Pick<OutcomeAnswer, 'workersPaid' | 'workersUnpaid'>): number {
  return a.workersPaid + a.workersUnpaid;
}

const PURPOSE = 'outcome-survey';
const VERSION = 1;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type SurveyTokenResult = { ok: true; inviteId: string; expiresAt: Date; expired: boolean } | { ok: false };

/**
 * A personal outcome-survey link: the invitation id and an expiry (whole seconds), signed with
 * a purpose of its own (an RSVP link or a check-in QR never opens a survey). 21 bytes.
 */
export function createSurveyToken(secret: string, options: { inviteId: string; expiresAt: Date }): string {
  if (!UUID.test(options.inviteId)) throw new Error('not a UUID');
  const expiry = Buffer.alloc(4);
  expiry.writeUInt32BE(Math.floor(options.expiresAt.getTime() / 1000));
  return signToken(secret, PURPOSE, Buffer.concat([Buffer.from([VERSION]), Buffer.from(options.inviteId.replaceAll('-', ''), 'hex'), expiry]));
}

export function readSurveyToken(secret: string, token: string, now: Date = new Date()): SurveyTokenResult {
  const payload = verifyToken(secret, PURPOSE, token);
  if (!payload || payload.length !== 21 || payload[0] !== VERSION) return { ok: false };
  const hex = payload.subarray(1, 17).toString('hex');
  const inviteId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const expiresAt = new Date(payload.readUInt32BE(17) * 1000);
  return { ok: true, inviteId, expiresAt, expired: now.getTime() >= expiresAt.getTime() };
}
