import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config.ts';

/**
 * Pino options. Requests are logged without their query string (searches may hold
 * names, phone numbers or NIK) and without headers (cookies are session tokens).
 */
export function loggerOptions(level: Config['logLevel']): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: ['req.headers', 'password', '*.password', 'token', '*.token'], remove: true },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
