import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../core/app-error.ts';
import { translate, type Locale } from './i18n.ts';

export type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

const zodLocales = { id: z.locales.id(), en: z.locales.en() };

type ValidationEntry = { instancePath: string; keyword: string; message?: string; params?: Record<string, unknown> };

/** Our own refinement messages are i18n keys; built-in Zod messages are re-rendered in the caller's language. */
function validationMessage(entry: ValidationEntry, locale: Locale): string {
  const message = entry.message ?? '';
  if (message.startsWith('errors.')) return translate(locale, message);
  // The two most common cases read better as one plain word than as Zod's generic sentence.
  const missing = entry.keyword === 'invalid_type' && /received undefined$/.test(message);
  const emptyText = entry.keyword === 'too_small' && entry.params?.origin === 'string' && entry.params.minimum === 1;
  if (missing || emptyText) return translate(locale, 'errors.field.required');
  const issue = { ...entry.params, code: entry.keyword, path: [], message, input: undefined } as unknown as z.core.$ZodRawIssue;
  const rendered = zodLocales[locale].localeError(issue);
  if (typeof rendered === 'string') return rendered;
  return rendered?.message ?? message;
}

function fieldName(instancePath: string, context: string | undefined): string {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  if (path) return path;
  return context === 'body' ? 'body' : (context ?? 'request');
}

/** Database unreachable or shutting down: 503, not 500. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string; cause?: unknown } | null;
  if (!e) return false;
  const codes = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08006', '08001', '08003'];
  if (e.code && codes.includes(e.code)) return true;
  if (typeof e.message === 'string' && /Connection terminated|connection timeout|Client has encountered a connection error/i.test(e.message)) return true;
  return e.cause !== undefined && e.cause !== error && isDatabaseUnavailable(e.cause);
}

/**
 * What of an unexpected error may be logged: type, codes, a scrubbed cause and the stack
 * frames. Messages are scrubbed because drivers quote query parameters and input values.
 */
export function describeForLog(error: unknown): Record<string, unknown> {
  const e = error as { name?: string; code?: string; stack?: string; cause?: { code?: string; message?: string } } | null;
  const frames = (e?.stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
  return {
    type: e?.name,
    code: e?.code,
    causeCode: e?.cause?.code,
    cause: e?.cause?.message ? scrubForLog(e.cause.message) : undefined,
    frames,
  };
}

/** Removes quoted values and long digit runs (NIK, phone numbers) from a message. */
export function scrubForLog(message: string): string {
  return message
    .replace(/"[^"]*"|'[^']*'/g, '"…"')
    .replace(/\+?\d[\d\s.-]{5,}\d/g, '…')
    .slice(0, 300);
}

export function sendError(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const locale = request.locale;
    if (error instanceof AppError) {
      const fields = error.fields
        ? Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k, translate(locale, v, error.params)]))
        : undefined;
      const entity = error.params.entity ? translate(locale, `entity.${error.params.entity}`) : undefined;
      const message = translate(locale, error.messageKey, { ...error.params, ...(entity ? { entity } : {}) });
      if (error.status >= 500) request.log.error({ code: error.code }, 'service error');
      return sendError(reply, error.status, { error: { code: error.code, message, ...(fields ? { fields } : {}) } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields: Record<string, string> = {};
      for (const entry of error.validation as unknown as ValidationEntry[]) {
        const name = fieldName(entry.instancePath, error.validationContext);
        fields[name] ??= validationMessage(entry, locale);
      }
      return sendError(reply, 400, { error: { code: 'validation', message: translate(locale, 'errors.validation'), fields } });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (error.statusCode === 400 && error instanceof SyntaxError)) {
      return sendError(reply, 400, { error: { code: 'bad_request', message: translate(locale, 'errors.badJson') } });
    }
    if (error.statusCode === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE' || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(reply, 413, { error: { code: 'payload_too_large', message: translate(locale, 'errors.payloadTooLarge', { maxMb: 10 }) } });
    }
    if (error.statusCode === 429) {
      return sendError(reply, 429, { error: { code: 'rate_limited', message: error.message } });
    }
    if (error.statusCode === 415) {
      return sendError(reply, 415, { error: { code: 'unsupported_media_type', message: error.message } });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: { code: (error as { code?: string }).code } }, 'database unavailable');
      return sendError(reply, 503, { error: { code: 'unavailable', message: translate(locale, 'errors.unavailable') } });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, error.statusCode, { error: { code: 'bad_request', message: error.message } });
    }
    request.log.error({ err: describeForLog(error) }, 'unhandled error');
    return sendError(reply, 500, { error: { code: 'internal', message: translate(locale, 'errors.internal') } });
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, { error: { code: 'not_found', message: translate(request.locale, 'errors.routeNotFound') } }),
  );
}
