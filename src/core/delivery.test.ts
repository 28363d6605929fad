import { describe, expect, it } from 'vitest';
import { parseChannelRates, RateLimiter, retryDelayMs } from './delivery.ts';

describe('retry back-off', () => {
  it.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [4, 240_000],
    [8, 3_600_000],
    [30, 3_600_000],
  ])('waits after attempt %i about %i ms', (attempt, ms) => {
    expect(retryDelayMs(attempt, () => 0.5)).toBe(ms);
    expect(retryDelayMs(attempt, () => 0)).toBe(Math.round(ms * 0.8));
    expect(retryDelayMs(attempt, () => 1)).toBe(Math.round(ms * 1.2));
  });
});

describe('channel rates', () => {
  it.each([
    ['email=5,whatsapp=20,sms=5,log=100', { email: 5, whatsapp: 20, sms: 5, log: 100 }],
    [' email = 0.5 ', { email: 0.5 }],
    ['', {}],
  ])('parses %j', (text, rates) => {
    expect(parseChannelRates(text)).toEqual(rates);
  });

  it.each(['email', 'email=0', 'email=-1', 'email=lima', 'EMAIL=5'])('refuses %j', (text) => {
    expect(parseChannelRates(text)).toBeNull();
  });
});

describe('rate limiter', () => {
  it('lets a burst through, then spaces sends at the rate', () => {
    let clock = 0;
    const limiter = new RateLimiter(2, 2, () => clock);
    expect(limiter.take()).toBe(0);
    expect(limiter.take()).toBe(0);
    expect(limiter.take()).toBe(500);
    clock += 500;
    expect(limiter.take()).toBe(500);
    clock += 500;
    clock += 2_000;
    expect(limiter.take()).toBe(0);
    expect(limiter.take()).toBe(0);
    expect(limiter.take()).toBe(500);
  });

  it('never lets more than rate × seconds + burst through over a long run', () => {
    let clock = 0;
    const limiter = new RateLimiter(5, 5, () => clock);
    let sent = 0;
    while (clock < 10_000) {
      const wait = limiter.take();
      clock += wait;
      if (clock <= 10_000) sent += 1;
    }
    expect(sent).toBeLessThanOrEqual(5 * 10 + 5);
    expect(sent).toBeGreaterThanOrEqual(5 * 10);
  });
});
