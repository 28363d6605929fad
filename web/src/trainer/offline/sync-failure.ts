import { isApiError } from '../../api/client.ts';
import { i18n } from '../../i18n/setup.ts';

/** Records waiting for an answer stop the run: the rest is tried again later, in the same order. */
export class Stop extends Error {
  readonly signIn: boolean;
  constructor(problem: string, signIn = false) {
    super(problem);
    this.signIn = signIn;
  }
}

export type Failure = { retry: true; problem: string; signIn: boolean } | { retry: false; message: string; fields: Record<string, string> | null; code: string };

/**
 * What a failed request means for its records: no network, an expired session or server trouble
 * leave them pending (tried again later); a refusal of the request itself (4xx) rejects them.
 */
export function failure(error: unknown): Failure {
  if (!isApiError(error)) return { retry: true, problem: error instanceof Error ? error.message : String(error), signIn: false };
  if (error.status === 0) return { retry: true, problem: i18n.t('trainer.sync.offlineProblem'), signIn: false };
  if (error.status === 401) return { retry: true, problem: i18n.t('trainer.sync.signInProblem'), signIn: true };
  if (error.status === 408 || error.status === 429 || error.status >= 500) return { retry: true, problem: error.message, signIn: false };
  const fields = Object.keys(error.fields).length ? error.fields : null;
  return { retry: false, message: fields ? Object.values(fields).join(' · ') : error.message, fields, code: fields ? 'invalid_values' : error.code };
}

/** A reason the server gave for refusing an attendance record or participant edit, in the user's language. */
export const reasonText = (reason: string) => i18n.t(`trainer.reasons.${reason}` as 'trainer.reasons.invalid_record', { defaultValue: reason });

/** Retryable failures stop the run; refusals are returned for the caller to record. */
export function refusalOf(error: unknown): Extract<Failure, { retry: false }> {
  const f = failure(error);
  if (f.retry) throw new Stop(f.problem, f.signIn);
  return f;
}
