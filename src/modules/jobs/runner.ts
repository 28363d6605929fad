import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../core/app-error.ts';
import type { Database } from '../../db/client.ts';
import { describeForLog } from '../../server/error-handler.ts';
import { claimNextJob, coalesceQueuedJobs, getJob, requeueAbandonedJobs, updateJob, type JobProgress, type JobRow } from './service.ts';

export type JobContext = {
  database: Database;
  job: JobRow;
  /** Records progress and proves the worker is alive. */
  progress(progress: JobProgress): Promise<void>;
  /** Records a phase reached, so that a resumed job can skip finished work. */
  phase(phase: string, result?: Record<string, unknown>): Promise<void>;
};

export type JobHandler = (context: JobContext) => Promise<Record<string, unknown>>;

/**
 * A handler whose run covers every change committed before it starts (data-quality checks, fact
 * refresh): when it starts, the other queued jobs of its kind and programme are merged into it.
 */
export function coalescing(handler: JobHandler): JobHandler {
  return async (context) => {
    await coalesceQueuedJobs(context.database.db, context.job);
    return handler(context);
  };
}

/** Failures worth retrying (database gone away) are retried this many times; others fail at once. */
const MAX_ATTEMPTS = 5;

/** Runs one claimed job to its end, recording the result or a failure the reader can understand. */
export async function runJob(database: Database, handlers: Record<string, JobHandler>, claimed: JobRow, log?: FastifyBaseLogger): Promise<JobRow> {
  const db = database.db;
  const handler = handlers[claimed.kind];
  if (!handler) {
    await updateJob(db, claimed.id, { status: 'failed', error: { key: 'errors.job.unknownKind' }, finishedAt: new Date() });
    return (await getJob(db, claimed.id)) ?? claimed;
  }
  let lastBeat = 0;
  const context: JobContext = {
    database,
    job: claimed,
    async progress(progress) {
      const now = Date.now();
      if (now - lastBeat < 250 && progress.done !== progress.total) return;
      lastBeat = now;
      await updateJob(db, claimed.id, { progress, heartbeatAt: new Date() });
    },
    async phase(phase, result) {
      await updateJob(db, claimed.id, { phase, heartbeatAt: new Date(), ...(result ? { result } : {}) });
      context.job = { ...context.job, phase, ...(result ? { result } : {}) };
    },
  };
  try {
    const result = await handler(context);
    await updateJob(db, claimed.id, { status: 'done', result, finishedAt: new Date(), heartbeatAt: new Date() });
  } catch (error) {
    if (error instanceof AppError) {
      await updateJob(db, claimed.id, { status: 'failed', error: { key: error.messageKey, params: error.params }, finishedAt: new Date() });
    } else {
      log?.error({ err: describeForLog(error), jobId: claimed.id }, 'job failed');
      const retry = claimed.attempts < MAX_ATTEMPTS;
      await updateJob(db, claimed.id, retry ? { status: 'queued' } : { status: 'failed', error: { key: 'errors.job.crashed' }, finishedAt: new Date() }).catch(() => undefined);
    }
  }
  return (await getJob(db, claimed.id)) ?? claimed;
}

export type JobRunner = { wake(): void; stop(): Promise<void>; idle(): Promise<void> };

/**
 * In-process worker: takes queued jobs one at a time (2-core machines: one heavy job is enough),
 * wakes on `wake()` and polls every few seconds for jobs queued by other processes.
 */
export function startJobRunner(options: { database: Database; handlers: Record<string, JobHandler>; log?: FastifyBaseLogger; pollMs?: number }): JobRunner {
  const { database, handlers, log } = options;
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;
  const kinds = Object.keys(handlers);

  // PGlite: the data-dir lock proves that no other process runs these jobs, so every job left
  // running was abandoned by a crash. PostgreSQL: other servers may be working; trust heartbeats.
  let firstPass = true;
  const loop = async () => {
    try {
      await requeueAbandonedJobs(database.db, { all: firstPass && database.kind === 'pglite', staleMs: 60_000 });
      firstPass = false;
      while (!stopped) {
        const next = await claimNextJob(database.db, kinds);
        if (!next) break;
        await runJob(database, handlers, next, log);
      }
    } catch (error) {
      log?.warn({ err: describeForLog(error) }, 'job runner paused');
    }
  };
  const wake = () => {
    if (stopped || running) return;
    running = loop().finally(() => {
      running = null;
      if (!stopped) timer = setTimeout(wake, options.pollMs ?? 5_000);
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
    },
    async idle() {
      while (running) await running;
    },
  };
}
