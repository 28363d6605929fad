import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config.ts';
import { describeForLog } from './error-handler.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A path segment that can only be a route word (`api`, `check-in-codes`, `errors.csv`), never a value someone typed. */
const ROUTE_WORD = /^[a-z][a-z-]*(\.[a-z]+)?$/;

type LoggedRequest = { id: string; method: string; url: string; routeOptions?: { url?: string } };

/**
 * The request path as it may be logged: a route's own words and ids (UUIDs) are kept, any other
 * value in the path is replaced by `…` (a NIK, phone number or name pasted into an address must
 * not reach the log). The query string is never logged (searches hold NIK, phones, names).
 */
export function loggablePath(url: string, routePattern?: string): string {
  const segments = (url.split('?')[0] ?? '').split('/');
  const pattern = routePattern && !routePattern.includes('*') ? routePattern.split('/') : undefined;
  return segments
    .map((segment, i) => {
      const expected = pattern?.[i];
      if (expected !== undefined && !expected.startsWith(':')) return segment;
      if (UUID.test(segment)) return segment;
      if (pattern === undefined && (segment === '' || ROUTE_WORD.test(segment))) return segment;
      return '…';
    })
    .join('/');
}

/**
 * Pino options. Requests are logged without their query string and headers (cookies are session
 * tokens), with values in the path masked; errors as type, code and stack frames, without their
 * message (drivers quote the values of a failed query).
 */
export function loggerOptions(level: Config['logLevel']): FastifyServerOptions['logger'] {
  return {
    level,
    // `*.headers`: plugins log request headers too (multipart does at trace level).
    redact: { paths: ['req.headers', 'headers', '*.headers', 'password', '*.password', 'token', '*.token'], remove: true },
    serializers: {
      req: (req: LoggedRequest) => ({ id: req.id, method: req.method, url: loggablePath(req.url, req.routeOptions?.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: (err: unknown) => {
        const { type, frames, ...rest } = describeForLog(err);
        return { ...rest, type: String(type ?? 'Error'), message: '(withheld: it may quote input)', stack: String(frames ?? '') };
      },
    },
  };
}
