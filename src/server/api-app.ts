import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../core/app-error.ts';
import type { SessionActor } from './context.ts';
import type { FastifyRequest } from 'fastify';

/** The Fastify instance type route modules register on: Zod schemas give typed requests. */
export type ApiApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** The signed-in caller; the access hook has already refused anonymous calls to non-public routes. */
export function actorOf(request: FastifyRequest): SessionActor {
  if (!request.actor) throw new AppError('unauthenticated', 'errors.unauthenticated');
  return request.actor;
}
