import type { FastifyBaseLogger } from 'fastify';
import { and, asc, eq, lt, or, sql } from 'drizzle-orm';
import { MAX_DELIVERY_ATTEMPTS, RateLimiter, retryDelayMs, type ChannelRates } from '../../core/delivery.ts';
import type { Database, DbOrTx } from '../../db/client.ts';
import { outboxMessage } from '../../db/schema/index.ts';
import { describeForLog } from '../../server/error-handler.ts';
import { recipientWithdrew } from '../personal-data/consent.ts';
import { readAddress } from '../personal-data/values.ts';
import { CHANNELS, DeliveryError, type Channel, type ChannelAdapter, type ChannelAdapters, type InlineImage } from './adapters.ts';

/*
 * The outbox delivers each message AT MOST ONCE, even across crashes and restarts:
 *
 *   queued ──claim──▶ sending ──provider call──▶ sent
 *                       │                    ├─▶ queued (retryable failure: later, with back-off)
 *                       │                    ├─▶ failed (refused for good, or attempts used up)
 *                       │                    └─▶ unknown (the provider may have it: needs review)
 *                       └── crash ──▶ found in `sending` on restart ──▶ unknown (never resent)
 *
 * 1. Claim: one UPDATE marks the message `sending` (and counts the attempt) and COMMITS before
 *    the provider is called. FOR UPDATE SKIP LOCKED lets several servers share the queue
 *    without two claiming the same message.
 * 2. Send: the provider gets the message's idempotency key (SMTP Message-ID, `Idempotency-Key`,
 *    WhatsApp `biz_opaque_callback_data`), so a provider that deduplicates can also do so.
 * 3. Mark: `sent`, or per the failure kind (see DeliveryError): only failures where the provider
 *    certainly did not take the message go back to `queued`.
 * A crash (or a lost database) between 1 and 3 leaves the message in `sending`. It is then
 * impossible to know whether the provider sent it, so it is never sent again automatically:
 * on start, and for messages stuck longer than any send can take, `sending` becomes `unknown`
 * and a manager decides (mark sent, resend, or give up) through the campaign API.
 */

export type OutboxRow = typeof outboxMessage.$inferSelect;

/** A send never takes this long (adapter timeouts are ≤ 30 s): a message `sending` for longer was abandoned. */
export const STUCK_SENDING_MS = 5 * 60_000;

/** Messages left in `sending` by a crash become `unknown`; `all` when no other process can be sending (PGlite). */
export async function recoverInterruptedMessages(db: DbOrTx, options: { all: boolean; staleMs?: number; now?: Date }): Promise<number> {
  const now = options.now ?? new Date();
  const stale = new Date(now.getTime() - (options.staleMs ?? STUCK_SENDING_MS));
  const rows = await db
    .update(outboxMessage)
    .set({ status: 'unknown', lastError: 'interrupted', updatedAt: now })
    .where(and(eq(outboxMessage.status, 'sending'), options.all ? undefined : or(lt(outboxMessage.sendingAt, stale), sql`${outboxMessage.sendingAt} is null`)))
    .returning({ id: outboxMessage.id });
  return rows.length;
}

/**
 * Marks the next due message of a channel `sending` and returns it; the caller sends it next.
 * Due-ness is judged by the database clock (the one that stamped the message) unless a time is given.
 */
export async function claimNextMessage(db: DbOrTx, channel: Channel, now?: Date): Promise<OutboxRow | undefined> {
  const at = now ? sql`${now.toISOString()}::timestamptz` : sql`now()`;
  const [row] = await db
    .update(outboxMessage)
    .set({ status: 'sending', attempts: sql`${outboxMessage.attempts} + 1`, sendingAt: now ?? sql`now()`, updatedAt: now ?? sql`now()` })
    .where(
      eq(
        outboxMessage.id,
        sql`(select id from ${outboxMessage} where status = 'queued' and channel = ${channel} and next_attempt_at <= ${at}
             order by next_attempt_at, created_at limit 1 for update skip locked)`,
      ),
    )
    .returning();
  return row;
}

export type DeliveryCounts = { sent: number; retried: number; failed: number; unknown: number };

/** What a message says once personalised; `images` travel inline where the channel can carry them (email). */
export type PersonalisedText = { subject: string | null; body: string; images?: InlineImage[] };

/** Fills in what is only known at sending time (a campaign's signed RSVP link, the participant's check-in QR). */
export type Personalise = (db: DbOrTx, row: OutboxRow) => Promise<PersonalisedText>;

export type DeliveryOptions = {
  database: Database;
  adapters: ChannelAdapters;
  personalise?: Personalise;
  /** Token buckets per channel; pass the same map across calls so that the rate holds between them. */
  limiters?: Map<Channel, RateLimiter>;
  rates?: ChannelRates;
  log?: FastifyBaseLogger;
  now?: () => Date;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Stop early (worker shutting down). */
  stopped?: () => boolean;
  /** At most this many messages per channel in this call. */
  limit?: number;
};

