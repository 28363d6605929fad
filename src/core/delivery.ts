/**
 * Delivery rules of the outbox, free of I/O: how long to wait before the next attempt and
 * how fast each channel may send.
 */

/** Attempts (first send included) before a message that keeps failing is given up as `failed`. */
export const MAX_DELIVERY_ATTEMPTS = 5;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;

/**
 * Exponential back-off after the given failed attempt (1-based): 30 s, 1 min, 2 min, 4 min …
 * capped at one hour, with ±20 % jitter so that a provider outage does not end in a thundering
 * herd. `random` is injectable for tests.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (0.8 + 0.4 * random()));
}

/** Messages per second, per channel: `email=5,whatsapp=20,sms=5,log=100`. */
export type ChannelRates = Record<string, number>;

export function parseChannelRates(text: string): ChannelRates | null {
  const rates: ChannelRates = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z]+)\s*=\s*(\d+(?:\.\d+)?)$/.exec(part);
    if (!m || Number(m[2]) <= 0) return null;
    rates[m[1] as string] = Number(m[2]);
  }
  return rates;
}

/**
 * A token bucket: `rate` sends per second with bursts up to `burst`. `take()` answers how long
 * to wait before sending (0 when a token is available) and consumes the token.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number = Math.max(1, Math.ceil(rate)),
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(): number {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    const wait = ((1 - this.tokens) / this.rate) * 1000;
    // The token is reserved now: the caller sends after waiting.
    this.tokens -= 1;
    return Math.ceil(wait);
  }
}
