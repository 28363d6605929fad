/**
 * Digital maturity of an MSME (DESIGN.md): 0 belum daring · 1 hadir di media sosial ·
 * 2 berjualan daring · 3 bertransaksi digital · 4 tumbuh digital. "Digitally on-boarded"
 * means level ≥ 2.
 *
 * The questionnaire is a list of yes/no questions; the level is derived from the answers by
 * this rule, checked from the top down (the first level whose condition holds):
 *
 * | level | condition |
 * |---|---|
 * | 4 tumbuh digital | level 3 holds, and at least one of: runs paid ads, uses sales analytics, has repeat online customers |
 * | 3 bertransaksi digital | level 2 holds, and receives orders online, and accepts digital payments (QRIS, e-wallet, transfer) |
 * | 2 berjualan daring | listed on a marketplace, or sells through social commerce (a shop or catalogue on a social platform) |
 * | 1 hadir di media sosial | has a business social-media account, or a business profile online (e.g. on a map) |
 * | 0 belum daring | none of the above |
 *
 * Level 2 does not require level 1: a marketplace listing is itself an online presence. Growth
 * signals (ads, analytics, repeat customers) count only for a business that already transacts
 * online; without that they leave the level where the other answers put it. Unanswered
 * questions count as "no".
 */
export const MATURITY_QUESTIONS = [
  'has_social_account',
  'has_business_profile',
  'listed_on_marketplace',
  'sells_via_social_commerce',
  'receives_online_orders',
  'accepts_digital_payments',
  'runs_paid_ads',
  'uses_sales_analytics',
  'has_repeat_online_customers',
] as const;
export type MaturityQuestion = (typeof MATURITY_QUESTIONS)[number];
export type MaturityAnswers = Partial<Record<MaturityQuestion, boolean>>;

export const MATURITY_LEVELS = [0, 1, 2, 3, 4] as const;
export type MaturityLevel = (typeof MATURITY_LEVELS)[number];

/** Level at or above which an MSME counts as digitally on-boarded. */
export const ONBOARDED_LEVEL = 2;

export const MATURITY_LABELS: Record<MaturityLevel, { id: string; en: string }> = {
  0: { id: 'Belum daring', en: 'Offline' },
  1: { id: 'Hadir di media sosial', en: 'On social media' },
  2: { id: 'Berjualan daring', en: 'Sells online' },
  3: { id: 'Bertransaksi digital', en: 'Transacts digitally' },
  4: { id: 'Tumbuh digital', en: 'Grows digitally' },
};

export function maturityLevelOf(answers: MaturityAnswers): MaturityLevel {
  const yes = (q: MaturityQuestion) => answers[q] === true;
  const sellsOnline = yes('listed_on_marketplace') || yes('sells_via_social_commerce');
  const transacts = sellsOnline && yes('receives_online_orders') && yes('accepts_digital_payments');
  if (transacts && (yes('runs_paid_ads') || yes('uses_sales_analytics') || yes('has_repeat_online_customers'))) return 4;
  if (transacts) return 3;
  if (sellsOnline) return 2;
  if (yes('has_social_account') || yes('has_business_profile')) return 1;
  return 0;
}

export function isOnboarded(level: number | null | undefined): boolean {
  return level !== null && level !== undefined && level >= ONBOARDED_LEVEL;
}
