import type { FastifyBaseLogger } from 'fastify';

export type Periodic = { stop(): Promise<void> };

/**
 * Runs `work` now and then `intervalMs` after each run ends, while the server runs; never two at
 * once. A failure (a database outage, say) is logged as `failure` and the next round tries again.
 * `stop` waits for a run in progress.
 */
export function startPeriodic(options: { work: () => Promise<unknown>; intervalMs: number; log: FastifyBaseLogger; failure: string }): Periodic {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const run = () => {
    if (stopped || running) return;
    running = options
      .work()
      .then(() => undefined)
      .catch((error: unknown) => options.log.warn({ err: error }, options.failure))
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(run, options.intervalMs);
      });
  };
  timer = setTimeout(run, 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
