import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOnboarded, MATURITY_QUESTIONS, maturityLevelOf, type MaturityAnswers } from './maturity.ts';

const yes = (...questions: (keyof MaturityAnswers)[]): MaturityAnswers => Object.fromEntries(questions.map((q) => [q, true]));

describe('digital maturity rule', () => {
  it.each<[string, MaturityAnswers, number]>([
    ['nothing answered', {}, 0],
    ['every answer no', Object.fromEntries(MATURITY_QUESTIONS.map((q) => [q, false])), 0],
    ['a business social-media account', yes('has_social_account'), 1],
    ['a business profile on a map', yes('has_business_profile'), 1],
    ['a marketplace listing', yes('listed_on_marketplace'), 2],
    ['a social-commerce shop, no social account answered', yes('sells_via_social_commerce'), 2],
    ['social account and marketplace', yes('has_social_account', 'listed_on_marketplace'), 2],
    ['online orders without a listing stay at presence', yes('has_social_account', 'receives_online_orders', 'accepts_digital_payments'), 1],
    ['listing and online orders, no digital payment', yes('listed_on_marketplace', 'receives_online_orders'), 2],
    ['listing and QRIS, no online orders', yes('listed_on_marketplace', 'accepts_digital_payments'), 2],
    ['listing, online orders and QRIS', yes('listed_on_marketplace', 'receives_online_orders', 'accepts_digital_payments'), 3],
    ['social commerce, online orders and QRIS', yes('sells_via_social_commerce', 'receives_online_orders', 'accepts_digital_payments'), 3],
    ['transacts and runs ads', yes('listed_on_marketplace', 'receives_online_orders', 'accepts_digital_payments', 'runs_paid_ads'), 4],
    ['transacts and reads analytics', yes('listed_on_marketplace', 'receives_online_orders', 'accepts_digital_payments', 'uses_sales_analytics'), 4],
    ['transacts with repeat online customers', yes('sells_via_social_commerce', 'receives_online_orders', 'accepts_digital_payments', 'has_repeat_online_customers'), 4],
    ['ads without transacting online', yes('has_social_account', 'runs_paid_ads', 'uses_sales_analytics'), 1],
    ['ads and a listing, no payments', yes('listed_on_marketplace', 'runs_paid_ads'), 2],
    ['everything', Object.fromEntries(MATURITY_QUESTIONS.map((q) => [q, true])), 4],
  ])('%s → level %i', (_, answers, level) => {
    expect(maturityLevelOf(answers)).toBe(level);
  });

  it('never lowers the level when one more answer turns to yes', () => {
    const answers = fc.record(Object.fromEntries(MATURITY_QUESTIONS.map((q) => [q, fc.boolean()])) as Record<string, fc.Arbitrary<boolean>>);
    fc.assert(
      fc.property(answers, fc.constantFrom(...MATURITY_QUESTIONS), (a, q) => {
        expect(maturityLevelOf({ ...a, [q]: true })).toBeGreaterThanOrEqual(maturityLevelOf(a));
      }),
    );
  });

  it.each([
    [null, false],
    [0, false],
    [1, false],
    [2, true],
    [4, true],
  ])('level %s is on-boarded: %s', (level, expected) => {
    expect(isOnboarded(level)).toBe(expected);
  });
});
