import { z } from 'zod';
import { participantInput } from '../participants/schema.ts';
import { maturityAnswers } from '../assessments/schema.ts';
import { personFields } from '../trainees/schema.ts';

export const CHAMPION_CATEGORIES = ['youth', 'religious_leader', 'community_figure', 'other'] as const;
/** Header carrying a referral token on the public registration page (the link carries it in the URL fragment). */
export const REFERRAL_TOKEN_HEADER = 'x-referral-token';

export const createChampionBody = z.object({ category: z.enum(CHAMPION_CATEGORIES), person: personFields });
export type CreateChampionInput = z.infer<typeof createChampionBody>;
export const updateChampionBody = z.object({ category: z.enum(CHAMPION_CATEGORIES).optional(), active: z.boolean().optional() });
export const championParams = z.object({ id: z.uuid(), championId: z.uuid() });

export const championView = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  personId: z.uuid(),
  /** Null for viewers (no personal data). */
  name: z.string().nullable(),
  category: z.enum(CHAMPION_CATEGORIES),
  active: z.boolean(),
});

export const championRanking = z.object({
  sort: z.enum(['referrals', 'completed']),
  items: z.array(
    championView.extend({
      /** 1-based, ties share a rank. */
      rank: z.number().int(),
      /** People who self-registered through the champion's link. */
      referrals: z.number().int(),
      /** Of them: attended at least one session. */
      trained: z.number().int(),
      /** Of them: completed the learning path. */
      completed: z.number().int(),
    }),
  ),
});
export const rankingQuery = z.object({ sort: z.enum(['referrals', 'completed']).default('referrals') });

export const referralLinkView = z.object({ championId: z.uuid(), token: z.string(), url: z.string(), svg: z.string() });

export const referralHeaders = z.object({ [REFERRAL_TOKEN_HEADER]: z.string().trim().min(1).max(200) });
export const referralInfo = z.object({
  programme: z.object({ code: z.string(), name: z.string() }),
  /** Who invites: the champion's name, shown on the registration page. */
  champion: z.object({ name: z.string(), category: z.enum(CHAMPION_CATEGORIES) }),
});

/** Self-registration: the roster's fields and rules, the referral token, and optionally the baseline questionnaire. */
export const registerBody = participantInput.omit({ active: true }).extend({
  token: z.string().trim().min(1).max(200),
  maturity: maturityAnswers.optional(),
});
export const registerResult = z.object({ registered: z.literal(true), message: z.string() });
