import type { FastifyRequest } from 'fastify';
import type { AppContext } from './context.ts';

/** Base of links given to people (QR codes, personal links): BERDAYA_PUBLIC_URL, else the request's origin. */
export function publicBase(ctx: AppContext, request: FastifyRequest): string {
  return (ctx.config.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
}
