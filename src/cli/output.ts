import { AppError } from '../core/app-error.ts';
import { ConfigError } from '../config.ts';
import { DataDirBusyError } from '../db/data-dir-lock.ts';
import { translate } from '../server/i18n.ts';

/** The CLI speaks both languages at once: Bahasa Indonesia first, then English. */
export function bilingual(key: string, params: Record<string, unknown> = {}): string {
  const id = translate('id', key, params);
  const en = translate('en', key, params);
  return id === en ? id : `${id}\n${en}`;
}

function appErrorText(error: AppError): string {
  const entity = error.params.entity;
  const lines = [
    translate('id', error.messageKey, { ...error.params, ...(entity ? { entity: translate('id', `entity.${entity}`) } : {}) }),
    translate('en', error.messageKey, { ...error.params, ...(entity ? { entity: translate('en', `entity.${entity}`) } : {}) }),
  ];
  for (const [field, key] of Object.entries(error.fields ?? {})) {
    lines.push(`  ${field}: ${translate('id', key, error.params)} / ${translate('en', key, error.params)}`);
  }
  return lines.join('\n');
}

/** Prints a failure clearly (no stack trace unless DEBUG is set) and sets a non-zero exit code. */
export function reportFailure(error: unknown): void {
  process.exitCode = 1;
  if (error instanceof AppError) {
    console.error(`Galat / Error:\n${appErrorText(error)}`);
  } else if (error instanceof ConfigError || error instanceof DataDirBusyError) {
    console.error(error.message);
  } else if (error instanceof CliError) {
    console.error(error.message);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`Galat tak terduga / Unexpected error: ${message}`);
    if (process.env.DEBUG && error instanceof Error) console.error(error.stack);
  }
}

/** A failure whose message is already written for the user, in both languages. */
export class CliError extends Error {}

/** Runs a command action, turning failures into a clear message and exit code 1. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (error) {
      reportFailure(error);
    }
  };
}