/** Sends one claimed message and records the outcome (see the state diagram above). */
export async function deliverClaimed(db: DbOrTx, adapter: ChannelAdapter, row: OutboxRow, options: Pick<DeliveryOptions, 'now' | 'random' | 'log' | 'personalise'> = {}): Promise<keyof DeliveryCounts> {
  const now = options.now ?? (() => new Date());
  const claimed = and(eq(outboxMessage.id, row.id), eq(outboxMessage.status, 'sending'));
  // Consent withdrawn after the message was queued: never sent (checked here, right before the provider).
  if (await recipientWithdrew(db, row.recipientId)) {
    await db.update(outboxMessage).set({ status: 'cancelled', lastError: 'consent_withdrawn', updatedAt: now() }).where(claimed);
    return 'failed';
  }
  let text: PersonalisedText;
  try {
    text = options.personalise ? await options.personalise(db, row) : { subject: row.subject, body: row.body };
  } catch (error) {
    // Nothing reached the provider, but trying again would fail the same way.
    options.log?.warn({ err: describeForLog(error), outboxMessageId: row.id }, 'outbox message could not be personalised');
    await db.update(outboxMessage).set({ status: 'failed', lastError: 'personalise_failed', updatedAt: now() }).where(claimed);
    return 'failed';
  }
  try {
    // Phone numbers are stored encrypted and decrypted only here, for the provider.
    const result = await adapter.send({ id: row.id, idempotencyKey: row.idempotencyKey, channel: row.channel, address: readAddress(row.address), subject: text.subject, body: text.body, images: text.images });
    await db.update(outboxMessage).set({ status: 'sent', sentAt: now(), providerMessageId: result.providerMessageId, lastError: null, updatedAt: now() }).where(claimed);
    return 'sent';
  } catch (error) {
    const failure = error instanceof DeliveryError ? error : new DeliveryError('ambiguous', 'adapter_error');
    if (!(error instanceof DeliveryError)) options.log?.warn({ err: describeForLog(error), outboxMessageId: row.id }, 'outbox adapter failed unexpectedly');
    if (failure.kind === 'retryable' && row.attempts < MAX_DELIVERY_ATTEMPTS) {
      const next = new Date(now().getTime() + retryDelayMs(row.attempts, options.random));
      await db.update(outboxMessage).set({ status: 'queued', nextAttemptAt: next, lastError: failure.code, updatedAt: now() }).where(claimed);
      return 'retried';
    }
    const status = failure.kind === 'ambiguous' ? 'unknown' : 'failed';
    await db.update(outboxMessage).set({ status, lastError: failure.code, updatedAt: now() }).where(claimed);
    return status;
  }
}

function limiterFor(options: DeliveryOptions, channel: Channel): RateLimiter {
  options.limiters ??= new Map();
  let limiter = options.limiters.get(channel);
  if (!limiter) {
    limiter = new RateLimiter(options.rates?.[channel] ?? 10);
    options.limiters.set(channel, limiter);
  }
  return limiter;
}

/** Delivers every due message, the channels side by side, each at its own rate, until none is due. */
export async function deliverDueMessages(options: DeliveryOptions): Promise<DeliveryCounts> {
  const counts: DeliveryCounts = { sent: 0, retried: 0, failed: 0, unknown: 0 };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const db = options.database.db;
  await Promise.all(
    CHANNELS.map(async (channel) => {
      const adapter = options.adapters[channel];
      if (!adapter) return;
      const limiter = limiterFor(options, channel);
      for (let n = 0; n < (options.limit ?? Number.POSITIVE_INFINITY); n++) {
        if (options.stopped?.()) return;
        const wait = limiter.take();
        if (wait > 0) await sleep(wait);
        const row = await claimNextMessage(db, channel, options.now?.());
        if (!row) return;
        counts[await deliverClaimed(db, adapter, row, options)] += 1;
      }
    }),
  );
  return counts;
}

/** When the next queued message falls due, if any. */
export async function nextDueAt(db: DbOrTx): Promise<Date | null> {
  const [row] = await db.select({ at: outboxMessage.nextAttemptAt }).from(outboxMessage).where(eq(outboxMessage.status, 'queued')).orderBy(asc(outboxMessage.nextAttemptAt)).limit(1);
  return row?.at ?? null;
}

export type OutboxWorker = { wake(): void; stop(): Promise<void>; idle(): Promise<void> };

/**
 * The in-process delivery loop: recovers interrupted messages once at start, then delivers due
 * messages, sleeping until the next one is due (at most `pollMs`, to see messages written by
 * other processes). Rates are per process.
 */
export function startOutboxWorker(options: Omit<DeliveryOptions, 'stopped' | 'limiters'> & { pollMs?: number }): OutboxWorker {
  const { database, log } = options;
  const pollMs = options.pollMs ?? 2_000;
  const limiters = new Map<Channel, RateLimiter>();
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let firstPass = true;

  const loop = async (): Promise<number> => {
    try {
      if (firstPass) {
        const recovered = await recoverInterruptedMessages(database.db, { all: database.kind === 'pglite' });
        if (recovered) log?.warn({ count: recovered }, 'outbox messages interrupted while sending were marked unknown (needs review)');
        firstPass = false;
      }
      await recoverInterruptedMessages(database.db, { all: false });
      await deliverDueMessages({ ...options, limiters, stopped: () => stopped });
      const next = await nextDueAt(database.db);
      return next ? Math.max(50, Math.min(pollMs, next.getTime() - Date.now())) : pollMs;
    } catch (error) {
      log?.warn({ err: describeForLog(error) }, 'outbox worker paused');
      return pollMs;
    }
  };
  const wake = () => {
    if (stopped || running) return;
    running = loop().then((delay) => {
      running = null;
      if (!stopped) timer = setTimeout(wake, delay);
    });
  };
  wake();
  return {
    wake() {
      clearTimeout(timer);
      wake();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      for (const adapter of Object.values(options.adapters)) adapter?.close?.();
    },
    async idle() {
      while (running) await running;
    },
  };
}
