/**
 * Standard indicator codes that targets refer to. Their definitions (numerator,
 * denominator, disaggregations) arrive with the monitoring capability; the codes are stable.
 */
export const INDICATOR_CODES = [
  'msme_enrolled',
  'msme_trained',
  'msme_mentored',
  'people_trained',
  'government_staff_trained',
  'women_share',
  'sessions_held',
  'attendance_rate',
  'trainers_certified',
  'cascade_reach',
  'msme_onboarded',
  'first_online_sale',
  'maturity_gain',
  'test_gain',
  'satisfaction',
  'nps',
  'regencies_reached',
  'sites_active',
  'msme_revenue_growth',
  'online_sales_share',
  'jobs_created',
] as const;
export type IndicatorCode = (typeof INDICATOR_CODES)[number];

export type IndicatorUnit = 'count' | 'percent' | 'score';

export const INDICATOR_UNITS: Record<IndicatorCode, IndicatorUnit> = {
  msme_enrolled: 'count',
  msme_trained: 'count',
  msme_mentored: 'count',
  people_trained: 'count',
  government_staff_trained: 'count',
  women_share: 'percent',
  sessions_held: 'count',
  attendance_rate: 'percent',
  trainers_certified: 'count',
  cascade_reach: 'count',
  msme_onboarded: 'count',
  first_online_sale: 'count',
  maturity_gain: 'score',
  test_gain: 'score',
  satisfaction: 'score',
  nps: 'score',
  regencies_reached: 'count',
  sites_active: 'count',
  msme_revenue_growth: 'count',
  online_sales_share: 'percent',
  jobs_created: 'count',
};
